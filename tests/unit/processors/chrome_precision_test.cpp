// Chrome rules are judged by their precision on real prose (issue 16): every
// rule runs over every paragraph of the articles kept in this repository, and
// inserting any rule's chrome line into a real article must remove exactly
// that line. The prose criterion is written down in docs/normalize.md; this
// test prints the per-rule table that page reports.
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "newsflow/processors/normalize.hpp"
#include "newsflow/processors/parser.hpp"
#include "newsflow/processors/text_util.hpp"

namespace newsflow::processors {
namespace {

const std::string kSource = NEWSFLOW_SOURCE_DIR;

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> read_lines(const std::string& path) {
  std::vector<std::string> lines;
  std::istringstream in(read_file(path));
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

struct CorpusArticle {
  std::string origin;  // file:line
  std::string title;
  std::string body;
};

// The real articles the project holds: the news-please sample as kept by the
// dedup and topics evaluations (Apache-2.0, see tests/eval/dedup/README.md),
// the seed as scraped, and the sample records. Identical bodies count once.
std::vector<CorpusArticle> corpus() {
  std::vector<CorpusArticle> out;
  std::set<std::string> bodies;
  ArticleParser parser{ParserOptions{}};
  const auto add_ndjson = [&](const std::string& rel, const std::vector<bool>& wanted) {
    const auto lines = read_lines(kSource + "/" + rel);
    for (size_t i = 0; i < lines.size(); ++i) {
      if (!wanted.empty() && !wanted.at(i)) continue;
      RawRecord raw;
      raw.value = lines[i];
      Article a;
      if (parser.parse(raw, a)) continue;  // the bad records of the samples
      if (!bodies.insert(a.body).second) continue;
      out.push_back({rel + ":" + std::to_string(i + 1), a.title, a.body});
    }
  };
  std::vector<bool> originals;  // gold.tsv has a header, then one row per record
  const auto gold = read_lines(kSource + "/tests/eval/dedup/gold.tsv");
  for (size_t i = 1; i < gold.size(); ++i) originals.push_back(gold[i].find("\toriginal\t") != std::string::npos);
  add_ndjson("tests/eval/dedup/articles.ndjson", originals);
  add_ndjson("tests/eval/topics/articles.ndjson", {});
  add_ndjson("samples/articles.ndjson", {});
  const std::string seed = read_file(kSource + "/tests/data/seed-article.txt");
  if (bodies.insert(seed).second) out.push_back({"tests/data/seed-article.txt", "", seed});
  return out;
}

std::vector<std::string> words_of(std::string_view s) {
  std::vector<std::string> words;
  std::istringstream in{std::string(s)};
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

bool ends_sentence(std::string_view w) {
  for (std::string_view close : {"”", "’", "»", "\"", "'", ")"})
    while (w.ends_with(close)) w.remove_suffix(close.size());
  return w.ends_with(".") || w.ends_with("!") || w.ends_with("?") || w.ends_with("…");
}

// Phrases of the page's service to its reader; a sentence holding one is
// page furniture even though it is grammatical ("All rights reserved.").
bool boilerplate(std::string sentence) {
  for (char& c : sentence) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* phrase : {"all rights reserved", "our website", "thanks for subscribing", "privacy policy",
                             "post a comment", "will not be published", "use cookies"})
    if (sentence.find(phrase) != std::string::npos) return true;
  return false;
}

// The criterion (docs/normalize.md): a paragraph is prose when it has more
// than 40 words, or a sentence of at least 5 words ending in . ! ? or …
// (closing quotes allowed), two of them starting lower-case (a sentence has
// function words; a credit line such as "Copyright © 2018 ABC News Internet
// Ventures." has none), that holds none of the boilerplate phrases.
bool is_prose(std::string_view paragraph) {
  const auto words = words_of(paragraph);
  if (words.size() > 40) return true;
  std::string sentence;
  size_t n = 0, lower = 0;
  for (const auto& w : words) {
    sentence += w + " ";
    ++n;
    lower += w.front() >= 'a' && w.front() <= 'z';
    if (!ends_sentence(w)) continue;
    if (n >= 5 && lower >= 2 && !boilerplate(sentence)) return true;
    sentence.clear();
    n = lower = 0;
  }
  return false;
}

TEST(ChromePrecisionTest, TheProseCriterionTellsProseFromChrome) {
  EXPECT_TRUE(is_prose("More information will be released next week, the mayor said."));
  EXPECT_TRUE(is_prose("More international students are applying to Canadian universities than ever before."));
  EXPECT_TRUE(is_prose("“We will vote,” the senator told reporters on Monday."));
  EXPECT_TRUE(is_prose("Rates rose. The bank said the rise would be the last this year."));
  EXPECT_FALSE(is_prose("More in Uncategorized"));
  EXPECT_FALSE(is_prose("Copyright © 2018 ABC News Internet Ventures. Yahoo! - ABC News Network"));
  EXPECT_FALSE(is_prose("Related: 34 things to know about the new tax law"));
  EXPECT_FALSE(is_prose("Your email address will not be published. Required fields are marked *"));
  EXPECT_FALSE(is_prose("Copyright © 2016 NPR. All rights reserved. Visit our website terms of use and permissions "
                        "pages at www.npr.org for further information."));
}

class ChromeRulesOnCorpus : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    rules_ = load_normalize_rules(std::string(NEWSFLOW_DATA_DIR_FOR_TESTS) + "/normalize/chrome.rules");
    articles_ = corpus();
  }
  static inline std::shared_ptr<const NormalizeRules> rules_;
  static inline std::vector<CorpusArticle> articles_;
};

TEST_F(ChromeRulesOnCorpus, NoRuleRemovesAParagraphOfProse) {
  const auto list = chrome_rules(*rules_);
  std::vector<size_t> removed(list.size(), 0);
  size_t paragraphs = 0;
  std::string decoded;
  std::vector<std::string_view> lines;
  for (const auto& a : articles_) {
    decoded.clear();
    clean_body(a.body, decoded);
    split_lines(decoded, lines);
    paragraphs += lines.size();
    for (const auto line : lines)
      for (size_t r = 0; r < list.size(); ++r) {
        if (!chrome_rule_matches(*rules_, r, line)) continue;
        ++removed[r];
        EXPECT_FALSE(is_prose(line)) << list[r].location << list[r].kind << ": '" << list[r].text
                                     << "' removes prose in " << a.origin << ": " << line;
      }
  }
  // The context rules (title repeats, leading fragments) act through the
  // processor: count what it removes that no chrome rule matches.
  auto processor = make_normalize_processor(rules_);
  size_t title_repeats = 0, fragments = 0, suspect = 0;
  for (const auto& a : articles_) {
    Article art;
    art.title = a.title;
    art.body = a.body;
    if (processor->process(art).kind != Outcome::Kind::pass) continue;
    suspect += art.normalize_suspect;
    title_repeats += art.title_repeat_removed;
    size_t by_rules = 0;
    decoded.clear();
    clean_body(a.body, decoded);
    split_lines(decoded, lines);
    for (const auto line : lines)
      for (size_t r = 0; r < list.size(); ++r)
        if (chrome_rule_matches(*rules_, r, line)) {
          ++by_rules;
          break;
        }
    ASSERT_GE(art.chrome_lines_removed, by_rules) << a.origin;
    if (!art.normalize_suspect) fragments += art.chrome_lines_removed - by_rules;
  }
  EXPECT_GE(articles_.size(), 280u) << "the corpus under tests/ is missing";
  EXPECT_EQ(suspect, 0u) << "no real article should need the suspect guard";

  std::cout << articles_.size() << " articles, " << paragraphs << " paragraphs\n"
            << "| rule | paragraphs removed | of them prose |\n| --- | --- | --- |\n";
  for (size_t r = 0; r < list.size(); ++r)
    if (removed[r] > 0) std::cout << "| `" << list[r].kind << ": " << list[r].text << "` | " << removed[r] << " | 0 |\n";
  size_t unused = 0;
  for (size_t n : removed) unused += n == 0;
  std::cout << "| (" << unused << " other rules) | 0 | 0 |\n"
            << "| title repeats (articles) | " << title_repeats << " | by definition the headline |\n"
            << "| leading fragments | " << fragments << " | 0 (at most 12 words, no sentence ending) |\n";
}

// The line a rule is written to remove: the text itself, and for the prefix
// kinds a heading after it.
std::string chrome_line(const ChromeRuleInfo& rule) {
  if (rule.kind == "line") return rule.text;
  return rule.text + (rule.text.ends_with(' ') ? "" : " ") + "Politics";
}

TEST_F(ChromeRulesOnCorpus, InsertingAChromeLineRemovesExactlyThatLine) {
  const auto list = chrome_rules(*rules_);
  auto processor = make_normalize_processor(rules_);
  size_t checked = 0;
  // The seed at every paragraph break, then the first 30 other articles at
  // the start, the middle and the end.
  for (size_t i = 0; i < articles_.size() && i < 31; ++i) {
    const auto& a = i == 0 ? articles_.back() : articles_[i - 1];
    Article base;
    base.title = a.title;
    base.body = a.body;
    ASSERT_EQ(processor->process(base).kind, Outcome::Kind::pass) << a.origin;
    std::vector<size_t> cuts = {0, a.body.size()};
    for (size_t nl = a.body.find('\n'); nl != std::string::npos; nl = a.body.find('\n', nl + 1))
      if (i == 0 || cuts.size() == 2) cuts.push_back(nl + 1);
    if (const size_t middle = a.body.find('\n', a.body.size() / 2); i != 0 && middle != std::string::npos)
      cuts.push_back(middle + 1);
    for (const auto& rule : list)
      for (size_t cut : cuts) {
        Article with;
        with.title = a.title;
        with.body = a.body.substr(0, cut) + "\n" + chrome_line(rule) + "\n" + a.body.substr(cut);
        ASSERT_EQ(processor->process(with).kind, Outcome::Kind::pass);
        EXPECT_EQ(with.text, base.text) << rule.location << "'" << chrome_line(rule) << "' at byte " << cut
                                        << " of " << a.origin;
        EXPECT_EQ(with.chrome_lines_removed, base.chrome_lines_removed + 1) << rule.location << a.origin;
        ++checked;
      }
  }
  EXPECT_GT(checked, list.size() * 30 * 3);
  std::cout << checked << " insertions checked\n";
}

}  // namespace
}  // namespace newsflow::processors

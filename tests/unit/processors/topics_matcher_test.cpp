// The token-lookup matcher against the definition it replaced: one Hyperscan
// pass over every literal, keeping matches on word boundaries. Same rules,
// same texts, the same set of (start, end, pattern) must come out.
#include <gtest/gtest.h>
#include <hs/hs.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <tuple>
#include <vector>

#include "newsflow/processors/topics.hpp"
#include "topics/matcher.hpp"
#include "topics/rules.hpp"

namespace newsflow::processors::topics {
namespace {

const std::string kData = NEWSFLOW_DATA_DIR_FOR_TESTS;

using Triple = std::tuple<uint32_t, uint32_t, uint32_t>;

// Every literal of the rules in one Hyperscan database, as before the index.
class ReferenceMatcher {
 public:
  explicit ReferenceMatcher(const TopicRules& rules) : rules_(rules) {
    std::vector<const char*> exprs;
    std::vector<unsigned> flags, ids;
    std::vector<size_t> lens;
    for (uint32_t id = 0; id < rules.patterns.size(); ++id) {
      std::string_view text = rules.term_index.text(id);
      exprs.push_back(text.data());
      lens.push_back(text.size());
      flags.push_back(rules.term_index.literal(id).caseless ? HS_FLAG_CASELESS : 0);
      ids.push_back(id);
    }
    hs_compile_error_t* error = nullptr;
    if (hs_compile_lit_multi(exprs.data(), flags.data(), ids.data(), lens.data(), static_cast<unsigned>(exprs.size()),
                             HS_MODE_BLOCK, nullptr, &db_, &error) != HS_SUCCESS) {
      hs_free_compile_error(error);
      throw std::runtime_error("reference database did not compile");
    }
    hs_alloc_scratch(db_, &scratch_);
  }
  ~ReferenceMatcher() {
    hs_free_scratch(scratch_);
    hs_free_database(db_);
  }

  std::vector<Triple> scan(std::string_view text) {
    text_ = text;
    out_.clear();
    hs_scan(db_, text.data(), static_cast<unsigned>(text.size()), 0, scratch_, &on_match, this);
    std::sort(out_.begin(), out_.end());
    return out_;
  }

 private:
  static int on_match(unsigned id, unsigned long long, unsigned long long to, unsigned, void* context) {
    auto* self = static_cast<ReferenceMatcher*>(context);
    const Pattern& p = self->rules_.patterns[id];
    auto end = static_cast<uint32_t>(to);
    uint32_t start = end - p.length;
    if (word_char_before(self->text_, start)) return 0;
    if (!p.prefix && word_char_at(self->text_, end)) return 0;
    self->out_.emplace_back(start, end, id);
    return 0;
  }

  const TopicRules& rules_;
  hs_database_t* db_ = nullptr;
  hs_scratch_t* scratch_ = nullptr;
  std::string_view text_;
  std::vector<Triple> out_;
};

std::vector<Triple> scan(Matcher& m, std::string_view text) {
  std::vector<Match> raw;
  EXPECT_TRUE(m.scan(text, raw));
  std::vector<Triple> out;
  for (const auto& x : raw) out.emplace_back(x.start, x.end, x.pattern);
  std::sort(out.begin(), out.end());
  return out;
}

TEST(TopicMatcher, FindsWhatOneHyperscanPassOverEveryLiteralFinds) {
  auto rules = load_topic_rules({kData + "/topics", false});
  ReferenceMatcher reference(*rules);
  Matcher matcher(*rules);
  std::vector<std::string> texts = {
      "U.S. and NATO officials met in Brussels; the u.s. army said NATO’s role grew.",
      "Vaccines, vaccination and VACCINE-makers: the World Health Organization warned.",
      "South China Sea tensions: China, Chinese ships, CHINA (AP) — BEIJING responded.",
      "Academy Awards, academy award-winning actresses; live-tweeting the Oscars.",
      "new yorker New York-based Zürich café naïve résumé 東京 São Paulo",
      "ends with a term: football",
      "",
      "\xff\xfe broken \xc3 bytes \xe2\x80 NATO\xe2\x80\x99s",
  };
  std::ifstream in(std::string(NEWSFLOW_SOURCE_DIR) + "/tests/eval/topics/articles.ndjson");
  for (std::string line; std::getline(in, line);) texts.push_back(line);  // raw JSON lines: escapes and all
  size_t total = 0;
  for (const auto& text : texts) {
    auto want = reference.scan(text);
    auto got = scan(matcher, text);
    total += want.size();
    ASSERT_EQ(got, want) << "text: " << text.substr(0, 200);
  }
  EXPECT_GT(total, 10000u);  // the comparison covered real matches
}

TEST(TopicMatcher, LiteralsStartingWithPunctuationStillMatch) {
  // "#metoo" cannot start at a token, so it goes through the small Hyperscan
  // database the index leaves for such literals.
  auto rules = load_topic_rules({kData + "/topics", false});
  ASSERT_NE(rules->database, nullptr);
  Matcher matcher(*rules);
  std::string text = "The #MeToo movement; not#metoo";
  std::vector<uint32_t> hashtag_starts;
  for (const auto& [start, end, id] : scan(matcher, text))
    if (rules->term_index.text(id) == "#metoo") hashtag_starts.push_back(start);
  EXPECT_EQ(hashtag_starts, std::vector<uint32_t>{4});
}

}  // namespace
}  // namespace newsflow::processors::topics

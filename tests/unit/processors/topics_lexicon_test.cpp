// The token lexicon against the tables it answers for: every token must get
// the person word classes WordClasses::find gives its exact spelling, the
// term candidates TermIndex::whole gives its hash, and the pair flag of the
// literals that start with it. (Matches as a whole: topics_matcher_test; the
// English check: language_test.)
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <string>
#include <vector>

#include "newsflow/processors/topics.hpp"
#include "text/tokenizer.hpp"
#include "topics/lexicon.hpp"
#include "topics/rules.hpp"

namespace newsflow::processors::topics {
namespace {

const std::string kData = NEWSFLOW_DATA_DIR_FOR_TESTS;

std::vector<uint32_t> ids(std::span<const TermIndex::Candidate> s) {
  std::vector<uint32_t> out;
  for (const auto& c : s) out.push_back(c.id);
  return out;
}

void expect_agrees(const TopicRules& rules, std::string_view text) {
  std::vector<text::Token> tokens;
  std::vector<uint32_t> entries;
  text::tokenize(text, tokens);
  rules.lexicon.lookup(tokens, entries);
  ASSERT_EQ(entries.size(), tokens.size());
  const auto& pair_first = rules.term_index.pair_first_keys();
  for (size_t i = 0; i < tokens.size(); ++i) {
    const text::Token& t = tokens[i];
    std::string_view word = text.substr(t.start, t.end - t.start);
    EXPECT_EQ(rules.lexicon.classes(entries[i], word, text.data() + text.size()), rules.persons.classes.find(word))
        << word;
    const TokenLexicon::Entry& e = rules.lexicon.entry(entries[i]);
    auto whole = ids(rules.term_index.whole(t.hash));
    // A token that is not listed may meet another key's tag and get its
    // entry; the matcher verifies those candidates, so only listed keys
    // must come out exactly.
    if (!whole.empty()) {
      EXPECT_EQ(ids(rules.lexicon.whole(e)), whole) << word;
    }
    const bool pair_start = std::binary_search(pair_first.begin(), pair_first.end(), t.hash);
    if (pair_start) {
      EXPECT_TRUE(e.pair_start) << word;
    }
    // The callers skip a token on these range tests alone.
    if (!whole.empty() || pair_start) {
      EXPECT_TRUE(rules.lexicon.for_matcher(entries[i])) << word;
    }
    const WordClasses::Entry* known = rules.persons.classes.find(word);
    if (known) {
      EXPECT_TRUE(rules.lexicon.for_names(entries[i])) << word;
    }
    // What the name finder reads: the bits of the exact spelling, or 0.
    if (rules.lexicon.for_names(entries[i])) {
      EXPECT_EQ(rules.lexicon.class_bits(entries[i], word, text.data() + text.size()),
                known ? TokenLexicon::kFound | known->second : 0u)
          << word;
    }
    // The matcher probes the pair table only when the entry's mask has the
    // next word's bit: every pair literal on these two tokens must have it.
    if (i + 1 < tokens.size() && !rules.term_index.pair(TermIndex::pair_hash(t.hash, tokens[i + 1].hash)).empty()) {
      EXPECT_NE(e.pair_seconds & TokenLexicon::second_bit(tokens[i + 1].hash), 0u) << word;
    }
    if (entries[i] == 0) {
      EXPECT_FALSE(rules.lexicon.for_matcher(0) || rules.lexicon.for_names(0));
    }
  }
}

// What visit() answers in its one pass must be what each consumer asked of
// the entry on its own before: lookup's entry, class_bits for the person
// lists, the matcher's two tests (an entry for it, the prefix filter) and the
// English check, counted up to the number asked for.
void expect_visit_agrees(const TopicRules& rules, std::string_view text, size_t english_wanted) {
  std::vector<text::Token> tokens;
  std::vector<uint32_t> entries;
  text::tokenize(text, tokens);
  rules.lexicon.lookup(tokens, entries);
  // Over the buffers of a longer text visited first: nothing of it may show.
  const std::string longer = "Dr Hospitalier, the " + std::string(text) + " and " + std::string(text);
  std::vector<text::Token> longer_tokens;
  text::tokenize(longer, longer_tokens);
  TokenFacts facts;
  rules.lexicon.visit(longer, longer_tokens, rules.term_index, 1000, facts);
  rules.lexicon.classify(longer, longer_tokens, facts);
  {
    rules.lexicon.visit(text, tokens, rules.term_index, english_wanted, facts);
    // Nothing of the longer text's classes until they are asked for.
    EXPECT_TRUE(facts.name_bits().empty() || tokens.empty());
    rules.lexicon.classify(text, tokens, facts);
    ASSERT_EQ(facts.entries().size(), tokens.size());
    ASSERT_EQ(facts.name_bits().size(), tokens.size());
    const char* end = text.data() + text.size();
    std::vector<uint32_t> matcher;
    size_t english = 0;
    for (size_t i = 0; i < tokens.size(); ++i) {
      const text::Token& t = tokens[i];
      const std::string_view word = text.substr(t.start, t.end - t.start);
      ASSERT_EQ(facts.entries()[i], entries[i]) << word;
      const uint32_t bits = rules.lexicon.for_names(entries[i]) ? rules.lexicon.class_bits(entries[i], word, end) : 0;
      EXPECT_EQ(facts.name_bits()[i], bits) << word;
      const size_t head_length = std::min(word.size(), TermIndex::kPrefixKey);
      const bool prefix =
          word.size() >= rules.term_index.min_prefix_length() &&
          rules.term_index.may_have_prefix(text::fold8_swar(text::load_upto8(word.data(), head_length)), word.size());
      if (rules.lexicon.for_matcher(entries[i]) || prefix) matcher.push_back(static_cast<uint32_t>(i << 1) | prefix);
      english += rules.lexicon.english(entries[i], word, end);
    }
    EXPECT_EQ(std::vector<uint32_t>(facts.matcher().begin(), facts.matcher().end()), matcher);
    EXPECT_EQ(facts.english(), std::min(english, english_wanted));
  }
}

TEST(TokenLexicon, VisitAnswersAsEachQuestionOnItsOwn) {
  auto rules = load_topic_rules({kData + "/topics", false});
  // Prefix terms ("hospital*"), a title, a first name, function words, a
  // one-letter word, and a word cut at the end of the text.
  const std::string text =
      "Mrs Okonkwo said the hospitals of the province were full; a nurse and their union would strike at dawn. Hospit";
  for (size_t wanted : {size_t{0}, size_t{1}, size_t{3}, size_t{1000}}) expect_visit_agrees(*rules, text, wanted);
  expect_visit_agrees(*rules, "", 5);
  std::ifstream in(std::string(NEWSFLOW_SOURCE_DIR) + "/tests/eval/topics/articles.ndjson");
  size_t lines = 0;
  for (std::string line; std::getline(in, line); ++lines) expect_visit_agrees(*rules, line, lines % 2 ? 40 : 100000);
  EXPECT_GT(lines, 200u);
}

// tokenize_visit() probes each token while the tokenizer has it at hand:
// its tokens and facts must be exactly text::tokenize's and visit()'s, over
// buffers a longer text filled first, for words of every length (the
// tokenizer hashes words of up to 15 bytes without a loop), non-ASCII words,
// and words that end less than sixteen bytes before the end of the text.
void expect_tokenize_visit_agrees(const TopicRules& rules, std::string_view text, size_t english_wanted) {
  std::vector<text::Token> tokens;
  text::tokenize(text, tokens);
  TokenFacts expected;
  rules.lexicon.visit(text, tokens, rules.term_index, english_wanted, expected);
  rules.lexicon.classify(text, tokens, expected);

  const std::string longer = "Kowalczyk-Brandt, the " + std::string(text) + " or " + std::string(text);
  std::vector<text::Token> got_tokens;
  TokenFacts got;
  rules.lexicon.tokenize_visit(longer, rules.term_index, 1000, got_tokens, got);
  rules.lexicon.classify(longer, got_tokens, got);
  rules.lexicon.tokenize_visit(text, rules.term_index, english_wanted, got_tokens, got);
  EXPECT_TRUE(got.name_bits().empty() || tokens.empty());
  rules.lexicon.classify(text, got_tokens, got);

  ASSERT_EQ(got_tokens.size(), tokens.size()) << text;
  for (size_t i = 0; i < tokens.size(); ++i) {
    ASSERT_EQ(got_tokens[i].start, tokens[i].start) << i;
    ASSERT_EQ(got_tokens[i].end, tokens[i].end) << i;
    ASSERT_EQ(got_tokens[i].hash, tokens[i].hash) << i;
  }
  const auto same = [](auto a, auto b) { return std::vector<uint32_t>(a.begin(), a.end()) == std::vector<uint32_t>(b.begin(), b.end()); };
  EXPECT_TRUE(same(got.entries(), expected.entries())) << text;
  EXPECT_TRUE(same(got.name_bits(), expected.name_bits())) << text;
  EXPECT_TRUE(same(got.matcher(), expected.matcher())) << text;
  EXPECT_EQ(got.english(), expected.english()) << text;
}

TEST(TokenLexicon, TokenizeVisitIsTokenizeThenVisit) {
  auto rules = load_topic_rules({kData + "/topics", false});
  const std::string texts[] = {
      "",
      "Hospit",
      "The harbour master of Gda\xC5\x84sk told reporters that the hospitals were overwhelmed",
      "Counterintelligence officers and the Bundesverfassungsgericht disagreed with Mr Abernathy-Quayle on it.",
      "Ms \xC3\x89lodie Fran\xC3\xA7ois, the minister for internationalisation, said so to the parliament",
      "electroencephalographically",
      "a b c the of and to in for on at by Dr Prof President Senator",
      "  \xE2\x80\x9CWe will rebuild,\xE2\x80\x9D said the mayor of Z\xC3\xBCrich \xE2\x80\x94 hospitalised",
  };
  for (const std::string& text : texts)
    for (size_t wanted : {size_t{0}, size_t{2}, size_t{1000}}) expect_tokenize_visit_agrees(*rules, text, wanted);
  std::ifstream in(std::string(NEWSFLOW_SOURCE_DIR) + "/tests/eval/topics/articles.ndjson");
  size_t lines = 0;
  for (std::string line; std::getline(in, line); ++lines) expect_tokenize_visit_agrees(*rules, line, lines % 2 ? 40 : 100000);
  EXPECT_GT(lines, 200u);
}

// The pass's and the matcher's masked load of a word's first bytes: the
// bytes text::load_head gives, for every word length, also where fewer than
// eight bytes are readable after the word's start.
TEST(TokenLexicon, WordHeadIsLoadHeadForEveryLength) {
  const std::string text = "Ministers of the Hanseatic League met in L\xC3\xBC" "beck on Tuesday";
  for (size_t start = 0; start < text.size(); ++start)
    for (size_t length = 1; start + length <= text.size(); ++length) {
      const char* at = text.data() + start;
      for (const char* end : {text.data() + text.size(), at + length})
        ASSERT_EQ(word_head(at, length, end), text::load_head(at, length, end)) << start << " " << length;
    }
}

TEST(TokenLexicon, AgreesWithTheTablesOnTheEvaluationArticles) {
  auto rules = load_topic_rules({kData + "/topics", false});
  EXPECT_GT(rules->lexicon.keys(), 1000u);
  std::ifstream in(std::string(NEWSFLOW_SOURCE_DIR) + "/tests/eval/topics/articles.ndjson");
  size_t lines = 0;
  for (std::string line; std::getline(in, line); ++lines) expect_agrees(*rules, line);
  EXPECT_GT(lines, 200u);
}

TEST(TokenLexicon, AgreesWithTheTablesOnEveryListedWordInEveryCase) {
  auto rules = load_topic_rules({kData + "/topics", false});
  std::string text;
  size_t listed = 0;
  for (const auto& [word, bits] : rules->persons.classes.entries()) {
    std::string upper = word, lower = word, capital = word;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    capital[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(capital[0])));
    text += word + " " + upper + " " + lower + " " + capital + "\n";
    ++listed;
  }
  EXPECT_GT(listed, 500u);
  expect_agrees(*rules, text);
  // The last word again with nothing readable after it (the masked load).
  const auto& last = rules->persons.classes.entries().back().first;
  expect_agrees(*rules, last);
}

TEST(TokenLexicon, FindsEveryKeyOfALargeIndex) {
  // Many more keys than the shipped rules: the table must grow and still
  // place every key where a lookup finds it.
  std::vector<std::string> words;
  for (int i = 0; i < 60000; ++i) words.push_back("w" + std::to_string(i * 7919));
  std::vector<LiteralSpec> specs;
  for (const auto& w : words) specs.push_back({w, true, false});
  TermIndex index;
  ASSERT_TRUE(index.build(specs).empty());
  WordClasses classes;
  classes.add("Smith", 1);
  TokenLexicon lexicon;
  const std::string_view english[] = {"the"};
  lexicon.build(index, classes, english);
  EXPECT_EQ(lexicon.keys(), words.size() + 2);
  std::string text;
  for (const auto& w : words) text += w + " ";
  text += "Smith smith The them";
  std::vector<text::Token> tokens;
  std::vector<uint32_t> entries;
  text::tokenize(text, tokens);
  lexicon.lookup(tokens, entries);
  ASSERT_EQ(tokens.size(), words.size() + 4);
  for (size_t i = 0; i < words.size(); ++i) {
    auto whole = ids(lexicon.whole(lexicon.entry(entries[i])));
    ASSERT_EQ(whole, std::vector<uint32_t>{static_cast<uint32_t>(i)}) << words[i];
  }
  const size_t smith = words.size();
  // The words as the processor passes them: views into the text, which is
  // readable up to its end (a lookup may load eight bytes at once).
  const char* end = text.data() + text.size();
  const auto word = [&](size_t i) { return std::string_view(text).substr(tokens[i].start, tokens[i].end - tokens[i].start); };
  ASSERT_EQ(word(smith), "Smith");
  ASSERT_NE(lexicon.classes(entries[smith], word(smith), end), nullptr);
  EXPECT_EQ(lexicon.classes(entries[smith + 1], word(smith + 1), end), nullptr);
  EXPECT_TRUE(lexicon.english(entries[smith + 2], word(smith + 2), end));
  EXPECT_FALSE(lexicon.english(entries[smith + 3], word(smith + 3), end));
  EXPECT_FALSE(lexicon.english(entries[smith], word(smith), end));
}

}  // namespace
}  // namespace newsflow::processors::topics

// The quotes processor reads plain ASCII eight bytes at a time (mark scan,
// word reader): every result must be the same whatever a word or mark's
// offset inside such a block, so these tests slide them across all offsets.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "quotes/document.hpp"
#include "quotes/quote_scanner.hpp"
#include "quotes_test_util.hpp"

namespace newsflow::processors {
namespace {

using quotes::QuoteSpan;
using quotes::Tok;

std::vector<QuoteSpan> spans_of(const std::string& text) {
  std::vector<QuoteSpan> spans;
  quotes::scan_quotes(text, spans);
  return spans;
}

TEST(QuotesAlignment, a_quotation_is_found_at_every_offset) {
  const std::vector<std::pair<std::string, std::string>> marks = {
      {"\"", "\""}, {"\u201C", "\u201D"}, {"\u00AB", "\u00BB"}, {"'", "'"}};
  for (const auto& [open, close] : marks) {
    for (size_t pad = 0; pad < 25; ++pad) {
      for (const char* sep : {" ", "\n"}) {
        const std::string text = std::string(pad, 'a') + sep + open + "We win" + close + " said Ann Lee.";
        const auto spans = spans_of(text);
        ASSERT_EQ(spans.size(), 1u) << open << " pad " << pad;
        EXPECT_EQ(spans[0].open, pad + 1) << open << " pad " << pad;
        EXPECT_EQ(spans[0].start, pad + 1 + open.size());
        EXPECT_EQ(spans[0].close_end, pad + 1 + open.size() + 6 + close.size()) << open << " pad " << pad;
      }
    }
  }
}

TEST(QuotesAlignment, an_unclosed_mark_is_dropped_at_its_paragraph_end_at_every_offset) {
  for (size_t pad = 0; pad < 19; ++pad) {  // the second paragraph never opens with a mark
    const std::string first = std::string(pad, 'b') + " \u201Copen and never closed";
    const std::string text = first + "\n" + std::string(19 - pad, 'c') + " \u201Cclosed\u201D he said.";
    const auto spans = spans_of(text);
    ASSERT_EQ(spans.size(), 1u) << "pad " << pad;
    EXPECT_EQ(spans[0].open, first.size() + 1 + (19 - pad) + 1) << "pad " << pad;
  }
}

TEST(QuotesAlignment, plural_possessive_rule_sees_the_paragraphs_last_closer_at_every_offset) {
  // "the allies' positions" is a possessive only while another single closer
  // follows in the paragraph; the quotation then ends at "plan'".
  for (size_t pad = 0; pad < 20; ++pad) {
    const std::string text = std::string(pad, 'd') + " 'the allies' positions and the plan' he said.";
    const auto spans = spans_of(text);
    ASSERT_EQ(spans.size(), 1u) << "pad " << pad;
    EXPECT_EQ(text.substr(spans[0].start, spans[0].end - spans[0].start), "the allies' positions and the plan")
        << "pad " << pad;
  }
}

TEST(QuotesAlignment, words_keep_their_bounds_and_flags_at_every_offset_and_length) {
  quotes::Document doc(quotes_test::rules().get());
  const std::string letters = "Abcdefghijklmnopqrstuvwx";
  for (size_t pad = 0; pad < 10; ++pad) {
    for (size_t len = 1; len <= letters.size(); ++len) {
      const std::string word = letters.substr(0, len);
      const std::string text = std::string(pad, ' ') + word + ", NATO and 4WD or A1 and Zo\u00EB said.";
      doc.build(text);
      ASSERT_GE(doc.tokens.size(), 10u);
      EXPECT_EQ(doc.tokens[0].start, pad);
      EXPECT_EQ(doc.tokens[0].end, pad + len) << "pad " << pad << " len " << len;
      EXPECT_TRUE(doc.tokens[0].upper);
      EXPECT_FALSE(doc.tokens[0].acronym);
      EXPECT_EQ(doc.tokens[1].kind, Tok::comma);
      EXPECT_EQ(doc.word_at(2), "NATO");
      EXPECT_TRUE(doc.tokens[2].acronym);
      EXPECT_EQ(doc.word_at(4), "4WD");
      EXPECT_TRUE(doc.tokens[4].acronym);  // digits are not letters
      EXPECT_EQ(doc.word_at(6), "A1");
      EXPECT_FALSE(doc.tokens[6].acronym);  // one letter
      EXPECT_EQ(doc.word_at(8), "Zo\u00EB");
      EXPECT_FALSE(doc.tokens[8].acronym);
      EXPECT_TRUE(quotes::has(doc.tokens[9], kCue));
    }
  }
}

TEST(QuotesAlignment, dotted_and_hyphenated_words_at_every_offset) {
  quotes::Document doc(quotes_test::rules().get());
  for (size_t pad = 1; pad < 12; ++pad) {
    const std::string text = std::string(pad, 'e') + " U.S. officials and A.Q. Khan's well-known don't.";
    doc.build(text);
    ASSERT_GE(doc.tokens.size(), 9u);
    EXPECT_EQ(doc.word_at(1), "U.S.") << "pad " << pad;
    EXPECT_TRUE(doc.tokens[1].initials);
    EXPECT_EQ(doc.word_at(4), "A.Q.");
    EXPECT_EQ(doc.word_at(5), "Khan's");
    EXPECT_TRUE(doc.tokens[5].possessive);
    EXPECT_EQ(doc.word_at(6), "well-known");
    EXPECT_EQ(doc.word_at(7), "don't");
    EXPECT_EQ(doc.tokens[8].kind, Tok::terminal);
    EXPECT_TRUE(doc.tokens[8].sentence_end);
  }
}

// A text's last seven bytes are read one byte at a time, the rest eight at a
// time: a word must come out the same whether it ends the text or not, and
// whatever stops it (a space, a joiner, a non-ASCII letter, a quotation).
TEST(QuotesAlignment, a_word_reads_the_same_at_the_end_of_the_text) {
  quotes::Document doc(quotes_test::rules().get());
  const std::vector<std::string> words = {"Zo\u00EB",  "\u00C9mile", "U.S.",  "don't", "well-known", "Khan's",
                                          "Khan\u2019s", "NATO",      "4WD",  "A1",    "l'avocat",   "dit-il",
                                          "said",       "Bj\u00F6rk",  "a-t-elle"};
  for (const std::string& word : words) {
    for (size_t pad = 1; pad <= 10; ++pad) {
      const std::string head = std::string(pad, 'x') + " ";
      doc.build(head + word + "            \u201CYes\u201D");  // the word read in eight-byte runs
      std::vector<quotes::Token> long_tail(doc.tokens.begin() + 1, doc.tokens.end() - 1);
      for (size_t tail = 0; tail < 9; ++tail) {
        doc.build(head + word + std::string(tail, ' '));
        ASSERT_EQ(doc.tokens.size(), long_tail.size() + 1) << word << " pad " << pad << " tail " << tail;
        for (size_t k = 0; k < long_tail.size(); ++k) {
          const quotes::Token &a = doc.tokens[k + 1], &b = long_tail[k];
          EXPECT_EQ(a.start, b.start) << word << " pad " << pad << " tail " << tail;
          EXPECT_EQ(a.end, b.end) << word << " pad " << pad << " tail " << tail;
          EXPECT_EQ(a.classes, b.classes) << word;
          EXPECT_EQ(a.upper, b.upper) << word;
          EXPECT_EQ(a.acronym, b.acronym) << word;
          EXPECT_EQ(a.possessive, b.possessive) << word;
          EXPECT_EQ(a.initials, b.initials) << word;
        }
      }
    }
  }
}

}  // namespace
}  // namespace newsflow::processors

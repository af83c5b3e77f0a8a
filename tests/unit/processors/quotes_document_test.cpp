// The quotes processor's word reader: most words take a short path (one
// sixteen-byte load), the rest the general reader. Both must give every
// token the same bounds and flags, whatever follows the word. And the mark
// scanner's sixteen-byte skip over plain text.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "quotes/document.hpp"
#include "quotes/quote_scanner.hpp"
#include "quotes_test_util.hpp"

namespace newsflow::processors::quotes {
namespace {

std::vector<Token> tokens_of(const std::string& text, bool short_words) {
  Document doc(quotes_test::rules().get());
  doc.short_words = short_words;
  doc.build(text);
  return doc.tokens;
}

void expect_same_tokens(const std::string& text) {
  const std::vector<Token> fast = tokens_of(text, true);
  const std::vector<Token> general = tokens_of(text, false);
  ASSERT_EQ(fast.size(), general.size()) << text;
  for (size_t k = 0; k < fast.size(); ++k) {
    const Token& a = fast[k];
    const Token& b = general[k];
    const std::string where = "token " + std::to_string(k) + " of: " + text;
    EXPECT_EQ(a.start, b.start) << where;
    EXPECT_EQ(a.end, b.end) << where;
    EXPECT_EQ(a.classes, b.classes) << where;
    EXPECT_EQ(a.kind, b.kind) << where;
    EXPECT_EQ(a.upper, b.upper) << where;
    EXPECT_EQ(a.acronym, b.acronym) << where;
    EXPECT_EQ(a.possessive, b.possessive) << where;
    EXPECT_EQ(a.initials, b.initials) << where;
    EXPECT_EQ(a.sentence_end, b.sentence_end) << where;
    EXPECT_EQ(a.index_hint, b.index_hint) << where;
    EXPECT_EQ(a.caption, b.caption) << where;
  }
}

// Words the short path reads whole, and the marks that make it hand a word
// to the general reader (a joined hyphen, apostrophe, dot or ampersand, a
// non-ASCII byte, sixteen word bytes, the text's last bytes).
TEST(QuotesWordReader, ShortPathAgreesOnChosenShapes) {
  for (const char* text : {
           "The mayor said the plan was sound.",
           "Mr. Okafor and Dr Lind met Gen. Voss in the U.S. on Monday.",
           "J. Pike, a T.V. host, spoke at 3.5 p.m. to A.Q. Marsh.",
           "Her long-time aide, O'Neill, didn't say; R&D staff did-",
           "Polizeisprecherin Anna Holt sagte, die Lage sei ruhig. sagten sie", "Bauminister Ohm und Schulleiterin Rau",
           "She's said he's told them. Ferreira\u2019s team\u2019 view",
           "Internationally, counterintelligence officials: extraordinarily",
           "dit-il a-t-elle l'avocat l\u2019avocate",
           "abcdefg abcdefgh abcdefghijklmno abcdefghijklmnop abcdefghijklmnopq",
           "NATO UN EU IMF said", "x", "Said.", "said", "Ab12 12ab 2024, 7-Eleven 9/11",
           "Caf\u00e9 owner Jos\u00e9 said \u201cfine\u201d",
       })
    expect_same_tokens(text);
}

// Generated texts of listed and unlisted words of every length up to
// seventeen, in every case, joined by every kind of separator, ending
// anywhere relative to the sixteen-byte load.
TEST(QuotesWordReader, ShortPathAgreesOnGeneratedTexts) {
  const std::vector<std::string> words = {
      "said",  "told",  "he",     "she",    "sie",       "Mr",        "Dr",          "Gen",       "St",
      "U",     "A",     "the",    "of",     "according", "spokesman", "spokeswoman", "officials", "ministry",
      "Voss",  "Lind",  "Okafor", "sagten", "Polizeisprecherin", "Bauminister", "NATO",        "ab",        "x",
      "2024",  "7",     "zebrafish"};
  const std::vector<std::string> separators = {" ",  " ",  " ",  ", ", ". ", "-",  "- ", "'", "' ",
                                               "&",  ".",  ":",  "\n", "\u2019", "\u2014",
                                               "\u00e9", "\"", "3", "'s ", ".5 "};
  std::mt19937 rng(12);
  for (int n = 0; n < 3000; ++n) {
    std::string text;
    const int pieces = 1 + static_cast<int>(rng() % 12);
    for (int p = 0; p < pieces; ++p) {
      std::string w = words[rng() % words.size()];
      if (rng() % 4 == 0) w.resize(1 + rng() % w.size());  // any length, cut anywhere
      for (char& c : w)
        if (rng() % 5 == 0 && c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
      text += w;
      text += separators[rng() % separators.size()];
    }
    if (rng() % 2 == 0) text.resize(text.size() - 1 - rng() % std::min<size_t>(text.size(), 3));
    if (text.empty()) continue;
    expect_same_tokens(text);
    if (HasFailure()) return;
  }
}

// The mark scanner skips plain ASCII sixteen bytes at a time: a mark, a
// newline or a non-ASCII byte at any offset of a block still stops it.
TEST(QuotesMarkScanner, FindsMarksAtEveryOffsetOfALongPlainRun) {
  const std::string plain = "the harbour board met on a wet morning and then ";
  for (size_t at = 0; at <= plain.size(); ++at) {
    for (const char* quotation : {"\"Not yet,\" she said.", "\u201cNot yet,\u201d she said.", "'Not yet,' she said."}) {
      const std::string text = plain.substr(0, at) + (at > 0 && plain[at - 1] != ' ' ? " " : "") + quotation + " " + plain;
      std::vector<QuoteSpan> spans;
      scan_quotes(text, spans);
      ASSERT_EQ(spans.size(), 1u) << text;
      EXPECT_EQ(text.substr(spans[0].start, spans[0].end - spans[0].start), "Not yet,") << text;
    }
    // A paragraph break inside the run ends an unclosed quotation there.
    const std::string broken = "\"" + plain.substr(0, at) + "x\n" + plain + "\"Done.\"";
    std::vector<QuoteSpan> spans;
    scan_quotes(broken, spans);
    ASSERT_EQ(spans.size(), 1u) << broken;
    EXPECT_EQ(broken.substr(spans[0].start, spans[0].end - spans[0].start), "Done.") << broken;
  }
}

}  // namespace
}  // namespace newsflow::processors::quotes

// Names that open with a capital outside ASCII and Latin-1 (issue 13, eighth
// round, found on the Wikinews 2019 dev set): Latin Extended-A pairs its
// capitals on odd code points from Ĺ to ň and from Ź to ž, so "Łukasz" was
// read as a lower-case word and the name lost its first half, or the
// quotation went to the speaker before; a double surname used alone after
// the full name ("Wolden Bache" after "Ida Wolden Bache") is that person;
// a four-word name that opens with a listed given name keeps all four.
// Examples written for these tests.
#include <gtest/gtest.h>

#include "quotes_test_util.hpp"

namespace newsflow::processors {
namespace {

using namespace quotes_test;

TEST(QuoteCapitals, PolishAndRomanianCapitalsOpenNames) {
  const Article a = run("Health Minister Łukasz Wróbel said \"We could not save him,\" and left the hospital.");
  EXPECT_EQ(speaker(a, "We could not"), "Łukasz Wróbel");
  const Article b = run(
      "\"The road was closed,\" said Søren Berg, a driver.\n\n"
      "\"It was icy all night,\" said Żaneta Kowal, a nurse.");
  EXPECT_EQ(speaker(b, "It was icy"), "Żaneta Kowal");
  const Article c = run("\"The port reopens on Monday,\" said Ștefan Popa, the harbour master.");
  EXPECT_EQ(speaker(c, "The port"), "Ștefan Popa");
  // Lower-case letters of the same block stay lower case: no name starts here.
  const Article d = run("\"The port reopens on Monday,\" said łukasz, the harbour master.");
  EXPECT_NE(speaker(d, "The port"), "łukasz");
}

TEST(QuoteCapitals, ADoubleSurnameAloneIsThePersonNamedInFull) {
  const Article a = run(
      "The port closed on Thursday, harbour director Anna Lie Berg said.\n\n"
      "\"The ice is too thick,\" Lie Berg told a news conference.");
  EXPECT_EQ(speaker(a, "The ice"), "Anna Lie Berg");
  // Two words that end no registered name are a new person.
  const Article b = run(
      "The port closed on Thursday, harbour director Anna Lie Berg said.\n\n"
      "\"The ice is too thick,\" Knut Berg told a news conference.");
  EXPECT_EQ(speaker(b, "The ice"), "Knut Berg");
}

TEST(QuoteCapitals, AFourWordNameOpeningWithAGivenNameIsKeptWhole) {
  const Article a = run("Maria Luisa Soto Vidal of the port authority said the ice was \"thicker than ever\".");
  EXPECT_EQ(speaker(a, "thicker than"), "Maria Luisa Soto Vidal");
  // Capitals of an organisation before a two-word name still are no part of it.
  const Article b = run("The United Nations Nikki Haley said the vote was \"a disgrace\".");
  EXPECT_EQ(speaker(b, "a disgrace"), "Nikki Haley");
}

}  // namespace
}  // namespace newsflow::processors

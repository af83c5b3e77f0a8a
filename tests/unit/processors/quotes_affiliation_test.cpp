// Speaker shapes that lost the speaker on the third real dev set (Wikinews
// 2019, issue 13, eighth round): a person "of" an organisation written in
// capitals without "the", or with its own "of" and a place after a comma;
// a he/she after a role subject; "according to a tweet by X"; "alleged"; a
// role "within" an organisation; an organisation whose name holds a
// possessive. Examples written for these tests.
#include <gtest/gtest.h>

#include "quotes_test_util.hpp"

namespace newsflow::processors {
namespace {

using namespace quotes_test;

TEST(QuoteAffiliation, PersonOfANamedOrganisationSpeaks) {
  // No article before the organisation, and a role word in its name.
  const Article a = run(
      "Dr. Pavel Orlov of Northgate Maritime College, a port researcher, explained that crews switch off "
      "their beacons in \"waters where raiders are known to operate\" for safety.");
  EXPECT_EQ(speaker(a, "waters where"), "Pavel Orlov");
  // The organisation holds its own "of", then a place after a comma.
  const Article b = run(
      "Ines Carvalho of the University of Porto, Matosinhos disagreed with the survey: "
      "\"The wells were never a major resource.\"");
  EXPECT_EQ(speaker(b, "The wells"), "Ines Carvalho");
  const Article c = run(
      "Ines Carvalho of the University of Porto, Matosinhos, said \"The wells were never a major resource.\"");
  EXPECT_EQ(speaker(c, "The wells"), "Ines Carvalho");
  // An apposition after the organisation.
  const Article d = run(
      "Professor Tomas Hale of Redmoor University, lead author of the survey, declared the loss to be "
      "\"the largest in forty years\".");
  EXPECT_EQ(speaker(d, "the largest"), "Tomas Hale");
  // With "the" the person speaks too, and is not returned as a role phrase.
  const Article e = run("Pavel Orlov of the Coastal Institute of Varna said \"the beacons fail at sea\".");
  const Quote* q = find(e, "the beacons");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker.value_or("<null>"), "Pavel Orlov");
  EXPECT_EQ(q->speaker_kind, Quote::SpeakerKind::person);
  // A title after "of" is a role, not an organisation: the name after it speaks.
  const Article f = run("Minister of Fisheries Ola Brekke said \"the quota stands\".");
  EXPECT_EQ(speaker(f, "the quota"), "Ola Brekke");
}

TEST(QuoteAffiliation, PronounAfterARoleSubjectIsThatRole) {
  const Article a = run(
      "The head of the harbour authority's safety office told the inquiry \"Basic checks were skipped.\" "
      "She also said \"We were called far too late.\"");
  EXPECT_EQ(speaker(a, "Basic checks"), "head of the harbour authority's safety office");
  EXPECT_EQ(speaker(a, "We were called"), "head of the harbour authority's safety office");
  // A named woman before the role subject is not skipped over for it.
  const Article b = run(
      "Lena Holm chaired the inquiry. The harbour master told it \"Basic checks were skipped.\" "
      "She also said \"We were called far too late.\"");
  EXPECT_NE(speaker(b, "We were called"), "<null>");
}

TEST(QuoteAffiliation, AccordingToADocumentByAPersonIsThePerson) {
  const Article a = run(
      "The ferry line was banned on Monday.\n\n"
      "\"The line carries fuel for the militias,\" according to a post on Monday by Interior Minister Karin Moe. "
      "Former minister Arne Dahl had licensed it.");
  EXPECT_EQ(speaker(a, "The line carries"), "Karin Moe");
}

TEST(QuoteAffiliation, AllegedIsACue) {
  const Article a = run(
      "Harbour Commissioner Ruth Baines alleged, by way of example, the operator had "
      "\"ignored every warning it was given,\" in its last season.");
  EXPECT_EQ(speaker(a, "ignored every"), "Ruth Baines");
  const Article b = run(
      "Councillor Omar Rahim described the flooding.\n\n"
      "Rahim also alleged the council were \"hiding the true cost of the repairs\", a charge it denies.");
  EXPECT_EQ(speaker(b, "hiding the true"), "Omar Rahim");
}

TEST(QuoteAffiliation, SourceWithinAnOrganisationIsTheRole) {
  const Article a = run(
      "A source within the regional Transport Ministry reportedly said \"We were told to keep the figures quiet.\"");
  EXPECT_EQ(speaker(a, "We were told"), "source within the regional Transport Ministry");
}

TEST(QuoteAffiliation, OrganisationNameWithAPossessive) {
  const Article a = run("The Kettering Sheriff's Office tweeted that the crash \"needed every unit we have.\"");
  EXPECT_EQ(speaker(a, "needed every"), "Kettering Sheriff's Office");
}

}  // namespace
}  // namespace newsflow::processors

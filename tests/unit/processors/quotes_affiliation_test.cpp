// Speaker shapes that lost the speaker on the third real dev set (Wikinews
// 2019, issue 13, eighth round): a person "of" an organisation written in
// capitals without "the", or with its own "of" and a place after a comma;
// a he/she after a role subject; "according to a tweet by X"; "alleged"; a
// role "within" an organisation; an organisation whose name holds a
// possessive; a title's complement in capitals after an inverted cue; a
// document's possessive owner; the agent of a passive cue; "went on to add";
// a role credit ("according to investigators") closing the sentence; a
// capitalised title after capitals before the subject of a participle.
// Examples written for these tests.
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

TEST(QuoteAffiliation, TitleWithACapitalisedComplementBeforeTheName) {
  const Article a = run("Talks stalled. \"The border stays shut,\" said Minister of Fisheries Ola Brekke.");
  EXPECT_EQ(speaker(a, "The border"), "Ola Brekke");
  const Article b = run("\"The border stays shut,\" said EU Commissioner for Trade Ines Roth on Monday.");
  EXPECT_EQ(speaker(b, "The border"), "Ines Roth");
  // Before the cue, "to" ends the role: "Ambassador to Chile" is no part of the name.
  const Article c = run("Norway's Ambassador to Chile Tove Strand said the deal was \"a step forward\".");
  EXPECT_EQ(speaker(c, "a step forward"), "Tove Strand");
}

TEST(QuoteAffiliation, ADocumentSpeaksForItsOwner) {
  const Article a = run("The Halden Ferry Company's statement said: \"We regret the delay.\"");
  EXPECT_EQ(speaker(a, "We regret"), "Halden Ferry Company");
  const Article b = run(
      "The International Sea Rescue Federation (ISRF) met in May.\n\n"
      "The ISRF's website said: \"Do not sail in a storm.\"");
  EXPECT_EQ(speaker(b, "Do not sail"), "International Sea Rescue Federation");
}

TEST(QuoteAffiliation, ThePassiveCuesAgentSpeaks) {
  const Article a = run(
      "The mayor visited the site. In a meeting he was told by Harbour Master Lise Dahl of "
      "\"at least forty boats under the ice\", while others disagreed.");
  EXPECT_EQ(speaker(a, "at least forty"), "Lise Dahl");
  const Article b = run(
      "The ferry's course was described by Coastal Watch as \"erratic and kind of confused\" on Monday.");
  EXPECT_EQ(speaker(b, "erratic and"), "Coastal Watch");
  // "by" and a lower-case word is a manner, not an agent.
  const Article c = run("Anna Berg spoke first. She was told by phone that the ferry had \"simply vanished\".");
  EXPECT_NE(speaker(c, "simply vanished"), "phone");
}

TEST(QuoteAffiliation, WentOnToAddKeepsTheSubject) {
  const Article a = run(
      "\"The wells run dry in summer,\" said Professor Jonas Lind of Redmoor University. "
      "He went on to add \"The caves hold water all year,\" pointing to the cliffs.");
  EXPECT_EQ(speaker(a, "The caves"), "Jonas Lind");
}

TEST(QuoteAffiliation, ARoleOfANameBeforeAnAppositionIsTheRole) {
  const Article a = run(
      "The mayor of Halden, who opened the bridge, said the town was \"proud of its engineers\".");
  EXPECT_EQ(speaker(a, "proud of"), "mayor of Halden");
  const Article b = run("A spokesman for Nordvik Ferries, who declined to be named, said the route was \"finished\".");
  EXPECT_EQ(speaker(b, "finished"), "spokesman for Nordvik Ferries");
  const Article c = run("The head of the Sea Rescue Society, speaking in Bergen, said the boats were \"overloaded\".");
  EXPECT_EQ(speaker(c, "overloaded"), "head of the Sea Rescue Society");
  // A name after the role's comma is still the person.
  const Article d = run("The mayor of Halden, Anne Wold, said the town was \"proud of its engineers\".");
  EXPECT_EQ(speaker(d, "proud of"), "Anne Wold");
}

TEST(QuoteAffiliation, ANameAfterATitleOfAnOrganisationIsAPerson) {
  const Article a = run(
      "A spokeswoman for the ministry, Lena Dahl, said it would save money. \"Every town gains,\" she said.\n\n"
      "Her office said: \"The minister has our support.\"");
  const Quote* q = find(a, "Every town");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker.value_or("<null>"), "Lena Dahl");
  EXPECT_EQ(q->speaker_kind, Quote::SpeakerKind::person);
  // So she is no organisation for "Her office" to mean.
  EXPECT_NE(speaker(a, "The minister has"), "Lena Dahl");
  // An organisation noun heading the phrase still makes the name an organisation.
  const Article b = run("The company, FreshWay, said it was \"ready for winter\".");
  const Quote* c = find(b, "ready for");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->speaker_kind, Quote::SpeakerKind::organization);
}

TEST(QuoteAffiliation, ARoleCreditClosingTheSentenceClaimsAPartialQuote) {
  const Article a = run(
      "The recorder was lifted \"broken into two pieces\" from under the silt, according to rescuers.");
  const Quote* q = find(a, "broken into");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, Quote::Kind::partial);
  EXPECT_EQ(q->speaker.value_or("<null>"), "rescuers");
  // A short title in marks stays a scare quote.
  const Article b = run("The film was shown as \"Night Harbour\" in Oslo, according to critics.");
  const Quote* t = find(b, "Night Harbour");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->kind, Quote::Kind::scare);
}

TEST(QuoteAffiliation, ParticipleAfterACapitalisedTitleAndNameHasThatSubject) {
  const Article a = run("Fisheries Minister Ola Brekke welcomed the quota, calling it \"fair to every port\".");
  EXPECT_EQ(speaker(a, "fair to every"), "Ola Brekke");
}

TEST(QuoteAffiliation, AccordingToItsDocumentIsTheOrganisationOfTheClause) {
  const Article a = run(
      "The Nordic Hockey League (NHL) met on Wednesday.\n\n"
      "According to its press release, the NHL was \"pausing every game until further notice.\"");
  EXPECT_EQ(speaker(a, "pausing every"), "Nordic Hockey League");
}

}  // namespace
}  // namespace newsflow::processors

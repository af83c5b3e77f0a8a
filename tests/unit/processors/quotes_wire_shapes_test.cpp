// Speaker shapes of wire and encyclopedia-style news (issue 13, sixth round,
// found on the Wikinews dev set): an adverb between a subject phrase and its
// cue, a colon after a clause that opens with a phrase set off by a comma, a
// person "of" an acronym, "X quoted Y as saying", wire verbs that introduce
// speech, "he added" in the previous quotation's sentence, a next sentence's
// cue with its own quotation, "the Ministry of X" as one organisation,
// "officials from Norway" as a role. Examples written for these tests.
#include <gtest/gtest.h>

#include "quotes_test_util.hpp"

namespace newsflow::processors {
namespace {

using namespace quotes_test;

TEST(QuoteWireShapes, AdverbBeforeTheCueIsNoPartOfARolePhrase) {
  const Article a = run(
      "The harbour board met on Friday.\n\n"
      "The memo specifically said \"no overtime will be paid this quarter\" and was signed by the board.");
  const Quote* q = find(a, "no overtime");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker.value_or("<null>"), "memo");
}

TEST(QuoteWireShapes, ColonAfterAnOpeningPhraseTakesTheClauseSubject) {
  const Article b = run(
      "The harbour strike ended on Monday.\n\n"
      "However, turning to the budget, union leader Tomas Lind struck a harder tone: "
      "\"We cannot pay for a second crane.\"");
  EXPECT_EQ(speaker(b, "We cannot"), "Tomas Lind");
  const Article c = run(
      "Cod stocks fell again this year.\n\n"
      "In a statement issued on Friday, the Danish Ministry of Fisheries defended the ban: "
      "\"Stocks have fallen for six years.\"");
  EXPECT_EQ(speaker(c, "Stocks have"), "Danish Ministry of Fisheries");
  // A quoted word earlier in the sentence does not end the search for its subject.
  const Article e = run(
      "In a statement after the vote, the Danish Ministry of Fisheries defended the ban, which was approved by the "
      "cabinet, as \"lawful\" in nature: \"Stocks have fallen for six years and will fall again.\"");
  EXPECT_EQ(speaker(e, "Stocks have"), "Danish Ministry of Fisheries");
  // A place opening the clause is no subject.
  const Article d = run("After the storm, in Bergen the mood was grim: \"We lost everything.\"");
  EXPECT_NE(speaker(d, "We lost"), "Bergen");
}

TEST(QuoteWireShapes, PersonOfAnAcronymIsThePerson) {
  const Article a = run(
      "The Norwegian Polar Institute (NPI) sent a team north in May.\n\n"
      "Kari Lunde of NPI told reporters on Monday, \"The ice is thinner than in any year we have measured.\"");
  EXPECT_EQ(speaker(a, "The ice"), "Kari Lunde");
  // The acronym alone still speaks as the organisation.
  const Article b = run(
      "The Norwegian Polar Institute (NPI) sent a team north in May.\n\n"
      "NPI told reporters on Monday, \"The ice is thinner than in any year we have measured.\"");
  EXPECT_EQ(speaker(b, "The ice"), "Norwegian Polar Institute");
}

TEST(QuoteWireShapes, QuotedAsSayingIsTheOneQuoted) {
  const Article a = run(
      "The port plan drew criticism on Monday. The Coastal Herald quoted Ada Berg, formerly a manager at the port, "
      "as saying \"the port needs more cranes\" and \"nobody asked the crews.\"");
  EXPECT_EQ(speaker(a, "the port needs"), "Ada Berg");
  EXPECT_EQ(speaker(a, "nobody asked"), "Ada Berg");
}

TEST(QuoteWireShapes, WireVerbsIntroduceSpeech) {
  const Article a = run(
      "The ferry strike entered its third week.\n\n"
      "Mayor Ida Sorensen characterised the night shifts as \"a kindness to the islands\" on Friday.\n\n"
      "Addressing the crowd, union leader Tomas Lind proposed: \"Let the ferries run at night.\"\n\n"
      "Lind underlined that the crews would \"never work for less than the old wage\".");
  EXPECT_EQ(speaker(a, "a kindness"), "Ida Sorensen");
  EXPECT_EQ(speaker(a, "Let the ferries"), "Tomas Lind");
  EXPECT_EQ(speaker(a, "never work"), "Tomas Lind");
}

TEST(QuoteWireShapes, AddedInTheSameSentenceKeepsThePreviousSpeaker) {
  const Article a = run(
      "Ana Holm wrote to Kim Lund, the fisheries minister, on Monday.\n\n"
      "She said Lund was \"a fair man\"; however, \"the plan still fails the islands\", she added.");
  EXPECT_EQ(speaker(a, "a fair man"), "Ana Holm");
  EXPECT_EQ(speaker(a, "the plan still"), "Ana Holm");
  // In a new sentence the pronoun is resolved as before.
  const Article b = run(
      "Ana Holm met Eva Lund on Monday.\n\n"
      "\"The plan fails the islands,\" Holm said. Lund disagreed. \"It saves the fleet,\" she added.");
  EXPECT_EQ(speaker(b, "It saves"), "Eva Lund");
}

TEST(QuoteWireShapes, NextSentencesCueWithItsOwnQuotationDoesNotClaimThisOne) {
  const Article a = run(
      "The ferry captain Olav Rud retired on Friday.\n\n"
      "Nora Vik called Rud \"a calm hand in every storm.\" Harbour pilot Per Lund wrote that Rud \"never lost a boat.\"");
  EXPECT_EQ(speaker(a, "a calm hand"), "Nora Vik");
  EXPECT_EQ(speaker(a, "never lost"), "Per Lund");
}

TEST(QuoteWireShapes, MinistryOfSomethingIsOneOrganisation) {
  const Article a = run(
      "Cod stocks fell again. In a letter on Monday, the Norwegian Ministry of Coastal Affairs rejected the quota, "
      "calling it \"a threat to every harbour\".");
  const Quote* q = find(a, "a threat");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker.value_or("<null>"), "Norwegian Ministry of Coastal Affairs");
  EXPECT_EQ(q->speaker_kind, Quote::SpeakerKind::organization);
}

TEST(QuoteWireShapes, UnnamedSpeakersFromAPlaceAreTheRolePhrase) {
  const Article a = run("On Saturday, officials from Norway admitted the ferry had \"simply failed\" in the storm.");
  EXPECT_EQ(speaker(a, "simply failed"), "officials from Norway");
  const Article b = run("On Saturday, representatives from Norway admitted the ferry had \"simply failed\" in the storm.");
  EXPECT_EQ(speaker(b, "simply failed"), "representatives from Norway");
  // A person from a place is still the person.
  const Article c = run("Kari Holm, a nurse from Bergen, said \"it was chaos\".");
  EXPECT_EQ(speaker(c, "it was chaos"), "Kari Holm");
}

}  // namespace
}  // namespace newsflow::processors

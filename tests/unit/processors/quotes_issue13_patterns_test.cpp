// The speaker patterns issue 13 expects in wire and newspaper copy, one test
// each, checked at the start of the fifteenth round (quotes15): those that
// already passed stay as regression tests, the others came with their fix.
// Examples written for these tests.
#include <gtest/gtest.h>

#include "quotes_test_util.hpp"

namespace newsflow::processors {
namespace {

using namespace quotes_test;

TEST(QuoteIssue13PatternsTest, QuoteWithoutCommaThenRoleNameAndCue) {
  const Article a = run(
      "The district closed two schools last year. \"We will reopen the Lakeside building in May\" district "
      "superintendent Carla Boyd said on Tuesday.");
  EXPECT_EQ(speaker(a, "We will reopen"), "Carla Boyd");
}

TEST(QuoteIssue13PatternsTest, PresentTenseAndInvertedCuesWithATrailingRelativeClause) {
  const Article a = run(
      "The bakery opened in 1987. \"People still queue for the rye loaf,\" says Marta Quinn, who has run the shop "
      "since her father retired.");
  EXPECT_EQ(speaker(a, "People still queue"), "Marta Quinn");
  const Article b = run(
      "The club lost again on Saturday. \"We have to defend better,\" said head coach Dan Ortiz, who took over in "
      "June.");
  EXPECT_EQ(speaker(b, "We have to defend"), "Dan Ortiz");
}

TEST(QuoteIssue13PatternsTest, ColonAfterASubject) {
  const Article a = run(
      "The ferry was cancelled twice this week. Harbour pilot Ines Varga was blunt: \"The boats are too old for "
      "this sea.\"");
  EXPECT_EQ(speaker(a, "The boats are too old"), "Ines Varga");
}

TEST(QuoteIssue13PatternsTest, QuoteOnlyParagraphsContinueTheSpeakerUntilAnotherIsIntroduced) {
  const Article a = run(
      "Farmer Olaf Brenner lost half his herd in the flood.\n\n"
      "\"The water came up in an hour,\" Brenner said.\n\n"
      "\"We had no time to move the cows.\"\n\n"
      "\"Now we start again.\"\n\n"
      "His neighbour, Greta Lund, was luckier. \"Our barn is on the hill,\" she said.");
  EXPECT_EQ(speaker(a, "The water came up"), "Olaf Brenner");
  EXPECT_EQ(speaker(a, "We had no time"), "Olaf Brenner");
  EXPECT_EQ(speaker(a, "Now we start"), "Olaf Brenner");
  EXPECT_EQ(speaker(a, "Our barn is"), "Greta Lund");
}

TEST(QuoteIssue13PatternsTest, PronounAcrossAParagraphBoundaryTakesTheMostRecentCompatiblePerson) {
  const Article a = run(
      "Senator Ruth Calder met the miners on Friday. Union leader Peter Hale thanked her for coming.\n\n"
      "\"We cannot close the pits before the new plant opens,\" he said.\n\n"
      "\"I will take that message to the capital,\" she said.");
  EXPECT_EQ(speaker(a, "We cannot close"), "Peter Hale");
  EXPECT_EQ(speaker(a, "I will take that"), "Ruth Calder");
}

TEST(QuoteIssue13PatternsTest, RoleNounWithNoNameIsTheRolePhrase) {
  const Article a = run(
      "Two patients were moved overnight. \"Both are stable this morning,\" a hospital spokeswoman said.");
  const Quote* q = find(a, "Both are stable");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker.value_or("<null>"), "hospital spokeswoman");
  EXPECT_EQ(q->speaker_kind, Quote::SpeakerKind::role);
}

TEST(QuoteIssue13PatternsTest, AnAcronymDefinedInTheTextIsOneOrganisation) {
  const Article a = run(
      "The National Grain Board (NGB) cut its harvest forecast on Monday. \"Rain in August ruined the late wheat,\" "
      "the NGB said in a statement.");
  EXPECT_EQ(speaker(a, "Rain in August"), "National Grain Board");
}

TEST(QuoteIssue13PatternsTest, ACueInTheSentenceNeverLeavesTheSpeakerNull) {
  // Whatever the subject, a quoted sentence whose sentence has a cue gets a
  // speaker: here the group the relative clause describes.
  const Article a = run(
      "The port reopened on Sunday. Those who worked through the night said, \"The cranes never stopped once.\"");
  const Quote* q = find(a, "The cranes never");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker.value_or("<null>"), "those who worked through the night");
  EXPECT_EQ(q->speaker_kind, Quote::SpeakerKind::role);
}

}  // namespace
}  // namespace newsflow::processors

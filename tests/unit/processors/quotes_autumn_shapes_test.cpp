// Speaker shapes first seen on the eighth real dev set (wn19f-dev, issue 13,
// seventeenth round): "who" right before the cue standing for the name it
// follows, a gerund phrase between a subject and its cue, a named week or
// festival that is nobody's name, a person's own cue before a closing
// "according to" outlet, "dismissed/attacked X as" before a partial, and an
// organisation's document by its head word ("the court's summary"), and a
// bracketed aside after a name before its cue, "they" after a plural role
// subject, and an organisation's clause with "also" before a colon. Examples written for these tests.
#include <gtest/gtest.h>

#include "quotes_test_util.hpp"

namespace newsflow::processors {
namespace {

using namespace quotes_test;

TEST(QuoteAutumnShapesTest, WhoBeforeTheCueStandsForTheNameItFollows) {
  const Article a = run(
      "Oil prices fell on Monday across Asian markets. The plan was drafted by Maria Okonkwo, a lawyer at the "
      "firm, who said \"We looked at every clause twice before it went out.\" The treaty was signed by Peter "
      "Lindqvist who told reporters, \"It is a good day for the region.\"");
  EXPECT_EQ(speaker(a, "We looked at every clause"), "Maria Okonkwo");
  EXPECT_EQ(speaker(a, "It is a good day"), "Peter Lindqvist");
}

TEST(QuoteAutumnShapesTest, AGerundPhraseBetweenASubjectAndItsCueIsSkipped) {
  const Article a = run(
      "Both chambers held a minute of silence today. Senate president Paul Garnier in relaying the news to the "
      "chamber said, \"He served the country for forty years.\" Mayor Lena Fiske, while opening the debate, "
      "said: \"We owe him the harbour.\"");
  EXPECT_EQ(speaker(a, "He served the country"), "Paul Garnier");
  EXPECT_EQ(speaker(a, "We owe him the harbour"), "Lena Fiske");
}

TEST(QuoteAutumnShapesTest, ANamedWeekOrFestivalIsNobodysName) {
  const Article a = run(
      "Yesterday, Governor Alan Pruett of Westland said taxes should \"come down soon\" as prices rise.\n\n"
      "Pruett was speaking at the opening of Harvest Remembrance Week, an annual celebration of the farms, which "
      "features parades. \"The farms need rain, and the rain will come,\" he said.\n\n"
      "Later he visited the Lowmoor Cider Festival, a fair held every autumn. \"Cider is our oldest trade,\" he "
      "added.");
  EXPECT_EQ(speaker(a, "The farms need rain"), "Alan Pruett");
  EXPECT_EQ(speaker(a, "Cider is our oldest trade"), "Alan Pruett");
}

TEST(QuoteAutumnShapesTest, APersonsOwnCueBeatsAClosingAccordingToOutlet) {
  const Article a = run(
      "Senator Ada Okafor voted against the plan. Okafor called the plan a \"betrayal of our voters,\" according "
      "to CNN. The harbour was \"close to ruin,\" according to investigators.");
  EXPECT_EQ(speaker(a, "betrayal of our voters"), "Ada Okafor");
  EXPECT_EQ(speaker(a, "close to ruin"), "investigators");
}

TEST(QuoteAutumnShapesTest, DismissedOrAttackedAsIntroducesAPartialQuote) {
  const Article a = run(
      "Mayor Ida Rusk opposed the audit. Rusk dismissed the audit as \"a waste of public money.\" Later she "
      "attacked the budget as \"reckless and cruel.\"");
  EXPECT_EQ(speaker(a, "a waste of public money"), "Ida Rusk");
  EXPECT_EQ(speaker(a, "reckless and cruel"), "Ida Rusk");
  // The reporting verb nearer the quotation still speaks.
  const Article b = run("Police said the suspect attacked a guard who was \"screaming for help\" at the gate.");
  EXPECT_EQ(speaker(b, "screaming for help"), "Police");
}

TEST(QuoteAutumnShapesTest, AnOrganisationsDocumentByItsHeadWordSpeaksForIt) {
  const Article a = run(
      "The Westmark Harbour Court ruled on the dispute on Friday. The court's summary ended with the words: "
      "\"The harbour fees are void and must be repaid.\"\n\nThe Ministry of Transport said it would appeal. The "
      "ministry's statement said, \"We respect the court but disagree with it.\"");
  EXPECT_EQ(speaker(a, "The harbour fees are void"), "Westmark Harbour Court");
  EXPECT_EQ(speaker(a, "We respect the court"), "Ministry of Transport");
}

TEST(QuoteAutumnShapesTest, ABracketedAsideAfterTheNameIsSkipped) {
  const Article a = run(
      "Painter Rosa Lind (Blue Hour, Salt) told of being forced to rethink her career after art school. \"In my "
      "first year, nobody bought a single canvas. It was hard to keep going.\" Councillor Amos Reed (Green, "
      "Eastfield) said: \"The gallery will stay open.\"");
  EXPECT_EQ(speaker(a, "In my first year"), "Rosa Lind");
  EXPECT_EQ(speaker(a, "The gallery will stay open"), "Amos Reed");
}

TEST(QuoteAutumnShapesTest, TheyAfterAPluralRoleSubjectIsThatRole) {
  const Article a = run(
      "The study was led by Dana Whitfield, a biologist at Kent. The researchers counted the birds twice. They "
      "reported, \"Numbers fell in every valley we checked, and the cause is the cold spring.\"\n\n"
      "The researchers suggested the wind, like the cold, kept the birds away. They reported, \"Nests were empty "
      "on every ridge we climbed.\"");
  EXPECT_EQ(speaker(a, "Numbers fell in every valley"), "researchers");
  EXPECT_EQ(speaker(a, "Nests were empty"), "researchers");
}

TEST(QuoteAutumnShapesTest, ACourtThatAlsoRuledBeforeAColonSpeaks) {
  const Article a = run(
      "The Appeal Court of Norland and Vest also ruled on the same day as the lower court, finding that the tax "
      "was not a matter for judges: \"In our view, the tax is lawful and must stand.\"");
  EXPECT_EQ(speaker(a, "In our view, the tax"), "Appeal Court of Norland and Vest");
}

}  // namespace
}  // namespace newsflow::processors

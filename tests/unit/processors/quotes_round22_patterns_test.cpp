// Speaker patterns met in the twenty-second round (quotes22), each written
// for these tests: role speakers that keep the organisation before their
// role noun, ages spelt out before a name, organisations whose name runs on
// through "on" or "for", and paragraphs that end in a colon before a
// quotation paragraph.
#include <gtest/gtest.h>

#include "quotes_test_util.hpp"

namespace newsflow::processors {
namespace {

using namespace quotes_test;

TEST(QuoteRound22PatternsTest, RoleSpeakerKeepsTheCapitalisedPoliceBeforeIt) {
  const Article a = run(
      "The bridge was closed on Monday. A Riverside Police spokesman said \"Two lanes will reopen tonight after the "
      "inspection.\"");
  EXPECT_EQ(speaker_role(a, "Two lanes"), "Riverside Police spokesman");
}

TEST(QuoteRound22PatternsTest, AnAgeSpeltOutIsNoPartOfTheName) {
  const Article a = run(
      "The coach left the road near Elmsby. Twelve-year-old Mia, who was on the upper deck, said \"Everyone was "
      "shouting at once.\"");
  EXPECT_EQ(speaker(a, "Everyone was shouting"), "Mia");
  const Article b = run(
      "Sixteen-year-old Omar Haddad won the county title. \"I trained every morning,\" Haddad said.");
  EXPECT_EQ(speaker(b, "I trained"), "Omar Haddad");
}

TEST(QuoteRound22PatternsTest, OpinesIsASpeechCue) {
  const Article a = run(
      "The league met on Sunday. \"The rules are clear,\" Dana Holt opines, \"and the referee applied them.\"");
  EXPECT_EQ(speaker(a, "The rules are clear"), "Dana Holt");
  EXPECT_EQ(speaker(a, "and the referee"), "Dana Holt");
}

TEST(QuoteRound22PatternsTest, AnOrganisationNameRunsOnThroughOnAndFor) {
  const Article a = run(
      "The National Board on Water Safety finished its tests on Monday.\n\n"
      "In a short statement, the board said, \"The samples from all four wells were clean.\"");
  EXPECT_EQ(speaker(a, "The samples"), "National Board on Water Safety");
  const Article b = run(
      "The Office for Rail Standards fined the operator. The office said: \"Late trains cost passengers dearly.\"");
  EXPECT_EQ(speaker(b, "Late trains"), "Office for Rail Standards");
}

TEST(QuoteRound22PatternsTest, AParagraphEndingInAColonIntroducesTheQuotationParagraphAfterIt) {
  const Article a = run(
      "The tram line is over budget.\n\n"
      "Councillor Ruth Ames defended the plan in comments on the city forum:\n\n"
      "\"The tram will pay for itself within a decade. The buses cannot carry the crowds.\"\n\n"
      "The opposition was not convinced.");
  EXPECT_EQ(speaker(a, "The tram will pay"), "Ruth Ames");
  const Article b = run(
      "Kofi Mensah sent the board a message before the vote:\n\n"
      "\"I will resign if the sale goes ahead. The club belongs to its members.\"");
  EXPECT_EQ(speaker(b, "I will resign"), "Kofi Mensah");
}

TEST(QuoteRound22PatternsTest, AColonClauseOpeningWithAPronounMeansThePersonBeforeIt) {
  const Article a = run(
      "Pavel Novak was angry about the vote. He forwarded the email he had sent to treasurer Ian Webb:\n\n"
      "\"I will not sign accounts that I have not seen. Please tell the members.\"");
  EXPECT_EQ(speaker(a, "I will not sign"), "Pavel Novak");
}

TEST(QuoteRound22PatternsTest, ANameBeforeACapitalisedTitleOfAnOrganisationSpeaks) {
  const Article a = run(
      "The appeal failed. Omar Reyes, Dean of Harlow Law School said \"The ruling will not survive a second "
      "review.\"");
  EXPECT_EQ(speaker(a, "The ruling will not"), "Omar Reyes");
  const Article b = run(
      "The appeal failed. Omar Reyes, Dean of the Harlow School of Law called it \"a weak ruling.\" Others agreed.");
  EXPECT_EQ(speaker(b, "a weak ruling"), "Omar Reyes");
}

TEST(QuoteRound22PatternsTest, VerbsOfPraiseBlameAndAccusationEmbedTheSpeakersWords) {
  const Article a = run("Later, Kent lauded the mayor as a \"true friend of the harbour.\" He then left.");
  EXPECT_EQ(speaker(a, "true friend"), "Kent");
  const Article b = run(
      "In a later speech, Ines Kent assailed the plan as the \"worst deal in the history of the port.\"");
  EXPECT_EQ(speaker(b, "worst deal"), "Ines Kent");
  const Article c = run(
      "Senator Alma Ruiz accused the governor of \"hiding the numbers from voters.\" The governor denied it.");
  EXPECT_EQ(speaker(c, "hiding the numbers"), "Alma Ruiz");
}

TEST(QuoteRound22PatternsTest, AnAcronymBetweenAnOwnerAndItsDocumentKeepsTheOwner) {
  const Article a = run(
      "The site blocked the tool after a notice from the Federal Shipping Board (FSB).\n\n"
      "The FSB's PSA notice alleged the tool's purpose was to \"evade the port checks used by licensed carriers\".\n\n"
      "Later, Ivan Orlov said \"we will fight this\".");
  EXPECT_EQ(speaker(a, "evade the port"), "Federal Shipping Board");
}

TEST(QuoteRound22PatternsTest, TheGovernmentOfAPlaceSpeaksAsOneOrganisation) {
  const Article a = run(
      "The government of New Caledonia said \"The people have chosen to stay, and the result must be respected.\"");
  EXPECT_EQ(speaker(a, "The people have chosen"), "government of New Caledonia");
  const Article b = run(
      "The vote was close. The council of Lower Ashby defended the closure: \"The library was losing money every "
      "month and the roof was no longer safe.\"");
  EXPECT_EQ(speaker(b, "The library was losing"), "council of Lower Ashby");
  const Article c = run(
      "The government of French Polynesia issued a statement after the ruling: \"The islands will appeal to the "
      "highest court.\"");
  EXPECT_EQ(speaker(c, "The islands will appeal"), "government of French Polynesia");
}

TEST(QuoteRound22PatternsTest, WordsNamedAfterANounForWordsAreMentionedNotSpoken) {
  const Article a = run(
      "Judge Lena Ortiz writes that the term \"reasonable doubt\" has no fixed meaning. She adds that the Charter "
      "phrase \"free and fair\" was read narrowly.");
  ASSERT_NE(find(a, "reasonable doubt"), nullptr);
  EXPECT_EQ(find(a, "reasonable doubt")->kind, Quote::Kind::scare);
  ASSERT_NE(find(a, "free and fair"), nullptr);
  EXPECT_EQ(find(a, "free and fair")->kind, Quote::Kind::scare);
}

TEST(QuoteRound22PatternsTest, InitialsThatSpellFunctionWordsStayInTheName) {
  const Article a = run(
      "Wayne A. I. Frederick, president of the college, wrote \"We mourn the loss of a great alumnus.\"");
  EXPECT_EQ(speaker(a, "We mourn"), "Wayne A. I. Frederick");
  const Article b = run("The dean, Maria I. Lopez, said \"The library will stay open.\"");
  EXPECT_EQ(speaker(b, "The library"), "Maria I. Lopez");
}

}  // namespace
}  // namespace newsflow::processors

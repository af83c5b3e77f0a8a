// Speaker shapes first seen on the ninth real dev set (wn19g-dev, issue 13,
// eighteenth round): a quotation that opens with an editor's elision
// ("[...] Still, ...") continuing the speaker before it, a role whose
// modifier is a body's noun after an inverted cue ("said parish council
// member X"), a person named before "from the <group>", "reacted" /
// "cited" as cues, a nationality opening an organisation's name that ends
// in "Forces", and a document's relative clause with "read" ("released a
// statement which read, in part, ..."), "it" after an acronym that opens a
// sentence before its verb, and a clause with no cue before a comma and a
// whole quoted sentence. Examples written for these tests.
#include <gtest/gtest.h>

#include "quotes_test_util.hpp"

namespace newsflow::processors {
namespace {

using namespace quotes_test;

TEST(QuoteOctoberShapesTest, AnOpeningElisionKeepsTheQuotationsCapital) {
  const Article a = run(
      "\"The samples were clean,\" said Dr. Okafor. \"[...] Still, the river carries more than we thought.\" "
      "\"The nets came back full,\" said Ruth Adeyemi. \"[\u2026] Next year we will count again.\"");
  EXPECT_EQ(speaker(a, "[...] Still, the river"), "Okafor");
  EXPECT_EQ(speaker(a, "[\u2026] Next year we will count"), "Ruth Adeyemi");
}

TEST(QuoteOctoberShapesTest, ABodysNounInsideTheRoleAfterAnInvertedCue) {
  const Article a = run(
      "Flood waters reached the town hall on Friday. \"We have never seen water this high,\" said parish council "
      "member Ivo Marsh. \"The roads are gone.\"\n\nThe prize went to two films. \"Both are brave,\" said "
      "selection committee member Clara Voss.");
  EXPECT_EQ(speaker(a, "We have never seen water"), "Ivo Marsh");
  EXPECT_EQ(speaker(a, "The roads are gone"), "Ivo Marsh");
  EXPECT_EQ(speaker(a, "Both are brave"), "Clara Voss");
}

TEST(QuoteOctoberShapesTest, ThePersonBeforeFromTheGroupSpeaks) {
  const Article a = run(
      "The senate voted late on Monday. Nadia Osei from the opposition bloc said at a rally: \"This vote betrays "
      "every family in the north.\"");
  EXPECT_EQ(speaker(a, "This vote betrays"), "Nadia Osei");
  // A role from a group, with no name before it, stays the role.
  const Article b = run("A source from the opposition camp said, \"We will not vote for it.\"");
  EXPECT_EQ(speaker(b, "We will not vote"), "source from the opposition camp");
}

TEST(QuoteOctoberShapesTest, ReactedAndCitedAreCues) {
  const Article a = run(
      "Singer Lou Marten of The Night Owls also reacted on Twitter, \"A sad day for music, and a sad day for all "
      "of us.\" In the memo, Hart Ellison cited the agency's \"repeated failure to protect its own staff\" as "
      "the reason.");
  EXPECT_EQ(speaker(a, "A sad day for music"), "Lou Marten");
  EXPECT_EQ(speaker(a, "repeated failure to protect"), "Hart Ellison");
}

TEST(QuoteOctoberShapesTest, ANationalityOpensAForcesName) {
  const Article a = run(
      "The Chilean Popular Forces (CPF) rejected the plan on Sunday and said it had been promised \"a vote on every "
      "new mine.\"");
  EXPECT_EQ(speaker(a, "a vote on every new mine"), "Chilean Popular Forces");
  // A nationality before a person's name is no part of it.
  const Article b = run("Kenyan Alice Moraa said, \"I ran the last lap for my mother.\"");
  EXPECT_EQ(speaker(b, "I ran the last lap"), "Alice Moraa");
}

TEST(QuoteOctoberShapesTest, ADocumentWhichReadSpeaksForItsIssuer) {
  const Article a = run(
      "Orbis Freight released a statement which read, in part, \"We regret the delay and will refund every "
      "customer.\" The Lowmoor Trust put up a notice that read, \"The gardens close at noon on Sundays.\"");
  EXPECT_EQ(speaker(a, "We regret the delay"), "Orbis Freight");
  EXPECT_EQ(speaker(a, "The gardens close at noon"), "Lowmoor Trust");
}

TEST(QuoteOctoberShapesTest, ItAfterAnAcronymSubjectIsThatOrganisation) {
  const Article a = run(
      "Kestrel Aerospace, the Danish rocket maker, marked the date on Monday. ESA marked the anniversary of the "
      "landing. It also praised the crew, noting on Twitter \"their courage opened the way for everyone after "
      "them\".");
  EXPECT_EQ(speaker(a, "their courage opened the way"), "ESA");
  // An acronym the article spelled out is that organisation.
  const Article b = run(
      "The Nordic Space Office (NSO) opened the archive in March. Kestrel Aerospace, the Danish rocket maker, "
      "marked the date on Monday. NSO marked the anniversary of the landing. It also said, \"Their courage "
      "opened the way for everyone after them.\"");
  EXPECT_EQ(speaker(b, "Their courage opened the way"), "Nordic Space Office");
}

TEST(QuoteOctoberShapesTest, AClausesSubjectIntroducesAQuotedSentenceAfterAComma) {
  const Article a = run(
      "Mayor Ida Rusk, also on the radio, defended the budget, \"Every school will get its roof fixed this "
      "year.\" Her old songs include \"Salt Road\", \"Blue Hour\", and \"The Long Way Home Tonight\".");
  EXPECT_EQ(speaker(a, "Every school will get"), "Ida Rusk");
  // Titles listed after commas are no speech.
  ASSERT_NE(find(a, "Salt Road"), nullptr);
  EXPECT_EQ(find(a, "Salt Road")->kind, Quote::Kind::scare);
  EXPECT_EQ(find(a, "The Long Way Home")->kind, Quote::Kind::scare);
}

}  // namespace
}  // namespace newsflow::processors

// Speaker shapes that lost the speaker on the fourth real dev set (Wikinews
// 2019 after wn19-dev's articles, issue 13, ninth round), each a general
// shape of wire copy. Examples written for these tests.
#include <gtest/gtest.h>

#include "quotes_test_util.hpp"

namespace newsflow::processors {
namespace {

using namespace quotes_test;

TEST(QuoteFreshNews, PostNominalLettersBelongToTheName) {
  const Article a = run("Prosecutor Ann Dale QC said the pair had shown \"a complete disregard for the law\".");
  EXPECT_EQ(speaker(a, "a complete disregard"), "Ann Dale");
  // A generational suffix is part of the name.
  const Article b = run("Tom Gill Jr. told reporters \"the mill will reopen in the spring\".");
  EXPECT_EQ(speaker(b, "the mill will"), "Tom Gill Jr.");
  const Article c = run("Harriet Moss OBE said \"the garden belongs to the whole village now\".");
  EXPECT_EQ(speaker(c, "the garden"), "Harriet Moss");
  // An acronym that is the subject itself still speaks.
  const Article d = run("The NTSB said \"the cause is not yet known and the inquiry will take months\".");
  EXPECT_NE(speaker(d, "the cause"), "<null>");
}

TEST(QuoteFreshNews, ADocumentSpeaksForItsOwner) {
  // Inverted: the owner is a possessive name after the document cue.
  const Article a = run(
      "Circuit Judge Nadia Brandt ruled for the growers. \"Water rights were never meant to be sold,\" reads "
      "Judge Brandt's ruling, \"and the county cannot sell them now.\"");
  EXPECT_EQ(speaker(a, "Water rights"), "Nadia Brandt");
  EXPECT_EQ(speaker(a, "and the county"), "Nadia Brandt");
  // A definite role as the owner is the person given that role.
  const Article b = run(
      "Circuit Judge Nadia Brandt ruled for the growers. Part of the judge's ruling reads \"no buyer acquired "
      "more than the seller ever had to give\".");
  EXPECT_EQ(speaker(b, "no buyer"), "Nadia Brandt");
  // A role nobody was given stays the document.
  const Article c = run("The company's statement reads \"we regret the delay and will refund every order\".");
  EXPECT_NE(speaker(c, "we regret"), "Nadia Brandt");
}

TEST(QuoteFreshNews, APersonOfAnOrganisationBeforeAColon) {
  const Article a = run(
      "Tom Briggs of the Port Authority spoke of the new crane: \"It lifts twice what the old one did, and it "
      "never breaks down.\"");
  EXPECT_EQ(speaker(a, "It lifts"), "Tom Briggs");
  // The organisation may be an acronym.
  const Article b = run(
      "Ana Lind of ESA was more cautious about the launch date: \"We will fly when the heat shield is ready, "
      "and not a day before.\"");
  EXPECT_EQ(speaker(b, "We will fly"), "Ana Lind");
  // One name before "of" is no person of an organisation ("Bank of England").
  const Article c = run("The Bank of Lydia defended the move: \"Rates had to rise to bring prices back down.\"");
  EXPECT_NE(speaker(c, "Rates had"), "Bank");
}

TEST(QuoteFreshNews, AParticipleAfterAnOwnerIsNoCue) {
  // "proposed" is a cue ("Berg proposed: ..."), but not after a possessive or an article.
  const Article a = run(
      "Ken Bright called Mayor Ann Hole's proposed housing deal \"lousy\" and said he would oppose it.");
  EXPECT_EQ(speaker(a, "lousy"), "Ken Bright");
  const Article b = run("Rita Vance said the stated aim of the \"cleanest harbour in Europe\" was out of reach.");
  EXPECT_EQ(speaker(b, "cleanest harbour"), "Rita Vance");
  // A contracted pronoun is no owner: "She's said" is "she has said".
  const Article c = run("Rita Vance runs the harbour. She's said \"the water is cleaner than it has been in decades\".");
  EXPECT_EQ(speaker(c, "the water is"), "Rita Vance");
}

TEST(QuoteFreshNews, InformedIsACueWithItsObject) {
  const Article a = run("\"The vote is final and we will respect the outcome,\" the Dockers' Union informed the press.");
  const Quote* q = find(a, "The vote is final");
  ASSERT_NE(q, nullptr);
  EXPECT_NE(q->speaker.value_or("<null>"), "<null>");
  EXPECT_EQ(q->cue, "informed the press");
}

TEST(QuoteFreshNews, AnOrganisationGivenAQuotationIsTheNextIt) {
  // The cue's subject is read by the fallback (a clause between it and the cue).
  const Article a = run(
      "The Fire Safety Agency has, in a statement, called on drivers to \"slow down on every icy road this "
      "week.\" It also urged people to \"keep clear of the damaged buildings until further notice.\"");
  EXPECT_EQ(speaker(a, "slow down"), "Fire Safety Agency");
  EXPECT_EQ(speaker(a, "keep clear"), "Fire Safety Agency");
}

TEST(QuoteFreshNews, ACreditedSourceTakesNoGenderFromTheClauseAfterIt) {
  // "he" belongs to the clause's subject (Dorn), not to the source.
  const Article a = run(
      "Karl Dorn was arrested on Friday. According to Premier Ilse Maran, Dorn had a permit for the rifle he "
      "used.\n\nPremier Maran spoke to reporters on Saturday. She said, \"We will change the permit rules "
      "before the end of the month.\"");
  EXPECT_EQ(speaker(a, "We will change"), "Ilse Maran");
}

TEST(QuoteFreshNews, TalkedOfAndSpokeOfClaimPartialQuotes) {
  const Article a = run(
      "Mayor Lin Obi talked of the founder's \"tireless work for the poorest families in the city\" and "
      "\"his gift for making friends of strangers.\"");
  EXPECT_EQ(speaker(a, "tireless work"), "Lin Obi");
  EXPECT_EQ(speaker(a, "his gift"), "Lin Obi");
  const Article b = run("Rosa Imre spoke of \"a betrayal of every worker who kept the plant open\".");
  EXPECT_EQ(speaker(b, "a betrayal"), "Rosa Imre");
}

TEST(QuoteFreshNews, APhraseOfCircumstanceIsNoApposition) {
  // The organisation in a place speaks, not the place.
  const Article a = run("The Progress Party in Lydbury said the deal was \"a victory for every docker\".");
  EXPECT_EQ(speaker(a, "a victory"), "Progress Party");
  // A phrase of circumstance set off by commas is neither the subject nor its role.
  const Article b = run(
      "The Progress Party in Lydbury, in its statement, said the deal was \"a victory for every docker\".");
  EXPECT_EQ(speaker(b, "a victory"), "Progress Party");
  const Article c = run("Nora Quist, at a news conference, said the plan was \"dead on arrival\".");
  const Quote* q = find(c, "dead on arrival");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker.value_or("<null>"), "Nora Quist");
  EXPECT_FALSE(q->speaker_role.has_value());
  // A true apposition keeps its role.
  const Article d = run("Nora Quist, a lawyer for the tenants, said the plan was \"dead on arrival\".");
  EXPECT_EQ(find(d, "dead on arrival")->speaker_role.value_or("<null>"), "a lawyer for the tenants");
}

TEST(QuoteFreshNews, AScholarIsARole) {
  // Not an agent noun in -er/-ist/-ian, so it is listed.
  const Article a = run(
      "According to Eastmoor University legal scholar Ines Varga, \"the ruling leaves every tenant in the "
      "city without a remedy.\"");
  EXPECT_EQ(speaker(a, "the ruling leaves"), "Ines Varga");
}

TEST(QuoteFreshNews, ADocumentSubjectBeforeAColonSpeaks) {
  const Article a = run(
      "The report itself set out the link between the two: \"Where the river was dredged, the floods came "
      "sooner and stayed longer.\"");
  EXPECT_EQ(speaker(a, "Where the river"), "report");
  // A study is a document.
  const Article b = run("The study itself outlined the pattern: \"Nesting fell in every year the beach was lit.\"");
  EXPECT_EQ(speaker(b, "Nesting fell"), "study");
}

TEST(QuoteFreshNews, AnEditorsBracketsOpenAndCloseASentence) {
  // "[S]" is a capital and "[.]" a full stop: a full quotation after the colon.
  const Article a = run(
      "The report set out its finding: \"[T]he levee failed where it had been patched, not where it "
      "was oldest[.]\"");
  const Quote* q = find(a, "[T]he levee");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, Quote::Kind::direct);
  EXPECT_NE(q->speaker.value_or("<null>"), "<null>");
}

TEST(QuoteFreshNews, ADocumentsAuthorBeforeAColonSpeaks) {
  const Article a = run(
      "The council issued the following statement from Mayor Ann Hole: \"We will rebuild the bridge before "
      "the spring floods arrive.\"");
  EXPECT_EQ(speaker(a, "We will rebuild"), "Ann Hole");
  const Article b = run(
      "The club released a letter by its chairman: \"We will rebuild the stand before the season starts.\"");
  EXPECT_EQ(speaker(b, "We will rebuild"), "chairman");
}

TEST(QuoteFreshNews, ATitleInCapitalsAfterADeterminerIsARole) {
  const Article a = run(
      "Green MP (Member of Parliament) Ada Fenn spoke first. One MP told the radio, \"Most of us never read "
      "the bill before the vote.\"");
  const Quote* q = find(a, "Most of us");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker.value_or("<null>"), "One MP");
  EXPECT_EQ(q->speaker_kind, Quote::SpeakerKind::role);
  // An acronym that is no title stays an organisation.
  const Article b = run("The NHS said \"waiting lists are falling in every region\".");
  EXPECT_EQ(find(b, "waiting lists")->speaker_kind, Quote::SpeakerKind::organization);
}

}  // namespace
}  // namespace newsflow::processors

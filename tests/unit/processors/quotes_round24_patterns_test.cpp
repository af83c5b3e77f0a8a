// Speaker patterns met in the twenty-fourth round (quotes24), each written
// for these tests: a surname with its particle among the tagger's entities,
// a title's organisation before a full name, spelt-out numbers, quoted
// words before a noun for words, a relative clause's subject, an editor's
// bracketed letter, a participle after a document and a place, an
// apposition that is never closed, a document owned by an acronym, a
// campaign named by its candidate before a colon, and a verb that embeds
// words at the end of a reported clause.
#include <gtest/gtest.h>

#include "quotes_test_util.hpp"

namespace newsflow::processors {
namespace {

using namespace quotes_test;

Article run_with_people(const std::string& text, const std::vector<std::string>& people) {
  QuotesOptions o;
  o.rules = rules();
  auto p = make_quotes_processor(o);
  Article a;
  a.text = text;
  for (const std::string& name : people) {
    Entity e;
    e.text = name;
    e.type = Entity::Type::person;
    a.entities.push_back(e);
  }
  EXPECT_EQ(p->process(a).kind, Outcome::Kind::pass);
  return a;
}

TEST(QuoteRound24PatternsTest, ASurnameWithItsParticleIsThePersonWhateverTheEntityOrder) {
  // The entity tagger lists the surname alone before the full name.
  const Article a = run_with_people(
      "The forum heard five speakers, among them union organiser Marta De La Cruz.\n\n"
      "De La Cruz said the talks had failed. De La Cruz called the offer \"an insult to every nurse.\"",
      {"De La Cruz", "Marta De La Cruz"});
  EXPECT_EQ(speaker(a, "an insult"), "Marta De La Cruz");
}

TEST(QuoteRound24PatternsTest, ATitlesOrganisationOfTwoWordsIsNoPartOfTheName) {
  const Article a = run(
      "The agency met on Friday. Deputy Director of Coastal Planning Henrik Aas said the plan was \"not ready for "
      "the storms\".");
  EXPECT_EQ(speaker(a, "not ready"), "Henrik Aas");
}

TEST(QuoteRound24PatternsTest, ASpeltOutNumberOpeningTheSentenceIsNoName) {
  const Article a = run(
      "Thirty retired judges signed a letter on Monday saying the new court rules were \"a danger to every "
      "defendant.\"");
  EXPECT_NE(speaker(a, "a danger"), "Thirty");
}

TEST(QuoteRound24PatternsTest, QuotedWordsBeforeANounForWordsAreMentioned) {
  const Article a = run(
      "The senator apologised on Sunday for her \"lazy farmers\" remark. Critics had seized on the alleged \"traitors\" "
      "and \"cowards\" comments reported by the paper.");
  for (const char* words : {"lazy farmers", "traitors", "cowards"}) {
    const Quote* q = find(a, words);
    ASSERT_NE(q, nullptr) << words;
    EXPECT_EQ(q->kind, Quote::Kind::scare) << words;
  }
  // A partial quotation before another noun is still speech.
  const Article b = run("Mayor Lena Holt described the plan as a \"reckless\" use of public money.");
  const Quote* q = find(b, "reckless");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, Quote::Kind::partial);
}

TEST(QuoteRound24PatternsTest, TheSubjectOfARelativeClauseIsNotTheNextHe) {
  const Article a = run(
      "Governor Paul Weller and his rival Tom Varga spoke first. Weller said he had closed the border in March, "
      "which Varga opposed at the time. He said residents were \"learning to cope\" with the rules.");
  EXPECT_EQ(speaker(a, "learning to cope"), "Paul Weller");
  const Article b = run(
      "Governor Paul Weller spoke first. Weller said he had closed the border in March, which Tom Varga opposed at "
      "the time. He said residents were \"learning to cope\" with the rules.");
  EXPECT_EQ(speaker(b, "learning to cope"), "Paul Weller");
}

TEST(QuoteRound24PatternsTest, ABracketedLetterOpensTheQuotedSentence) {
  const Article a = run(
      "The shooting drew protests. The Harbour Union released a statement: \"[w]e will not accept that a worker dies "
      "for want of a railing.\"");
  EXPECT_EQ(speaker(a, "[w]e will not"), "Harbour Union");
}

TEST(QuoteRound24PatternsTest, AParticipleAfterADocumentAndAPlaceHasTheClausesSubject) {
  const Article a = run(
      "Governor Ann Marsh lost the vote. Following the count, Marsh issued a statement at her office outside Bergen, "
      "Norway saying, \"The count is not over and we will ask for a recount in every district.\"");
  EXPECT_EQ(speaker(a, "The count is"), "Ann Marsh");
}

TEST(QuoteRound24PatternsTest, AParticipleAfterACommaSkipsANameInsideTheClause) {
  const Article a = run(
      "Mayor Tom Reyes gave a vague answer about the far-right group Iron Sons, when asked to condemn them, stating "
      "\"they should calm down\" before leaving.");
  EXPECT_EQ(speaker(a, "they should"), "Tom Reyes");
}

TEST(QuoteRound24PatternsTest, ANameBeforeAnUnclosedRoleApposition) {
  const Article a = run(
      "The app returned on Monday. Hours later, Anton K, one of the maintainers of the app wrote on the forum, "
      "\"Thank you all for the support and the patience.\"");
  EXPECT_EQ(speaker(a, "Thank you all"), "Anton K");
  // Not a name that is a preposition's object.
  const Article b = run(
      "In a letter to Clara Moss, a spokesman for the council said \"the hall will stay open until June.\"");
  EXPECT_EQ(speaker(b, "the hall will"), "spokesman for the council");
}

TEST(QuoteRound24PatternsTest, AnAcronymBeforeTheDocumentIsItsOwner) {
  const Article a = run(
      "The Northern Rugby League (NRL) confirmed the death of its founder. \"He built this league from nothing,\" "
      "reads an NRL press release.");
  EXPECT_EQ(speaker(a, "He built"), "Northern Rugby League");
}

TEST(QuoteRound24PatternsTest, ACampaignNamedByItsCandidateSpeaksBeforeAColon) {
  const Article a = run(
      "Senator Mark Olsen trailed in the polls. The Olsen campaign repeated an old statement: \"Voters will decide "
      "this race, not the pundits.\"");
  EXPECT_EQ(speaker(a, "Voters will"), "Olsen campaign");
}

TEST(QuoteRound24PatternsTest, AnEmbeddingVerbClosingAReportedClauseHasItsSubject) {
  const Article a = run(
      "The Daily Ledger claimed that during a visit to Oslo, Mayor Ivan Roth refused to meet the families and "
      "referred to the protesters as \"troublemakers.\"");
  EXPECT_EQ(speaker(a, "troublemakers"), "Ivan Roth");
}

TEST(QuoteRound24PatternsTest, TheLetterIsThatOfThePersonWhoSentALetter) {
  const Article a = run(
      "Lawyer Greta Sand, a partner at Holm and Berg, sent a letter to the council on Friday. In the letter to the "
      "council, Sand asked for a delay. The letter stressed that \"no resident was consulted before the vote.\"");
  EXPECT_EQ(speaker(a, "no resident"), "Greta Sand");
  // With nobody named, the document is still the role.
  const Article b = run("A letter reached the council on Friday. The letter stressed that \"no resident was consulted.\"");
  EXPECT_EQ(speaker(b, "no resident"), "letter");
}

TEST(QuoteRound24PatternsTest, AccusingAndDenouncedEmbedTheSpeakersWords) {
  const Article a = run(
      "Premier Ola Berg lashed out at the mayor on Twitter, accusing her of \"ignoring the flood warnings\".");
  EXPECT_EQ(speaker(a, "ignoring"), "Ola Berg");
  const Article b = run(
      "Several ministers broke ranks, such as former minister Eva Lunde, who denounced the plan as a \"national "
      "disgrace\".");
  EXPECT_EQ(speaker(b, "national"), "Eva Lunde");
}

}  // namespace
}  // namespace newsflow::processors

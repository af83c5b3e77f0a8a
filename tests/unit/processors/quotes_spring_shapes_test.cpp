// Speaker shapes first seen on the eleventh real dev set (wn20b-dev, issue
// 13, twentieth round): a participle cue right after a quotation takes no
// inverted subject ('"…", adding Dorval will appeal' is Dorval's clause, not
// its speech); two fronted phrases in a row ("In June, at the party's
// conference,") are both passed over; a quantity before "of" ("A number of
// Senators") is not the speaker, the noun after it is; and a name lent by
// an entity that opens with a title ("Administrator Karl Vance") is lent
// without it; an owner's document speaks for it past a modifier or a skip
// word ("Acme's official statement yesterday read"); and a quotation that
// opens with an editor's bracketed words ("[We] let them") is a sentence of
// the speaker before it; "the latter" and "the former" are the names written
// before them; and a role with its own modifier ("the local health
// minister") is no person whose title has others; "It read" after a
// sentence that issued a document is that issuer's; and "led X to say"
// is X's, as "A tweet sent from X's account … saying" is. Examples written
// for these tests.
#include <gtest/gtest.h>

#include "quotes_test_util.hpp"

namespace newsflow::processors {
namespace {

using namespace quotes_test;

TEST(QuoteSpringShapesTest, AParticipleAfterAQuotationHasNoInvertedSubject) {
  const Article a = run(
      "The mayor of Dorval, Henri Masse, said the two men must face \"fraud and bribery charges\", adding Quebec "
      "would back the town in any appeal.\n\nInes Okafor called the ruling \"a slap in the face\", saying Lagos "
      "would never accept it.");
  EXPECT_EQ(speaker(a, "fraud and bribery charges"), "Henri Masse");
  EXPECT_EQ(speaker(a, "a slap in the face"), "Ines Okafor");
}

TEST(QuoteSpringShapesTest, AnInvertedPastTenseCueStillTakesItsSubject) {
  const Article a = run("\"We will appeal the ruling,\" added Henri Masse, the mayor of Dorval.");
  EXPECT_EQ(speaker(a, "We will appeal the ruling"), "Henri Masse");
}

TEST(QuoteSpringShapesTest, TwoFrontedPhrasesAreBothPassedOver) {
  const Article a = run(
      "The vote was held in May. In June, at the Green Party's annual conference, Lena Dorn announced her plan to "
      "stand, saying \"I will fight for every seat in this city\".\n\nOn Friday, at a rally of the Farmers' "
      "Union in Leeds, Tom Hale told the crowd: \"We will not sell our land.\"");
  EXPECT_EQ(speaker(a, "I will fight for every seat"), "Lena Dorn");
  EXPECT_EQ(speaker(a, "We will not sell our land"), "Tom Hale");
}

TEST(QuoteSpringShapesTest, AQuantityBeforeOfIsNotTheSpeaker) {
  const Article a = run(
      "A number of Senators condemned the plan on Monday, citing it as a \"reckless waste of public "
      "money\".\n\nA majority of the nurses rejected the offer, calling it \"an insult to every one of us\".");
  EXPECT_EQ(speaker(a, "reckless waste of public"), "Senators");
  EXPECT_EQ(speaker(a, "an insult to every one"), "nurses");
}

TEST(QuoteSpringShapesTest, AnEntityOpeningWithATitleLendsOnlyTheName) {
  // The entity tagger kept the title in the name; the quotes processor
  // lends the surname speaker the name after it.
  Article a;
  a.text =
      "The next mission depends on the weather, which agency Administrator Karl Vance has said may clear by "
      "August. Vance remarked, \"We are not going to rush this.\"";
  a.entities.push_back(Entity{"Administrator Karl Vance", Entity::Type::person, 2, ""});
  QuotesOptions o;
  o.rules = rules();
  auto p = make_quotes_processor(o);
  ASSERT_EQ(p->process(a).kind, Outcome::Kind::pass);
  EXPECT_EQ(speaker(a, "We are not going to rush this"), "Karl Vance");
}

TEST(QuoteSpringShapesTest, AnOwnersDocumentSpeaksThroughAModifierAndASkipWord) {
  const Article a = run(
      "Northgate Rowing Club's official statement read \"We are heartbroken to share that our coach has died.\"\n\n"
      "The Ashford Choir announced the death on Sunday. Ashford Choir's statement yesterday read \"Our founder "
      "has died after a long illness.\"");
  EXPECT_EQ(speaker(a, "We are heartbroken"), "Northgate Rowing Club");
  EXPECT_EQ(speaker(a, "Our founder has died"), "Ashford Choir");
}

TEST(QuoteSpringShapesTest, AnEditorsBracketedWordsOpenTheNextPart) {
  const Article a = run(
      "The visitors pulled away late. \"We got back level and traded tries for a while\", Dale Price said. "
      "\"[We] let them [have the] momentum and they ran over the top\".");
  EXPECT_EQ(speaker(a, "[We] let them"), "Dale Price");
}

TEST(QuoteSpringShapesTest, TheLatterAndTheFormerAreTheNamesBeforeThem) {
  const Article a = run(
      "Inquiries were opened by the Harbour Authority and the Coastal Safety Board, with the latter confirming on "
      "Twitter it was \"not sending inspectors to the pier at this time.\"\n\nTalks were held by the Farmers' Union "
      "and the Grain Council. The former said the deal was \"a fair price for every grower\".");
  EXPECT_EQ(speaker(a, "not sending inspectors"), "Coastal Safety Board");
  EXPECT_EQ(speaker(a, "a fair price for every"), "Farmers' Union");
}

TEST(QuoteSpringShapesTest, AModifiedRoleIsNotAPersonWithAnotherTitle) {
  const Article a = run(
      "Transport Minister Omar Haddad said nine people died. The local health minister said, \"The injured have "
      "been taken to the city hospital.\"");
  EXPECT_EQ(speaker(a, "The injured have been"), "local health minister");
  // A word of tenure tells when, not which: the former minister is still the one named.
  const Article b = run(
      "Transport Minister Omar Haddad resigned in May. The former minister said, \"I leave with a clear "
      "conscience.\"");
  EXPECT_EQ(speaker(b, "I leave with a clear"), "Omar Haddad");
}

TEST(QuoteSpringShapesTest, ItReadIsTheDocumentOfTheSentenceBefore) {
  const Article a = run(
      "The Rowing Federation of Wales (RFW) released a statement on the arrest. It read, \"We condemn every form "
      "of violence and will say no more until the inquiry ends.\"");
  EXPECT_EQ(speaker(a, "We condemn every form"), "Rowing Federation of Wales");
  const Article b = run(
      "The Welsh Rowing Union issued a statement about Tomos Price's arrest. It read, \"We will say nothing until "
      "the police have finished their work.\"");
  EXPECT_EQ(speaker(b, "We will say nothing"), "Welsh Rowing Union");
}

TEST(QuoteSpringShapesTest, TheObjectOfAVerbOfCausingSpeaksTheCueAfterTo) {
  const Article a = run(
      "The remark drew anger online. The backlash led Lena Dorn to say \"I should not have been so careless with "
      "my words.\"\n\nThe row prompted Omar Haddad to express \"deep regret for the hurt I caused\".");
  EXPECT_EQ(speaker(a, "I should not have been"), "Lena Dorn");
  EXPECT_EQ(speaker(a, "deep regret for the hurt"), "Omar Haddad");
}

TEST(QuoteSpringShapesTest, ADocumentOpeningTheClauseSpeaksForTheOwnerInItsPhrase) {
  const Article a = run(
      "In May, at the final debate, Lena Dorn promised to pick a woman. A tweet sent from Dorn's Twitter account "
      "during the debate repeated the pledge, saying \"My running mate will be a woman.\"\n\nA post on the Leeds "
      "Rowing Club's Facebook page thanked the volunteers, saying \"We could not have done it without you.\"");
  EXPECT_EQ(speaker(a, "My running mate will be"), "Lena Dorn");
  EXPECT_EQ(speaker(a, "We could not have done"), "Leeds Rowing Club");
}

}  // namespace
}  // namespace newsflow::processors

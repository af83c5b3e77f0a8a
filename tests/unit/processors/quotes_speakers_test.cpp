// Attribution patterns of wire and newspaper copy that used to lose the
// speaker (issue 13). Examples written for these tests.
#include <gtest/gtest.h>

#include "quotes_test_util.hpp"

namespace newsflow::processors {
namespace {

using namespace quotes_test;

Quote::SpeakerKind kind_of(const Article& a, std::string_view prefix) {
  const Quote* q = find(a, prefix);
  return q ? q->speaker_kind : Quote::SpeakerKind::none;
}

TEST(QuoteSpeakersTest, RoleWithoutANameIsTheSpeaker) {
  const Article a = run(
      "\"The gates stay shut until Monday,\" a spokesperson for the camp said.\n"
      "\"Nobody has been hurt,\" officials said on Sunday.\n"
      "\"He loved the sea,\" the father said.\n"
      "\"The pumps failed twice,\" said a local source.\n"
      "\"We filed it in March,\" a Verdant Rail spokesman told reporters.");
  EXPECT_EQ(speaker(a, "The gates"), "spokesperson for the camp");
  EXPECT_EQ(kind_of(a, "The gates"), Quote::SpeakerKind::role);
  EXPECT_EQ(speaker(a, "Nobody"), "officials");
  EXPECT_EQ(speaker(a, "He loved"), "father");
  EXPECT_EQ(speaker(a, "The pumps"), "local source");
  EXPECT_EQ(speaker(a, "We filed"), "Verdant Rail spokesman");
  // A role names nobody: it is neither a speaker entry nor an entity.
  EXPECT_TRUE(a.speakers.empty());
  EXPECT_TRUE(a.entities.empty());
}

TEST(QuoteSpeakersTest, RolesReadAsTheyWouldMidSentence) {
  // A role that opens a sentence keeps no capital of the sentence start.
  const Article a = run(
      "The union backed the bill. Its treasurer, Marta Quell, said the levy \"would empty the strike fund\".");
  const Quote* q = find(a, "would empty");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker.value_or(""), "Marta Quell");
  EXPECT_EQ(q->speaker_role.value_or("<null>"), "its treasurer");
  // The same for an organisation's apposition.
  const Article b = run("The retailer, Brightmoor Foods, said \"no card numbers were taken\".");
  const Quote* r = find(b, "no card numbers");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->speaker.value_or(""), "Brightmoor Foods");
  EXPECT_EQ(r->speaker_role.value_or("<null>"), "the retailer");
  // A relative clause after the name describes the person; it is no role.
  const Article c = run(
      "Oskar Brandt, who found the leak in March, said \"the valves were never tested\".");
  const Quote* t = find(c, "the valves");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->speaker.value_or(""), "Oskar Brandt");
  EXPECT_FALSE(t->speaker_role.has_value()) << *t->speaker_role;
}

TEST(QuoteSpeakersTest, NamedSpeakersSayWhatKindTheyAre) {
  const Article a = run("\"We will appeal,\" said Maren Solberg.\n\"It is final,\" the ministry said.");
  EXPECT_EQ(kind_of(a, "We will"), Quote::SpeakerKind::person);
  const Quote* q = find(a, "We will");
  ASSERT_NE(q, nullptr);
}

TEST(QuoteSpeakersTest, InvertedCueWithRoleWordsBeforeTheName) {
  const Article a = run(
      "\"Nobody here slept,\" said ferry passenger Ilse Brandt, 61.\n"
      "\"The talks are over,\" confirmed Danish foreign ministry spokesman Ole Vinter.\n"
      "The lorry \"came out of nowhere,\" said the Haute-Savoie sub-prefect, Amandine Roux.");
  EXPECT_EQ(speaker(a, "Nobody here"), "Ilse Brandt");
  EXPECT_EQ(speaker(a, "The talks"), "Ole Vinter");
  EXPECT_EQ(speaker(a, "came out"), "Amandine Roux");
}

TEST(QuoteSpeakersTest, QuoteWithoutACommaBeforeItsSpeaker) {
  const Article a = run(
      "\"Every flat on the estate needs new windows\" residents' committee chair Noor Haddad said Friday.\n"
      "The delay was \"shameful\" said Pieter Koll, a tenant.\n"
      "\"Blue Lagoon\" director Sam Ortiz has responded to the review.");
  EXPECT_EQ(speaker(a, "Every flat"), "Noor Haddad");
  EXPECT_EQ(speaker(a, "shameful"), "Pieter Koll");
  // A title before a role and a name is not a quotation of that person.
  EXPECT_EQ(speaker(a, "Blue Lagoon"), "<null>");
}

TEST(QuoteSpeakersTest, PresentTenseCueWithSurnameAndRelativeClause) {
  const Article a = run(
      "Adaeze Okoro opened the shelter in 2011.\n\n"
      "\"We never turn anyone away,\" says Okoro, who has run it since then.");
  EXPECT_EQ(speaker(a, "We never"), "Adaeze Okoro");
}

TEST(QuoteSpeakersTest, AColonAfterTheSubjectIntroducesTheQuote) {
  const Article a = run(
      "Ragnhild Berge, the harbour master, is more blunt: \"Nobody sails until the storm has passed.\"\n\n"
      "In Tromso the mood is different: \"We have seen worse winters than this.\"");
  EXPECT_EQ(speaker(a, "Nobody sails"), "Ragnhild Berge");
  EXPECT_EQ(speaker(a, "We have seen"), "<null>");  // a place is not a subject
}

TEST(QuoteSpeakersTest, AcronymsSpelledOutInTheTextAreOneOrganisation) {
  const Article a = run(
      "The Maritime Safety Directorate (MSD) opened an inquiry.\n\n"
      "\"The hull was sound,\" the MSD said on Tuesday.\n\n"
      "\"We cannot comment,\" the ABC said.");
  EXPECT_EQ(speaker(a, "The hull"), "Maritime Safety Directorate");
  EXPECT_EQ(kind_of(a, "The hull"), Quote::SpeakerKind::organization);
  EXPECT_EQ(speaker(a, "We cannot"), "ABC");  // never spelled out: stays as written
}

TEST(QuoteSpeakersTest, QuoteOnlyParagraphsContinueUntilAnotherSpeakerIsIntroduced) {
  const Article a = run(
      "\"The ferry left on time,\" said captain Liv Aune.\n\n"
      "\"Nobody expected the wind to turn.\"\n\n"
      "Her first mate, Jonas Vik, disagreed. \"We saw it coming an hour before.\"\n\n"
      "\"The forecast said so.\"");
  EXPECT_EQ(speaker(a, "The ferry"), "Liv Aune");
  EXPECT_EQ(speaker(a, "Nobody expected"), "Liv Aune");
  EXPECT_EQ(speaker(a, "We saw it"), "Jonas Vik");
  EXPECT_EQ(speaker(a, "The forecast"), "Jonas Vik");
}

TEST(QuoteSpeakersTest, ACueInTheSentenceAlwaysGivesASpeaker) {
  const Article a = run(
      "\"It was chaos,\" one witness said.\n"
      "\"Nobody knew where to go,\" residents told the paper.\n"
      "\"The road is closed,\" said a police spokesperson.");
  for (const Quote& q : a.quotes) EXPECT_TRUE(q.speaker.has_value()) << q.text;
}

}  // namespace
}  // namespace newsflow::processors

namespace newsflow::processors {
namespace {

using namespace quotes_test;

TEST(QuoteSpeakersTest, ANationalityIsTheLastNamedPersonNeverANewOne) {
  const Article a = run(
      "Harbourside manager Bjorn Tangen watched from the touchline.\n\n"
      "\"We were robbed in the last minute,\" said the Norwegian.");
  EXPECT_EQ(speaker(a, "We were robbed"), "Bjorn Tangen");
  for (const Entity& e : a.entities) EXPECT_NE(e.text, "Norwegian");
}

TEST(QuoteSpeakersTest, AnOrganisationNounBeforeTheNameMakesItAnOrganisation) {
  const Article a = run(
      "The company, BrightCart, said no card data was taken.\n\n"
      "\"We regret the incident,\" BrightCart said.");
  const Quote* q = find(a, "We regret");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "BrightCart");
  EXPECT_EQ(q->speaker_kind, Quote::SpeakerKind::organization);
}

TEST(QuoteSpeakersTest, AGivenNameTellsWhoSheIsBeforeAnyPronoun) {
  const Article a = run(
      "Laura Brandt and her partner Michael Oduya announced the move on Monday.\n\n"
      "\"We just live too far apart,\" she said.\n\n"
      "\"It was the right time,\" he said.");
  EXPECT_EQ(speaker(a, "We just live"), "Laura Brandt");
  EXPECT_EQ(speaker(a, "It was the right"), "Michael Oduya");
}

TEST(QuoteSpeakersTest, ACueInARelativeClauseDoesNotIntroduceTheQuote) {
  const Article a = run(
      "The Harbour Authority condemned the attack.\n\n"
      "It said the driver, who police said had a forged licence, had shown \"utter contempt\" for the city.");
  EXPECT_EQ(speaker(a, "utter contempt"), "Harbour Authority");
}

TEST(QuoteSpeakersTest, AnInvertedCueAfterReportedSpeechIntroducesTheSpeaker) {
  const Article a = run(
      "While the ministry is keen to call the tests a success, it is unlikely to stop them, said Ida Marsh, "
      "an analyst at the Polar Institute.\n\n"
      "\"I expect a pause, not an end,\" she said.");
  EXPECT_EQ(speaker(a, "I expect a pause"), "Ida Marsh");
  // "telling X" names the listener.
  const Article b = run(
      "Nora Vale joked about it on a talk show, telling Sam Reed, \"He keeps me honest, mostly.\"");
  EXPECT_EQ(speaker(b, "He keeps me"), "Nora Vale");
}

TEST(QuoteSpeakersTest, APlaceThatSpeaksActsAsAnOrganisationNotAPerson) {
  Article in;
  in.text = "Norland imposed a curfew on Sunday.\n\n\"Everyone must stay indoors,\" it said.";
  in.entities.push_back(Entity{"Norland", Entity::Type::place, 1, "NL"});
  QuotesOptions o;
  o.rules = rules();
  auto p = make_quotes_processor(o);
  ASSERT_EQ(p->process(in).kind, Outcome::Kind::pass);
  const Quote* q = find(in, "Everyone must");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "Norland");
  EXPECT_EQ(q->speaker_kind, Quote::SpeakerKind::organization);
  for (const Entity& e : in.entities) EXPECT_NE(e.type, Entity::Type::person) << e.text;
}

TEST(QuoteSpeakersTest, ReportedSpeechIsFollowedByTheSameSpeakersOwnWords) {
  const Article a = run(
      "Ruth Akers watched from her balcony. Akers said her nephew saw the lorry first. \"It is something you never "
      "forget.\"\n\n"
      "Tomas Ferreira, a lifeguard, described the panic. \"Everyone started running towards the sea.\"\n\n"
      "Inge Pohl runs the kiosk.\n\nShe said the square had been full and the music loud.\n\n"
      "\"Then the screaming began.\"",
      /*indirect=*/true);
  EXPECT_EQ(speaker(a, "It is something"), "Ruth Akers");
  EXPECT_EQ(speaker(a, "Everyone started"), "Tomas Ferreira");
  EXPECT_EQ(speaker(a, "Then the screaming"), "Inge Pohl");
  // The reported speech stays reported speech of its own.
  bool indirect = false;
  for (const Quote& q : a.quotes)
    indirect = indirect || (q.kind == Quote::Kind::indirect && q.text.starts_with("her nephew"));
  EXPECT_TRUE(indirect);
}

TEST(QuoteSpeakersTest, AQuoteParagraphContinuesPastNarrativeClosingThePreviousOne) {
  const Article a = run(
      "\"We hired 240 people,\" said Ona Vilkas, the plant manager. The site opens in May, and output should "
      "double by 2028, filings show.\n\n"
      "\"We are not going anywhere.\"\n\n"
      "\"The order book is full,\" Vilkas said. Her deputy, Karl Ström, said the night shift starts in June.\n\n"
      "\"We need forty welders.\"");
  EXPECT_EQ(speaker(a, "We are not going"), "Ona Vilkas");
  // Another speaker named in between: the quotation is not Vilkas's.
  EXPECT_NE(speaker(a, "We need forty"), "Ona Vilkas");
}

TEST(QuoteSpeakersTest, ACueClosingTheSentenceClaimsAQuoteInsideIt) {
  const Article a = run(
      "Rather than blaming the unions for \"a crisis of their own making,\" ministers should act now, Eda "
      "Kaplan said.");
  EXPECT_EQ(speaker(a, "a crisis of their"), "Eda Kaplan");
  EXPECT_EQ(find(a, "a crisis of their")->kind, Quote::Kind::partial);
}

TEST(QuoteSpeakersTest, APairOrACoupleSpeaksAsARole) {
  const Article a = run("\"We will always stay friends,\" the couple said in a joint statement.");
  EXPECT_EQ(speaker(a, "We will always"), "couple");
  EXPECT_EQ(kind_of(a, "We will always"), Quote::SpeakerKind::role);
}

TEST(QuoteSpeakersTest, HeMeansTheSubjectOfTheLastClauseNotTheLastNameMentioned) {
  const Article a = run(
      "Ivo Marek was ready to quit when club owner Dario Fenn offered him the job.\n\n"
      "When Fenn fell ill, Marek coached the team for a season.\n\n"
      "\"I never wanted to be the boss,\" he said.");
  EXPECT_EQ(speaker(a, "I never wanted"), "Ivo Marek");
}

TEST(QuoteSpeakersTest, ADefiniteRoleIsThePersonGivenThatRole) {
  const Article a = run(
      "Prime Minister Aiko Sato condemned the launch.\n\n"
      "\"This is a grave threat,\" the prime minister told reporters.\n\n"
      "\"We will not give in,\" a minister said.");
  EXPECT_EQ(speaker(a, "This is a grave"), "Aiko Sato");
  // An indefinite role names nobody in particular.
  EXPECT_EQ(speaker(a, "We will not"), "minister");
}

TEST(QuoteSpeakersTest, ThePersonOfAnOrganisationSpeaksNotTheOrganisation) {
  const Article a = run(
      "\"The caller posed as a bank clerk,\" Sgt. Lina Ortega of the Harwick Police Department said.\n"
      "\"Nobody lost money,\" Owen Tate of the fraud unit said.");
  EXPECT_EQ(speaker(a, "The caller"), "Lina Ortega");
  EXPECT_EQ(speaker(a, "Nobody lost"), "Owen Tate");
}

TEST(QuoteSpeakersTest, ASurnameTakesTheFullNameFromTheTitle) {
  QuotesOptions o;
  o.rules = rules();
  auto p = make_quotes_processor(o);
  Article a;
  a.title = "Mira Kestel speaks out about the crash";
  a.text = "The crash happened in 2004.\n\n\"I was scared,\" Kestel said.";
  p->process(a);
  EXPECT_EQ(speaker(a, "I was scared"), "Mira Kestel");
  // A title word before the surname is not a given name.
  Article b;
  b.title = "President Kestel speaks";
  b.text = a.text;
  p->process(b);
  EXPECT_EQ(speaker(b, "I was scared"), "Kestel");
}

TEST(QuoteSpeakersTest, ACompanyNamedLikeAPersonSpeaksAsAnOrganisation) {
  const Article a = run(
      "\"We regret the delay,\" Birch Hollow Ventures said.\n"
      "\"The plant opens in May,\" said Birch Hollow Ventures chief executive Ines Varga.");
  EXPECT_EQ(speaker(a, "We regret"), "Birch Hollow Ventures");
  EXPECT_EQ(kind_of(a, "We regret"), Quote::SpeakerKind::organization);
  EXPECT_EQ(speaker(a, "The plant opens"), "Ines Varga");
}

TEST(QuoteSpeakersTest, APronounBeforeAColonIntroducesTheQuote) {
  const Article a = run("Omar Reyes returned to the capital.\n\nHe ended by saying: \"The city will stand.\"");
  EXPECT_EQ(speaker(a, "The city will"), "Omar Reyes");
}

TEST(QuoteSpeakersTest, AParticipleCueTakesTheClausesSubject) {
  const Article a = run("Nina Holt praised the crews, adding that \"nobody could have done more.\"");
  EXPECT_EQ(speaker(a, "nobody could"), "Nina Holt");
}

TEST(QuoteSpeakersTest, ADocumentThatSpeaksIsARoleNotNobody) {
  const Article a = run("\"Do not expect any change in policy,\" the report said.");
  EXPECT_EQ(speaker(a, "Do not expect"), "report");
  EXPECT_EQ(kind_of(a, "Do not expect"), Quote::SpeakerKind::role);
}

TEST(QuoteSpeakersTest, AParagraphAboutTheSpeakerDoesNotChangeWhoSpeaks) {
  const Article a = run(
      "\"We are champions,\" Lena Marsh said.\n\nMarsh, 44, has coached the side since 2015.\n\n"
      "\"It was a long road.\"\n\nThe mayor, Ravi Bhat, said the parade is on Sunday.\n\n"
      "\"We will close the bridge.\"");
  EXPECT_EQ(speaker(a, "It was a long"), "Lena Marsh");
  EXPECT_NE(speaker(a, "We will close"), "Lena Marsh");
}

TEST(QuoteSpeakersTest, AnAgeMarksWhoThePronounMeans) {
  const Article a = run(
      "At the market, stallholder Rin Oda, 58, was sweeping up glass. \u2018It was worse in 1993,\u2019 she said.\n\n"
      "One visitor, 84-year-old Sean Boyle, found his father in a photograph. \"I never saw him that young,\" he "
      "said.\n\n"
      "Piet Maas lost the final. \"He was braver than me,\" the 28-year-old said.");
  EXPECT_EQ(speaker(a, "It was worse"), "Rin Oda");
  EXPECT_EQ(speaker(a, "I never saw"), "Sean Boyle");
  EXPECT_EQ(speaker(a, "He was braver"), "Piet Maas");
}

TEST(QuoteSpeakersTest, ACouncillorsAbbreviatedTitleIsNotPartOfTheName) {
  const Article a = run("\"The zone saves lives,\" said Cllr Mona Reid.");
  EXPECT_EQ(speaker(a, "The zone"), "Mona Reid");
}

TEST(QuoteSpeakersTest, WhereAnOrganisationIsBasedIsNotPartOfItsName) {
  const Article a = run(
      "\"We found no sign of a second breach,\" Leeds-based Corvin Holdings said.\n"
      "\"It is fixed,\" said Oslo-based Fjordline.");
  EXPECT_EQ(speaker(a, "We found"), "Corvin Holdings");
  EXPECT_EQ(speaker(a, "It is fixed"), "Fjordline");
}

TEST(QuoteSpeakersTest, AParticipleNamesItsAddresseeNotItsSpeaker) {
  const Article a = run(
      "Omar Reyes struck a softer tone on Tuesday, urging the union to \"come back to the table\" and \"make a "
      "deal.\"");
  EXPECT_EQ(speaker(a, "come back"), "Omar Reyes");
  EXPECT_EQ(speaker(a, "make a deal"), "Omar Reyes");
}

TEST(QuoteSpeakersTest, AParticipleAfterACommaSharesTheClausesSubject) {
  const Article a = run(
      "Omar Reyes spoke in Leeds.\n\nLast year he gave a speech in Wales, telling the crowd: \"There is never an "
      "excuse.\"\n\n"
      "Transport minister Ada Oyelaran denied the report, saying \"no deal was made.\"");
  EXPECT_EQ(speaker(a, "There is never"), "Omar Reyes");
  EXPECT_EQ(speaker(a, "no deal was"), "Ada Oyelaran");
}

TEST(QuoteSpeakersTest, OneOfAGroupSpeaksAsARole) {
  const Article a = run("\"The targets are ready,\" one of the masked fighters says in the video.");
  EXPECT_EQ(speaker(a, "The targets"), "one of the masked fighters");
  EXPECT_EQ(kind_of(a, "The targets"), Quote::SpeakerKind::role);
}

TEST(QuoteSpeakersTest, LawsAndBasedModifiersAreNotNames) {
  const Article a = run(
      "Under the Clean Harbours Act, fines double. Rosa Imhof, a lawyer in Kiel, disagrees. She says it is a stretch "
      "to apply the \"old wording of the statute\" to ships.\n"
      "\"We have waited long enough for this,\" the Accra-based campaign said.");
  EXPECT_EQ(speaker(a, "old wording"), "Rosa Imhof");
  EXPECT_EQ(speaker(a, "We have waited"), "campaign");
}

// A given name from the headline belongs to a person, never to a company.
TEST(QuoteSpeakersTest, HeadlineGivenNameOnlyForPersons) {
  Article a;
  a.title = "How Much Will Norvik Pay?";
  a.text = "Norvik declined to comment but said it is \"focused on helping every affected customer.\"";
  a.entities.push_back(Entity{"Norvik", Entity::Type::organization, 2, ""});  // found by topics
  QuotesOptions o;
  o.rules = quotes_test::rules();
  auto p = make_quotes_processor(o);
  ASSERT_EQ(p->process(a).kind, Outcome::Kind::pass);
  EXPECT_EQ(speaker(a, "focused on"), "Norvik");
}

// "For X, a <role>, ...": a name introduced with its role after the
// sentence's opening preposition is the next "she".
TEST(QuoteSpeakersTest, PrepositionalIntroWithRoleIsTheNextReferent) {
  const Article a = run(
      "Greta Lund, the harbour master, closed the pier on Monday.\n"
      "For Rosa Imhof, a lawyer in Kiel, the ruling came as a relief. Yet she says \"the hardest part is still "
      "ahead of the families.\"");
  EXPECT_EQ(speaker(a, "the hardest part"), "Rosa Imhof");
  const Article b = run(
      "The rule was signed by Governor Tomas Lind in 1998.\n"
      "To Anders Bakke, head of the hauliers' federation, the rule is a burden. \"Nobody else pays this twice,\" "
      "he says.");
  EXPECT_EQ(speaker(b, "Nobody else"), "Anders Bakke");
}

TEST(QuoteSpeakersTest, IndefiniteAppositionIntroducesThePerson) {
  const Article a = run(
      "\"They played like champions,\" coach Lars Berg conceded.\n"
      "Among the fans at the gate was Emil Strand, a plumber from Lund. \"I have waited thirty years for a night "
      "like this,\" he said.");
  EXPECT_EQ(speaker(a, "I have waited"), "Emil Strand");
}

TEST(QuoteSpeakersTest, ArabicArticleNamesAreNames) {
  const Article a = run(
      "\"Nobody will be forgotten,\" the movement's spokesman, Hamid al-Rashidi, said in a broadcast.");
  EXPECT_EQ(speaker(a, "Nobody will"), "Hamid al-Rashidi");
}

// "the X Y Associations, an industry group": later "the group" is X Y.
TEST(QuoteSpeakersTest, OrganisationInAppositionIsTheLaterHeadNoun) {
  const Article a = run(
      "The report was compiled by the Nordic Freight Monitor, a research group. Shipping grew, according to the "
      "Baltic Port Operators, an industry group. \"Without ports,\" the group says, \"nothing moves.\"");
  EXPECT_EQ(speaker(a, "Without ports"), "Baltic Port Operators");
}

// ", according to X" credits the sentence's own quotation; the next
// paragraph's quotation continues the speaker.
TEST(QuoteSpeakersTest, AccordingCreditDoesNotIntroduceTheNextQuote) {
  const Article a = run(
      "\"The convoy leaves at dawn,\" one of the volunteers says, according to the monitoring group.\n"
      "\"Bring water and nothing else, because the road is long and there is no shade anywhere.\"");
  EXPECT_EQ(speaker(a, "Bring water"), "one of the volunteers");
}

// "X, the spokesman for Y, said" then "the spokesman said": the role's head
// starts its complement.
TEST(QuoteSpeakersTest, DefiniteRoleMatchesARoleWithComplement) {
  const Article a = run(
      "Lena Vik, the spokeswoman for the port authority, said the cranes were safe. \"The inspection found no "
      "cracks at all in the main beams,\" the spokeswoman said.");
  EXPECT_EQ(speaker(a, "The inspection"), "Lena Vik");
}

// A name met with a qualified title before it keeps the whole role for its
// later quotes, as a cue's subject does, but not words that lead into it or
// belong to someone else's role.
TEST(QuoteSpeakersTest, ATitleBeforeANameKeepsTheWordsThatQualifyIt) {
  const Article a = run(
      "In a statement, hospice chief executive Sarah Vell said the loss had delayed the new wing.\n\n"
      "\"The betrayal has been felt by every volunteer,\" Vell said.\n\n"
      "A spokesman for Mayor Tom Ardent rejected the claim. \"We stand by the figures,\" Ardent said.\n\n"
      "The rules came from Prime Minister Jo Quarry last year. \"They work,\" Quarry said.");
  EXPECT_EQ(speaker(a, "The betrayal"), "Sarah Vell");
  EXPECT_EQ(speaker_role(a, "The betrayal"), "hospice chief executive");
  EXPECT_EQ(speaker(a, "We stand"), "Tom Ardent");
  EXPECT_EQ(speaker_role(a, "We stand"), "Mayor");
  EXPECT_EQ(speaker(a, "They work"), "Jo Quarry");
  EXPECT_EQ(speaker_role(a, "They work"), "Prime Minister");
}

}  // namespace
}  // namespace newsflow::processors

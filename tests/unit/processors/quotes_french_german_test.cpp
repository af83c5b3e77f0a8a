// Speakers in French and German news (issue 13, seventh round): inverted
// French pronouns ("a-t-il ajouté", "dit-elle"), French inverted subjects
// with their article ("a déclaré le ministre"), German pronoun subjects
// ("sagte er") and German role nouns before a name ("sagte Sprecherin Anna
// Berg"), and no speaker taken from an unrelated capitalised phrase. Examples
// written for these tests.
#include <gtest/gtest.h>

#include "quotes_test_util.hpp"

namespace newsflow::processors {
namespace {

using namespace quotes_test;

TEST(QuoteFrenchGerman, FrenchInvertedPronounIsTheLastMan) {
  const Article a = run(
      "Le conseil municipal a voté le budget lundi. Le maire Jacques Morel a défendu le projet.\n\n"
      "« Nous n'avions pas le choix », a-t-il expliqué devant la presse.");
  const Quote* q = find(a, "Nous n'avions");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker.value_or("<null>"), "Jacques Morel");
  const Article b = run(
      "La ministre Claire Dubois a visité le port de Brest.\n\n"
      "« Le chantier commencera en mars », dit-elle.");
  EXPECT_EQ(speaker(b, "Le chantier"), "Claire Dubois");
  const Article c = run(
      "L'entraîneur Marc Girard a annoncé sa liste samedi.\n\n"
      "« C'est une équipe jeune », ajoute-t-il. « Elle doit encore apprendre », estime-t-il.");
  EXPECT_EQ(speaker(c, "C'est une"), "Marc Girard");
  EXPECT_EQ(speaker(c, "Elle doit"), "Marc Girard");
}

TEST(QuoteFrenchGerman, FrenchInvertedSubjectWithItsArticleIsARole) {
  const Article a = run(
      "Le Salon du Livre de Genève a fermé ses portes dimanche.\n\n"
      "« Je remercie tous les lecteurs », a déclaré la romancière en quittant la scène.");
  const Quote* q = find(a, "Je remercie");
  ASSERT_NE(q, nullptr);
  // Never the capitalised event named earlier.
  EXPECT_EQ(q->speaker.value_or("<null>"), "la romancière");
  EXPECT_EQ(q->speaker_kind, Quote::SpeakerKind::role);
  const Article b = run(
      "Le procès s'est ouvert mardi à Lyon.\n\n"
      "« Mon client est innocent », a affirmé l'avocat de la défense.");
  EXPECT_EQ(speaker(b, "Mon client"), "l'avocat de la défense");
  const Article c = run(
      "La Banque Centrale du Nord a relevé ses taux.\n\n"
      "« L'inflation reste trop élevée », a dit le porte-parole.");
  EXPECT_EQ(speaker(c, "L'inflation"), "le porte-parole");
}

TEST(QuoteFrenchGerman, GermanRoleNounBeforeANameIsTheRole) {
  const Article a = run(
      "Die Brücke über den Rhein bleibt bis Juni gesperrt.\n\n"
      "„Die Schäden sind größer als gedacht“, sagte Bürgermeisterin Anna Berg am Montag.");
  const Quote* q = find(a, "Die Schäden");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker.value_or("<null>"), "Anna Berg");
  EXPECT_EQ(q->speaker_role.value_or("<null>"), "Bürgermeisterin");
  // A compound role noun ("Polizeisprecher") is a role too.
  const Article b = run(
      "In der Nacht brannte eine Lagerhalle in Essen.\n\n"
      "„Verletzt wurde niemand“, sagte Polizeisprecher Jonas Krüger.");
  EXPECT_EQ(speaker(b, "Verletzt wurde"), "Jonas Krüger");
  // With an article and no name, the role phrase speaks.
  const Article c = run(
      "Die Elbtaler Fähre fährt ab Mai seltener.\n\n"
      "„Wir bedauern das sehr“, sagte eine Sprecherin der Stadt.");
  const Quote* r = find(c, "Wir bedauern");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->speaker.value_or("<null>"), "eine Sprecherin der Stadt");
  EXPECT_EQ(r->speaker_kind, Quote::SpeakerKind::role);
}

TEST(QuoteFrenchGerman, GermanPronounSubjectIsTheLastPerson) {
  // "er" is the man, not the woman named last.
  const Article a = run(
      "Der Trainer Stefan Roth hat seinen Vertrag verlängert. Die Direktorin Sabine Hahn lobte ihn.\n\n"
      "„Ich bleibe gern hier“, sagte er am Freitag.");
  EXPECT_EQ(speaker(a, "Ich bleibe"), "Stefan Roth");
  const Article b = run(
      "Die Direktorin Sabine Hahn stellte den Plan vor. Der Trainer Stefan Roth hörte zu.\n\n"
      "„Wir beginnen im Herbst“, erklärte sie.");
  EXPECT_EQ(speaker(b, "Wir beginnen"), "Sabine Hahn");
}

TEST(QuoteFrenchGerman, NoSpeakerFromAnUnrelatedCapitalisedPhrase) {
  // The cue's subject is one the parser cannot read; the place named once
  // before is no person to fall back on.
  const Article a = run(
      "Die Elbtaler Fähre fährt ab Mai seltener.\n\n"
      "„Wir bedauern das sehr“, sagte eine Sprecherin der Stadt.");
  EXPECT_NE(speaker(a, "Wir bedauern"), "Elbtaler Fähre");
  // "sagten sie" is "they said", never the woman named before.
  const Article b = run(
      "Die Direktorin Sabine Hahn und der Trainer Stefan Roth stellten den Plan vor.\n\n"
      "„Wir beginnen im Herbst“, sagten sie.");
  EXPECT_NE(speaker(b, "Wir beginnen"), "Sabine Hahn");
  const Article c = run(
      "Le Grand Prix du festival a été remis samedi.\n\n"
      "« Je suis très émue », a lancé la lauréate.");
  EXPECT_NE(speaker(c, "Je suis"), "Grand Prix");
  // "she" with only a man named is not him, in French or English.
  const Article d = run(
      "Le maire Jacques Morel était à Brest.\n\n"
      "« Le chantier commencera en mars », a-t-elle précisé.");
  EXPECT_NE(speaker(d, "Le chantier"), "Jacques Morel");
  const Article e = run(
      "Mayor Jack Moore visited the harbour on Monday.\n\n"
      "\"Work will begin in March,\" she said.");
  EXPECT_NE(speaker(e, "Work will"), "Jack Moore");
}

TEST(QuoteFrenchGerman, NameAfterARolesCommaIsTheOneTheRoleDescribes) {
  const Article a = run(
      "Le musée rouvre ses salles en avril.\n\n"
      "Selon la directrice du musée, la conservatrice Anne Leroy, les travaux ont été « longs mais nécessaires ».");
  const Quote* q = find(a, "longs mais");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker.value_or("<null>"), "Anne Leroy");
  // The same shape in English.
  const Article b = run(
      "The museum reopens in April.\n\n"
      "According to the head of the museum, curator Anne Leroy, the work was \"long but necessary\".");
  EXPECT_EQ(speaker(b, "long but"), "Anne Leroy");
}

TEST(QuoteFrenchGerman, CapitalsBeforeARoleWithNoNameAreTheRole) {
  // French capitalises "Premier" in "le Premier ministre"; English copy has
  // the same shape with an organisation or party before the role.
  const Article a = run(
      "Les syndicats ont appelé à la grève.\n\n"
      "« Nous ne céderons pas », a déclaré le Premier ministre.");
  EXPECT_EQ(speaker(a, "Nous ne"), "le Premier ministre");
  const Article b = run(
      "The talks resumed on Monday.\n\n"
      "\"We will not give up,\" said the Harbour Authority spokesman.");
  EXPECT_EQ(speaker(b, "We will not"), "Harbour Authority spokesman");
  const Article c = run(
      "The vote was delayed.\n\n"
      "\"This is a disgrace,\" said the Green Party leader on Tuesday.");
  EXPECT_EQ(speaker(c, "This is"), "Green Party leader");
}

TEST(QuoteFrenchGerman, GermanSoCreditsTheQuotation) {
  const Article a = run(
      "Der Trainer Stefan Roth hat seinen Vertrag verlängert.\n\n"
      "„Ich bleibe gern hier“, so Roth am Freitag.");
  EXPECT_EQ(speaker(a, "Ich bleibe"), "Stefan Roth");
  const Article b = run(
      "Die Brücke bleibt gesperrt.\n\n"
      "„Die Schäden sind größer als gedacht“, so Bürgermeisterin Anna Berg.");
  EXPECT_EQ(speaker(b, "Die Schäden"), "Anna Berg");
  // An English clause after a quotation's comma is no credit.
  const Article c = run(
      "The board met on Monday. Ann Smith chaired it.\n\n"
      "The chair answered \"yes\", so Tom Baker signed the lease.");
  EXPECT_NE(speaker(c, "yes"), "Tom Baker");
}

}  // namespace
}  // namespace newsflow::processors

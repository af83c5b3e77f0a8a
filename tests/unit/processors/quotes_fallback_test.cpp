// A quotation with a speech cue in its sentence never comes out with a null
// speaker: when the cue's subject names nobody the parser can read, the
// subject phrase (a role), the sentence's opening name or the nearest person
// speaks. Examples written for these tests.
#include <gtest/gtest.h>

#include "quotes_test_util.hpp"

namespace newsflow::processors {
namespace {

using namespace quotes_test;

const Quote& quote(const Article& a, std::string_view prefix) {
  const Quote* q = find(a, prefix);
  EXPECT_NE(q, nullptr) << prefix;
  static const Quote none;
  return q ? *q : none;
}

TEST(QuoteFallbackTest, UnlistedNounPhraseBeforeTheCueIsARole) {
  const Article a = run(
      "In a filing with the regulator, the Halvard Mills trustees say that the lenders \"ignored every warning we "
      "sent them for two years.\"");
  const Quote& q = quote(a, "ignored every");
  EXPECT_EQ(q.speaker, "Halvard Mills trustees");
  EXPECT_EQ(q.speaker_kind, Quote::SpeakerKind::role);
  EXPECT_EQ(q.cue, "say");
  EXPECT_TRUE(a.speakers.empty());  // a role names nobody
}

TEST(QuoteFallbackTest, SentenceOpeningNameSpeaksForASecondVerb) {
  const Article a = run(
      "The Save Our Reef coalition thanked the coastguard on its website and added: \"We hope the other divers are "
      "found before the storm arrives.\"");
  const Quote& q = quote(a, "We hope");
  EXPECT_EQ(q.speaker, "Save Our Reef");
  EXPECT_EQ(q.speaker_kind, Quote::SpeakerKind::organization);
  EXPECT_EQ(q.kind, Quote::Kind::direct);
}

TEST(QuoteFallbackTest, NameEarlierInTheSentenceBeatsAPronounAfterIt) {
  const Article a = run(
      "Oskar Lindgren met the union leaders on Monday. Pia Holm joined them later.\n"
      "While Lindgren would not say what he wanted when addressing the workers on Friday, \"Everyone here will keep "
      "their job, whatever the board decides.\"");
  EXPECT_EQ(quote(a, "Everyone here").speaker, "Oskar Lindgren");
}

TEST(QuoteFallbackTest, PronounWithNoRecentReferentIsTheMostMentionedPerson) {
  Article a;
  a.text =
      "The singer broke the news to her followers on Monday. The tour had been planned for a year.\n"
      "\"I will be back on stage next spring, I promise you all,\" she wrote.";
  a.entities.push_back(Entity{"Lena Morvik", Entity::Type::person, 3, ""});
  QuotesOptions o;
  o.rules = rules();
  auto p = make_quotes_processor(o);
  ASSERT_EQ(p->process(a).kind, Outcome::Kind::pass);
  EXPECT_EQ(quote(a, "I will be back").speaker, "Lena Morvik");
}

// The fallback gives a speaker only to quotations already linked to a cue:
// short marked words after such a cue stay scare quotes, and a quotation with
// no cue in its sentence stays unattributed.
TEST(QuoteFallbackTest, ChangesNoLinking) {
  const Article a = run(
      "In its report, the harbour trustees say the plan is \"bold\".\n"
      "\"Nobody expected the bridge to close this early in the season.\"");
  EXPECT_EQ(quote(a, "bold").kind, Quote::Kind::scare);
  const Quote& floating = quote(a, "Nobody expected");
  EXPECT_FALSE(floating.speaker.has_value());
}

// "read" is a cue only for a document: "the report read:", not "she read".
TEST(QuoteFallbackTest, DocumentsSpeakThroughRead) {
  const Article a = run(
      "The inspection report read: \"Two of the four pumps had not been serviced since the flood.\"\n"
      "Mira Olsen read the names aloud. \"Every one of them was a neighbour,\" she said.");
  EXPECT_EQ(quote(a, "Two of the four").speaker, "inspection report");
  EXPECT_EQ(quote(a, "Two of the four").cue, "read");
  EXPECT_EQ(quote(a, "Every one").speaker, "Mira Olsen");
  // Inverted, after the quotation: the document is the subject.
  const Article b = run("\"Back in ten minutes, please wait here,\" read a note on the ticket window.\n"
                        "She read \"The Long Winter\" twice.");
  EXPECT_EQ(quote(b, "Back in ten").speaker, "note");
  EXPECT_EQ(quote(b, "The Long Winter").kind, Quote::Kind::scare);
}

// A place right before the cue after a preposition is not the subject.
TEST(QuoteFallbackTest, PlaceAfterAPrepositionIsNotTheSubject) {
  const Article a = run(
      "Tong Wei, a fellow at the Dalian Institute in Beijing told reporters that the talks \"will not be easy for "
      "either side this year.\"\n"
      "Maria Lopez of the Red Cross in Geneva said \"nobody expected this many people at the border crossing.\"");
  EXPECT_EQ(quote(a, "will not be easy").speaker, "Tong Wei");
  EXPECT_EQ(quote(a, "nobody expected").speaker, "Maria Lopez");
  const Article b = run("Protesters in Lyon said \"the new law must go before the summer holidays.\"");
  EXPECT_EQ(quote(b, "the new law").speaker, "Protesters");
  EXPECT_EQ(quote(b, "the new law").speaker_kind, Quote::SpeakerKind::role);
}

}  // namespace
}  // namespace newsflow::processors

// The name finder's parts on their own: the name tokens (joins and classes,
// topics/name_tokens.hpp) and the place cues (topics/name_places.hpp). The
// run scanner's people and organisations: topics_entities_test.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "topics/name_places.hpp"
#include "topics/name_tokens.hpp"
#include "topics_test_util.hpp"

namespace newsflow::processors::topics {
namespace {

using topics_test::shared_rules;

struct Tokenized {
  std::string text;
  std::vector<text::Token> words;
  TokenFacts facts;
  names::NameTokens tokens;
};

Tokenized name_tokens(std::string text, const std::vector<Span>& covered = {}) {
  const TopicRules& rules = *shared_rules();
  Tokenized t{std::move(text), {}, {}, {}};
  text::tokenize(t.text, t.words);
  rules.lexicon.visit(t.text, t.words, rules.term_index, 0, t.facts);
  rules.lexicon.classify(t.text, t.words, t.facts);
  t.tokens.build({t.text, t.words, t.facts.name_bits()}, covered, rules.persons);
  return t;
}

std::vector<std::string> words_of(const Tokenized& t) {
  std::vector<std::string> out;
  for (size_t i = 0; i < t.tokens.size(); ++i) out.emplace_back(names::word(t.text, t.tokens[i]));
  return out;
}

TEST(TopicsNameTokens, JoinsHyphensInitialismsAndApostrophesButNotPossessives) {
  auto t = name_tokens("Jean-Paul Sartre met U.S. envoys. O'Brien\xE2\x80\x99s aide, al-Sisi.");
  EXPECT_EQ(words_of(t), (std::vector<std::string>{"Jean-Paul", "Sartre", "met", "U.S", "envoys", "O'Brien", "s",
                                                   "aide", "al-Sisi"}));
  // "U.S" keeps its inner full stop; the last one may end the sentence.
  // The gap before a token is what separates it from the one before.
  EXPECT_EQ(names::gap(t.text, t.tokens[5]), ". ");
  EXPECT_EQ(names::gap(t.text, t.tokens[6]), "\xE2\x80\x99");
  EXPECT_EQ(names::gap(t.text, t.tokens[0]), "");
}

TEST(TopicsNameTokens, OnlyCapitalisedAndListedTokensAreRecordedTheRestAreRebuilt) {
  auto t = name_tokens("the well-known Smith said it's done, xyzzy");
  EXPECT_EQ(words_of(t), (std::vector<std::string>{"the", "well-known", "Smith", "said", "it", "s", "done", "xyzzy"}));
  std::vector<uint32_t> recorded;
  for (const auto& r : t.tokens.recorded()) {
    recorded.push_back(r.pos);
    // A recorded token reads the same as through the stream.
    EXPECT_EQ(t.tokens[r.pos].start, r.token.start);
    EXPECT_EQ(t.tokens.cls(r.pos), r.token.cls);
  }
  // "Smith" (capitalised) and "said" (a speech verb) at least; never the
  // lower-case words in no list.
  EXPECT_NE(std::find(recorded.begin(), recorded.end(), 2u), recorded.end());
  EXPECT_NE(std::find(recorded.begin(), recorded.end(), 3u), recorded.end());
  for (uint32_t unlisted : {1u, 6u, 7u}) {
    EXPECT_EQ(std::find(recorded.begin(), recorded.end(), unlisted), recorded.end()) << unlisted;
    EXPECT_EQ(t.tokens.cls(unlisted), 0);
  }
  // A rebuilt token's gap runs from the token before it.
  EXPECT_EQ(names::gap(t.text, t.tokens[7]), ", ");
  EXPECT_EQ(names::gap(t.text, t.tokens[5]), "'");
  EXPECT_EQ(t.tokens[7].end, t.text.size());
}

TEST(TopicsNameTokens, LongRunsOfPlainWordsBetweenNamesKeepTheirOwnSlots) {
  // Plain words are written several slots at a time between the words that
  // are more: runs of one to eleven of them, a joined name whose second
  // half would start a token of its own, and plain words to the end.
  auto t = name_tokens("Berg went up the hill and then down over a small wooden bridge, Jean-Paul Lund rowed "
                       "away; ok Kim ran far away from every dull grey wet road");
  EXPECT_EQ(words_of(t), (std::vector<std::string>{"Berg", "went", "up", "the", "hill", "and", "then", "down", "over",
                                                   "a", "small", "wooden", "bridge", "Jean-Paul", "Lund", "rowed",
                                                   "away", "ok", "Kim", "ran", "far", "away", "from", "every", "dull",
                                                   "grey", "wet", "road"}));
  for (const char* name : {"Berg", "Jean-Paul", "Lund", "Kim"}) {
    const auto w = words_of(t);
    const size_t at = static_cast<size_t>(std::find(w.begin(), w.end(), name) - w.begin());
    EXPECT_TRUE(t.tokens.cls(at) & names::kCapital) << name;
  }
  // Every token's gap runs from the end of the one before it.
  for (size_t i = 1; i < t.tokens.size(); ++i) EXPECT_EQ(t.tokens[i].gap_start, t.tokens[i - 1].end) << i;
  EXPECT_EQ(t.tokens[t.tokens.size() - 1].end, t.text.size());
}

TEST(TopicsNameTokens, ClassesComeFromCaseAndTheLists) {
  auto t = name_tokens("Minister Anna Berg said the NATO ministry of de Gaulle told al-Sisi");
  auto cls = [&](size_t i) { return t.tokens[i].cls; };
  ASSERT_EQ(t.tokens.size(), 12u);
  EXPECT_TRUE(cls(0) & names::kCapital);
  EXPECT_TRUE(cls(0) & names::kTitle);       // Minister
  EXPECT_TRUE(cls(1) & names::kFirstName);   // Anna
  EXPECT_TRUE(cls(3) & names::kSpeech);      // said
  EXPECT_FALSE(cls(3) & names::kCapital);
  EXPECT_TRUE(cls(5) & names::kAcronym);     // NATO
  EXPECT_TRUE(cls(7) & names::kConnector);   // of
  EXPECT_TRUE(cls(8) & names::kParticle);    // de
  EXPECT_TRUE(cls(11) & names::kCapital);    // al-Sisi: the article's capital
  // A capitalised list word keeps none of the lower-case cues.
  auto said = name_tokens("Said Berg");
  EXPECT_FALSE(said.tokens[0].cls & names::kSpeech);
  // "CEO" is in the role list as written, but a role only counts in lower
  // case ("the company's chief executive"), as connectors and particles do.
  auto ceo = name_tokens("Lumen CEO Anna Berg");
  EXPECT_TRUE(ceo.tokens[1].cls & names::kCapital);
  EXPECT_FALSE(ceo.tokens[1].cls & names::kRole);
}

TEST(TopicsNameTokens, CoveredOnlyInsideAGazetteerSpan) {
  std::string text = "Visit New Zealand Today";
  auto t = name_tokens(text, {{6, 17}});  // "New Zealand"
  ASSERT_EQ(t.tokens.size(), 4u);
  EXPECT_FALSE(t.tokens[0].cls & names::kCovered);
  EXPECT_TRUE(t.tokens[1].cls & names::kCovered);
  EXPECT_TRUE(t.tokens[2].cls & names::kCovered);
  EXPECT_FALSE(t.tokens[3].cls & names::kCovered);
}

TEST(TopicsNameTokens, JoinKeepsTheFullStopOfAMiddleInitial) {
  auto t = name_tokens("George W. Bush spoke");
  EXPECT_EQ(names::join(t.text, t.tokens, 0, 2), "George W. Bush");
  EXPECT_EQ(names::join(t.text, t.tokens, 2, 3), "Bush spoke");
}

names::PlaceEvidence places(const std::string& text, const std::vector<Span>& known = {}) {
  auto t = name_tokens(text, known);
  names::PlaceEvidence out;
  names::collect_places(t.text, t.tokens, known, shared_rules()->persons.classes, out);
  return out;
}

uint32_t evidence(const names::PlaceEvidence& p, std::string_view name) {
  for (const auto& [n, e] : p)
    if (n == name) return e;
  return 0;
}

TEST(TopicsNamePlaces, ContextWeighsEachMention) {
  auto p = places("A Tromsovik-based fleet sails from Qarvik. They met in Velmora, a village. The mayor of Dunsel spoke.");
  EXPECT_EQ(evidence(p, "Tromsovik"), 2u);
  EXPECT_EQ(evidence(p, "Qarvik"), 1u);   // one weak mention
  EXPECT_EQ(evidence(p, "Velmora"), 2u);  // "a village" after it
  EXPECT_EQ(evidence(p, "Dunsel"), 2u);   // "the mayor of"
  // A second weak mention adds up.
  EXPECT_EQ(evidence(places("He came from Qarvik. Later in Qarvik, more."), "Qarvik"), 2u);
}

TEST(TopicsNamePlaces, AKnownPlaceAfterTheCommaPlacesIt) {
  std::string text = "They met in Velmora, Poland today.";
  const uint32_t at = static_cast<uint32_t>(text.find("Poland"));
  EXPECT_EQ(evidence(places(text, {{at, at + 6}}), "Velmora"), 2u);
  EXPECT_EQ(evidence(places(text), "Velmora"), 1u);
}

TEST(TopicsNamePlaces, RunsPossessivesAndRepeatsAreNoPlace) {
  EXPECT_EQ(evidence(places("They met in Velmora Park."), "Velmora"), 0u);
  EXPECT_EQ(evidence(places("They met in Velmora's square."), "Velmora"), 0u);
  EXPECT_EQ(evidence(places("Skip in Skip"), "Skip"), 0u);
  EXPECT_EQ(evidence(places("He sat in NATO talks."), "NATO"), 0u);  // an acronym
}

// Issue 13, seventh round: "Xyz-based" names a place only where the capital
// is the word's own.
TEST(TopicsNamePlaces, ABasedAdjectiveFromACommonNounIsNoPlace) {
  auto p = places("Cloud-based tools are cheap. Plant-based meals sell. Evidence-based rules help. She runs a "
                  "Community-based clinic for the Plant-Based Foods Association.");
  for (const char* noun : {"Cloud", "Plant", "Evidence", "Community"}) EXPECT_EQ(evidence(p, noun), 0u) << noun;
}

TEST(TopicsNamePlaces, ABasedAdjectiveOpeningASentenceIsOneWeakMention) {
  EXPECT_EQ(evidence(places("Orsavik-based Kest Ltd said so."), "Orsavik"), 1u);
  EXPECT_EQ(evidence(places("He said so. Orsavik-based Kest Ltd agreed."), "Orsavik"), 1u);
  EXPECT_EQ(evidence(places("The Orsavik-based firm said so."), "Orsavik"), 2u);
  // Capitalised mid-sentence elsewhere, it is a proper noun: the strong weight again.
  EXPECT_EQ(evidence(places("Orsavik-based Kest Ltd said so. Its staff met Orsavik officials."), "Orsavik"), 2u);
  EXPECT_EQ(evidence(places("Orsavik-based Kest Ltd said so. The Orsavik-based firm grew."), "Orsavik"), 4u);
  EXPECT_EQ(evidence(places("Orsavik-based Kest Ltd said so. Its staff live in Orsavik."), "Orsavik"), 3u);
}

}  // namespace
}  // namespace newsflow::processors::topics

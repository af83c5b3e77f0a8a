#include "topics/name_places.hpp"

namespace newsflow::processors::topics::names {

namespace {

// Words for a settlement: "near Xyz, a village", "the town of Xyz".
constexpr std::string_view kSettlements[] = {"town", "city", "village", "suburb", "port", "district",
                                             "province", "region", "county", "state"};

// "in Xyz, Poland" / "near Xyz, a village": after token k, a comma and a
// known place, or "a"/"the" and a word for a settlement.
bool placed_by_apposition(std::string_view text, const NameTokens& tokens, const std::vector<Span>& places,
                          size_t k) {
  if (k + 1 >= tokens.size() || text.substr(tokens[k].end, tokens[k + 1].start - tokens[k].end) != ", ")
    return false;
  // A known place starts right there ("Poland", "New South Wales").
  const uint32_t at = tokens[k + 1].start;
  auto place = std::lower_bound(places.begin(), places.end(), at,
                                [](const Span& s, uint32_t pos) { return s.end <= pos; });
  if (place != places.end() && place->start <= at) return true;
  if (k + 2 >= tokens.size()) return false;
  const std::string_view article = word(text, tokens[k + 1]);
  if (article != "a" && article != "the") return false;
  return listed(kSettlements, word(text, tokens[k + 2]));
}

// Common nouns that make "-based" adjectives ("Cloud-based tools", "the
// Plant-Based Foods Association"): capitalised at a sentence start or in a
// name, but no place. Lower case; the word's first letter is lowered to
// compare.
constexpr std::string_view kBasedNouns[] = {
    "agent",   "app",     "army",     "asset",  "browser", "campus",  "card",      "cash",    "cell",
    "church",  "cloud",   "community", "computer", "consent", "data",  "evidence",  "fact",    "faith",
    "family",  "farm",    "fee",      "gas",    "gender",  "ground",  "home",      "hospital", "interest",
    "internet", "land",   "location", "market", "merit",   "needs",   "nature",    "office",  "oil",
    "paper",   "plant",   "project",  "race",   "research", "risk",   "rules",     "school",  "science",
    "sector",  "server",  "service",  "skill",  "skills",  "software", "space",    "subscription", "task",
    "team",    "text",    "trust",    "value",  "values",  "volunteer", "water",   "web"};

bool based_noun(std::string_view stem) {
  char lowered[16];
  if (stem.empty() || stem.size() > sizeof lowered) return false;
  stem.copy(lowered, stem.size());
  if (lowered[0] >= 'A' && lowered[0] <= 'Z') lowered[0] = static_cast<char>(lowered[0] - 'A' + 'a');
  return listed(kBasedNouns, std::string_view(lowered, stem.size()));
}

// w alone or as "w-based", capitalised mid-sentence somewhere in the text.
bool proper_elsewhere(std::string_view text, const NameTokens& tokens, std::string_view w) {
  for (const NameTokens::Recorded& r : tokens.recorded()) {
    const std::string_view other = word(text, r.token);
    const bool same = other.starts_with(w) && (other.size() == w.size() || other.substr(w.size()) == "-based");
    if ((r.token.cls & kCapital) && same && !opens_sentence(text, tokens, r.pos)) return true;
  }
  return false;
}

}  // namespace

void collect_places(std::string_view text, const NameTokens& tokens, const std::vector<Span>& body_places,
                    const WordClasses& classes, PlaceEvidence& out) {
  const uint16_t never = kCovered | kNotName | kTitle | kFirstName | kOrgHead | kAcronym | kDemonym;
  auto add = [&](std::string_view w, uint32_t weight) {
    for (auto& [name, evidence] : out)
      if (name == w) {
        evidence += weight;
        return;
      }
    if (out.size() < 16) out.emplace_back(std::string(w), weight);
  };
  const size_t n = tokens.size();
  // Only a recorded token can be capitalised.
  for (const NameTokens::Recorded& r : tokens.recorded()) {
    const Token& t = r.token;
    if (!(t.cls & kCapital) || (t.cls & never)) continue;
    const size_t k = r.pos;
    std::string_view w = word(text, t);
    const bool after_capital =
        k > 0 && (tokens.cls(k - 1) & kCapital) && !(tokens.cls(k - 1) & kNotName) && gap(text, t) == " ";
    if (w.size() > 9 && w.ends_with("-based")) {
      // "a Tromso-based fleet", not "San Diego-based" (a run) or "Dutch-based".
      std::string_view place = w.substr(0, w.size() - 6);
      auto known = classes.find(place);
      const bool listed = known != classes.end();
      const bool all_caps = std::none_of(place.begin(), place.end(), [](char c) { return c >= 'a' && c <= 'z'; });
      // At a sentence start the capital says nothing: one mention there is
      // a weak one ("Varnholm-based Kest Ltd said ..."), unless the word is
      // capitalised mid-sentence elsewhere, as a proper noun is.
      if (!after_capital && !listed && !all_caps && !based_noun(place))
        add(place, !opens_sentence(text, tokens, k) || proper_elsewhere(text, tokens, place) ? 2 : 1);
      continue;
    }
    if (k == 0) continue;
    if (gap(text, t) != " ") continue;
    const std::string_view before = word(text, tokens[k - 1]);
    // "the town of Xyz", "the mayor of Xyz": one mention names a place. The
    // first test is two bytes, as most capitalised words follow no "of".
    bool of_settlement = false;
    if (before.size() == 2 && before[0] == 'o' && before[1] == 'f' && k >= 2) {
      const std::string_view two_before = word(text, tokens[k - 2]);
      of_settlement =
          two_before == "mayor" || (k >= 3 && listed(kSettlements, two_before) && word(text, tokens[k - 3]) == "the");
    }
    if (!(of_settlement || before == "in" || before == "near" || before == "from" || before == "outside")) continue;
    // A lone capitalised word: "in Xyz." / "in Xyz, ..." but not "in Xyz Park" or "in Xyz's".
    if (k + 1 < n && (tokens.cls(k + 1) & kCapital) && gap(text, tokens[k + 1]) == " ") continue;
    if (t.end < text.size() && (text[t.end] == '\'' || text.compare(t.end, 3, "\xE2\x80\x99") == 0)) continue;
    // A word that is also the word after it ("Skip in Skip", page furniture)
    // or that opens the next word's run is no place.
    if (k >= 2 && word(text, tokens[k - 2]) == w) continue;
    add(w, of_settlement || placed_by_apposition(text, tokens, body_places, k) ? 2 : 1);
  }
}

}  // namespace newsflow::processors::topics::names

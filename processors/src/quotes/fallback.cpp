// The last resort for a cue whose subject names nobody the parser can read:
// a quotation with a speech cue in its sentence always has a speaker in news
// copy, and a reader given "the Kroger executives say" or "The Bring Back Our
// Girls campaign ... added:" would name that phrase, so a null speaker is
// worse than the phrase. Used only for quotations already linked to the cue;
// it changes no linking.
#include <algorithm>

#include "quotes/subjects.hpp"

namespace newsflow::processors::quotes {

namespace {

// Words that end a noun phrase scanned backwards from its verb.
constexpr uint32_t kPhraseStop = kNotName | kCue | kPartialCue | kSkip | kAccording | kMalePronoun | kFemalePronoun |
                                 kNeutralPronoun | kHonorific;

}  // namespace

Subject SubjectParser::fallback_subject(uint32_t cue, uint32_t floor, const Subject& parsed) {
  // "he said" with no "he" in the recent people (the person named only in the
  // headline's entities, or introduced several people back).
  if (parsed.first != kNone && parsed.speaker < 0 && has(doc_.tokens[parsed.first], kMalePronoun | kFemalePronoun)) {
    Subject s = parsed;
    s.speaker = people_.most_mentioned(doc_.tokens[parsed.first]);
    return s;
  }
  if (parsed.speaker >= 0 || parsed.role) return parsed;
  if (Subject s = relative_group(cue, floor); s.first != kNone) return s;
  if (Subject s = phrase_before(cue, floor); s.first != kNone) return s;
  if (Subject s = sentence_opening(floor, cue); s.first != kNone) return s;
  // "While Trump did not elaborate on what he meant when telling ...": the
  // person the sentence is about, else the nearest person before the cue.
  Subject s;
  if (people_.sentence_person >= 0) {
    s.first = s.last = cue;
    s.speaker = people_.sentence_person;
    return s;
  }
  return nearest_mention(cue, floor);
}

// "Those who worked through the night said": a pronoun and its relative
// clause name a group; the whole phrase is the role (at most 12 words).
Subject SubjectParser::relative_group(uint32_t cue, uint32_t floor) const {
  uint32_t f = floor;
  if (f < cue && doc_.tokens[f].kind == Tok::comma) ++f;
  if (f + 2 >= cue || cue - f > 12 || doc_.tokens[f].kind != Tok::word || doc_.word_at(f + 1) != "who") return {};
  const std::string w = lower_of(doc_.word_at(f));
  if (w != "those" && w != "people" && w != "anyone" && w != "everyone" && w != "others" && w != "many") return {};
  for (uint32_t m = f; m < cue; ++m)
    if (doc_.tokens[m].kind != Tok::word) return {};
  Subject s;
  s.first = f;
  s.last = cue - 1;
  s.role = std::string(doc_.span_text(f, cue - 1));
  return s;
}

// "said the estate's caretakers": a lower-case noun phrase with its article
// after an inverted cue, ending the clause or before a comma, as a role;
// first == kNone when there is none.
Subject SubjectParser::phrase_after(uint32_t f, uint32_t limit) {
  uint32_t first = f;
  while (first < limit && has(doc_.tokens[first], kAppositiveStart)) ++first;
  uint32_t e = first;
  while (e < limit && e - first < 5 && doc_.tokens[e].kind == Tok::word && !doc_.tokens[e].upper &&
         !has(doc_.tokens[e], kPhraseStop | kAppositiveStart))
    ++e;
  // Only after an article: "notes aceshowbiz.com" is a credit, not a role.
  if (first == f || e == first || e - f > 6 || (e < limit && doc_.tokens[e].kind != Tok::comma)) return {};
  for (uint32_t m = first; m + 1 < e; ++m)
    if (verb_like(m) && !doc_.tokens[m].possessive) return {};
  Subject s;
  s.first = f;
  s.last = e - 1;
  s.role = std::string(doc_.span_text(first, e - 1));
  return s;
}

// "according to police and county officials, ...": lower-case words, one
// "and" among them, ending in a group noun before a comma; first == kNone
// when there is none.
Subject SubjectParser::group_phrase_after(uint32_t f, uint32_t limit) {
  uint32_t e = f;
  bool joined = false;
  while (e < limit && e - f < 5 && doc_.tokens[e].kind == Tok::word && !doc_.tokens[e].upper) {
    if (doc_.word_at(e) == "and") {
      if (joined || e == f) return {};
      joined = true;
    } else if (has(doc_.tokens[e], (kPhraseStop & ~kNotName) | kAppositiveStart)) {  // group nouns are not_name
      return {};
    }
    ++e;
  }
  if (!joined || e == f || e >= limit || doc_.tokens[e].kind != Tok::comma || !has(doc_.tokens[e - 1], kGroup)) return {};
  Subject s;
  s.first = f;
  s.last = e - 1;
  s.role = std::string(doc_.span_text(f, e - 1));
  return s;
}

// A name in the sentence before the cue (a pronoun there most likely means
// it), else the nearest he/she there.
Subject SubjectParser::nearest_mention(uint32_t cue, uint32_t floor) {
  Subject s;
  const uint32_t from = cue > floor + 30 ? cue - 30 : floor;
  for (uint32_t m = cue; m > from;) {
    --m;
    if (!name_token(doc_.tokens[m])) continue;
    const uint32_t first = name_run_back(m, from);
    if (first == kNone || doc_.tokens[m].possessive) continue;
    s.speaker = people_.resolve_name(doc_.span_text(first, m), false, std::nullopt);
    s.first = first;
    s.last = m;
    return s;
  }
  for (uint32_t m = cue; m > from;) {
    --m;
    const Token& w = doc_.tokens[m];
    if (!has(w, kMalePronoun | kFemalePronoun)) continue;
    s.speaker = people_.resolve_pronoun(w);
    if (s.speaker < 0) s.speaker = people_.most_mentioned(w);
    if (s.speaker >= 0) s.first = s.last = m;
    return s;
  }
  return s;
}

// The noun phrase right before the cue, back to a determiner, a comma or the
// clause start: "the Kroger executives say" -> "Kroger executives".
Subject SubjectParser::phrase_before(uint32_t cue, uint32_t floor) {
  uint32_t last = cue;
  // "The proclamation specifically said": the adverb is no part of the phrase.
  auto skippable = [&](const Token& w) {
    if (w.kind != Tok::word) return false;
    if (has(w, kSkip)) return true;
    if (w.upper) return false;
    doc_.lower_word(w);
    return lowercase_adverb(doc_.lower);
  };
  while (last > floor && cue - last < 3 && skippable(doc_.tokens[last - 1])) --last;
  uint32_t first = last;
  while (first > floor && last - first < 5) {
    const Token& w = doc_.tokens[first - 1];
    // "the estate's caretakers": a lower-case possessive modifies the noun.
    if (w.kind != Tok::word || has(w, kPhraseStop) || (w.possessive && w.upper)) break;
    --first;
  }
  if (first == last) return {};
  // Only a whole phrase: what stands before it must close it off, or a verb's
  // object would pass for a subject ("hackers accessed the website said").
  const bool closed = first == floor || doc_.tokens[first - 1].kind == Tok::comma ||
                      (doc_.tokens[first - 1].kind == Tok::word && has(doc_.tokens[first - 1], kAppositiveStart));
  if (!closed) return {};
  // A lower-case verb inside the phrase means a clause, not a noun phrase.
  for (uint32_t m = first; m + 1 < last; ++m)
    if (verb_like(m) && !doc_.tokens[m].possessive) return {};
  return phrase_subject(first, last - 1);
}

// The sentence's own subject when the cue is a second verb far from it:
// "The Bring Back Our Girls campaign thanked ... and added:".
Subject SubjectParser::sentence_opening(uint32_t floor, uint32_t cue) {
  uint32_t first = floor;
  if (first < cue && has(doc_.tokens[first], kAppositiveStart)) ++first;
  // "A number of councillors condemned ...": the amount names no one; the
  // noun after its "of" heads the subject.
  if (first + 2 < cue && has(doc_.tokens[first], kQuantity) && doc_.word_at(first + 1) == "of") {
    first += 2;
    if (has(doc_.tokens[first], kAppositiveStart)) ++first;
  }
  uint32_t last = first;
  // Capitals after the first may be function words of a name ("Bring Back Our Girls").
  auto in_phrase = [&](uint32_t m) {
    const Token& w = doc_.tokens[m];
    // "The estate's caretakers": after a lower-case possessive comes its noun.
    const bool owned = m > first && doc_.tokens[m - 1].possessive && !doc_.tokens[m - 1].upper;
    if (w.kind != Tok::word || (verb_like(m) && !w.possessive && !owned)) return false;
    // A role noun ends the phrase before a lower-case word: its verb.
    if (m > first && role_noun(doc_.tokens[m - 1]) && !w.upper && !role_noun(w)) return false;
    return !has(w, kPhraseStop) || (m > first && w.upper && doc_.tokens[m - 1].upper && has(w, kNotName));
  };
  while (last < cue && last - first < 6 && in_phrase(last)) ++last;
  // It must be followed by its verb: one the heuristic knows, or any
  // lower-case word after a role ("The minister gave a speech, saying: ...").
  if (last == first || last >= cue) return {};
  const Token& after = doc_.tokens[last];
  const bool role_then_word = role_noun(doc_.tokens[last - 1]) && after.kind == Tok::word && !after.upper &&
                              !has(after, kNotName | kParticle);
  if (!verb_like(last) && !role_then_word) return {};
  return phrase_subject(first, last - 1);
}

// [first, last] as a speaker: capitals are a name ("Bring Back Our Girls"
// before a lower-case "campaign" is the organisation's name), anything else
// the phrase itself as a role.
Subject SubjectParser::phrase_subject(uint32_t first, uint32_t last) {
  Subject s;
  s.first = first;
  s.last = last;
  uint32_t name_last = first;
  while (name_last <= last && doc_.tokens[name_last].upper) ++name_last;
  const bool capitals = name_last > first && !(name_last == first + 1 && has(doc_.tokens[first], kDemonym));
  if (capitals && (name_last > last || (name_last == last && has(doc_.tokens[last], kOrgNoun)))) {
    const bool org = name_last <= last || org_head(doc_.tokens[name_last - 1]) || doc_.tokens[name_last - 1].acronym;
    s.speaker = people_.resolve_name(doc_.span_text(first, name_last - 1), org, std::nullopt);
    if (org) people_.named[static_cast<size_t>(s.speaker)].org = true;
    return s;
  }
  s.role = std::string(doc_.span_text(first, last));
  return s;
}

// A name right before the cue after a preposition is a place, not the
// subject. "Tong Wei, a fellow at the Dalian Institute in Beijing told
// reporters": copy that never closes the apposition; the name before the
// apposition's comma (no other comma since) is the subject.
Subject SubjectParser::unclosed_apposition(uint32_t name_first, uint32_t floor) {
  Subject s;
  if (name_first == floor || doc_.tokens[name_first - 1].kind != Tok::word) return s;
  const std::string_view prep = doc_.word_at(name_first - 1);
  if (prep != "in" && prep != "at" && prep != "of" && prep != "from") return s;
  // "A number of Senators condemned": the amount is not the subject; the name is.
  if (prep == "of" && name_first >= floor + 2 && has(doc_.tokens[name_first - 2], kQuantity)) return s;
  for (uint32_t m = name_first - 1; m > floor + 1 && name_first - m < 16;) {
    --m;
    if (doc_.tokens[m].kind != Tok::comma) continue;
    if (!has(doc_.tokens[m + 1], kAppositiveStart) || !name_token(doc_.tokens[m - 1])) return s;
    const uint32_t first = name_run_back(m - 1, floor);
    if (first == kNone || first == m - 1) return s;  // a full name, not a lone capital
    s.first = first;
    s.last = name_first - 1;
    s.speaker = people_.resolve_name(doc_.span_text(first, m - 1), false, std::nullopt);
    return s;
  }
  // "Maria Lopez of the Red Cross in Geneva said": the subject ends before
  // the place (each step moves left, within the clause's bounded region).
  if (name_first >= floor + 2) {
    Subject inner = subject_before(name_first - 2, floor);
    const Named* n = inner.speaker >= 0 ? &people_.named[static_cast<size_t>(inner.speaker)] : nullptr;
    if (n && !n->org && n->name.find(' ') != std::string::npos) {
      // "The former mayor of Nice said" is no "London mayor" named before: a
      // role resolved to a person must not name another place.
      if (!name_token(doc_.tokens[name_first - 2])) {
        const std::string place = lower_of(doc_.word_at(name_first));
        if (!n->role || lower_of(*n->role).find(place) == std::string::npos) {
          uint32_t from = inner.first;
          while (from < name_first && has(doc_.tokens[from], kAppositiveStart | kNotName)) ++from;
          Subject r;
          r.first = inner.first;
          r.last = name_first;
          r.role = std::string(doc_.span_text(from, name_first));
          return r;
        }
      }
      return inner;
    }
    if (!n && inner.role) return inner;  // 'Protesters in Paris said'
    // "The Green Party in Leeds said": an organisation of several words in
    // a place ("the University of Leeds" keeps its "of").
    if (n && n->org && prep == "in" && n->name.find(' ') != std::string::npos) return inner;
  }
  return s;
}

}  // namespace newsflow::processors::quotes

// Appositions between a subject and its cue ("David Sacks, a researcher at
// the Council on Foreign Relations, told"; "The party, in its statement,
// said"): SubjectParser methods, kept apart from subjects.cpp.
#include "quotes/subjects.hpp"

#include <algorithm>

namespace newsflow::processors::quotes {

bool SubjectParser::nonrestrictive_opening(uint32_t k) const {
  if (doc_.tokens[k].kind != Tok::word || doc_.tokens[k].upper) return false;
  const std::string_view w = doc_.word_at(k);
  return w == "who" || w == "which" || w == "whose" || (w.size() > 5 && w.ends_with("ing"));
}

bool SubjectParser::appositive_opening(const Token& t) const {
  if (t.kind != Tok::word) return false;
  // "Sen. Ana Lugo, D-Miami, said": a US party and state tag.
  const std::string_view w = doc_.word_at(t.index_hint);
  if (w.size() > 2 && (w[0] == 'D' || w[0] == 'R' || w[0] == 'I') && w[1] == '-' && w[2] >= 'A' && w[2] <= 'Z') return true;
  return !t.upper || t.acronym || t.possessive || (t.classes & (kAppositiveStart | kTitle));
}

// "David Sacks, a researcher at the Council on Foreign Relations, told"
// "in its statement", "at a news conference": a phrase of circumstance, no apposition.
bool SubjectParser::circumstance(uint32_t k) const {
  if (doc_.tokens[k].kind != Tok::word || doc_.tokens[k].upper) return false;
  const std::string_view w = doc_.word_at(k);
  return w == "in" || w == "on" || w == "at" || w == "with" || w == "by" || w == "during" || w == "after" ||
         w == "before";
}

// "Speaking to Agence France-Presse, the head of the league, Ana Ruiz,
// said", "In a statement posted to her website, Berg thanked ..., writing":
// a prepositional or participle phrase opening the sentence holds the verb's
// objects and circumstances; its subject comes after the phrase's comma.
uint32_t SubjectParser::past_fronted_phrase(uint32_t floor, uint32_t k) const {
  if (floor + 3 >= k || doc_.tokens[floor].kind != Tok::word || !doc_.tokens[floor].upper) return floor;
  if (const uint32_t c = past_time_phrase(floor, k); c != floor) return c;
  bool misleading = false;
  const uint32_t c = fronted_phrase_end(floor, k, misleading);
  if (c == kNone) return floor;
  if (misleading) return c;  // parsers read after floor
  // "In June, at the Green Party's conference, Lena Dorn announced": a
  // plain phrase ("In June,") before a second one that could be misread.
  if (c + 4 < k && doc_.tokens[c + 1].kind == Tok::word && !doc_.tokens[c + 1].upper) {
    bool second_misleading = false;
    const uint32_t c2 = fronted_phrase_end(c + 1, k, second_misleading);
    if (c2 != kNone && second_misleading) return c2;
  }
  return floor;
}

// The comma closing a fronted phrase that opens at `start` (a preposition,
// "during", "after", ... or a participle with its preposition), or kNone;
// `misleading` tells whether it holds a name ("the Daily Ledger") or a
// document ("a statement") a parser could take for the subject. "On
// Saturday," is not misleading: the parsers read it as they did.
uint32_t SubjectParser::fronted_phrase_end(uint32_t start, uint32_t k, bool& misleading) const {
  const std::string_view raw = doc_.word_at(start);
  char buf[12];
  if (raw.size() >= sizeof buf) return kNone;
  for (size_t i = 0; i < raw.size(); ++i) buf[i] = static_cast<char>(raw[i] >= 'A' && raw[i] <= 'Z' ? raw[i] + 32 : raw[i]);
  const std::string_view w(buf, raw.size());
  const std::string_view next = doc_.tokens[start + 1].kind == Tok::word ? doc_.word_at(start + 1) : std::string_view();
  // "Speaking to", "Writing in", "Responding on": a participle with its preposition.
  const bool participle = w.size() > 5 && w.ends_with("ing") && (preposition(next) || next == "about");
  const bool opener = (preposition(w) && w != "of" && w != "to" && w != "for" && w != "by") || w == "during" ||
                      w == "after" || w == "before" || w == "following" || w == "amid" || w == "despite" ||
                      participle;
  if (!opener) return kNone;
  misleading = false;
  for (uint32_t m = start + 1; m + 1 < k && m - start < 24; ++m) {
    const Token& t = doc_.tokens[m];
    if (t.kind == Tok::comma) {
      misleading = misleading && m >= start + 3;
      return m;
    }
    if (t.kind != Tok::word) return kNone;  // a quotation, colon or dash: not a plain phrase
    misleading = misleading || (t.upper && m > start + 1 && !weekday(doc_.word_at(m))) || has(t, kDocument);
  }
  return kNone;
}

// "A month later, during the debate, Ana Ruiz defended ...": a span of
// time counted back from the last event ends in "later", "earlier" or "ago";
// its noun ("month") is no one, and the subject comes after its comma.
uint32_t SubjectParser::past_time_phrase(uint32_t floor, uint32_t k) const {
  for (uint32_t m = floor + 1; m + 1 < k && m - floor <= 4; ++m) {
    const Token& t = doc_.tokens[m];
    if (t.kind != Tok::word || t.upper) return floor;
    const std::string_view w = doc_.word_at(m);
    if (w != "later" && w != "earlier" && w != "ago") continue;
    return m > floor && doc_.tokens[m + 1].kind == Tok::comma ? m + 1 : floor;
  }
  return floor;
}

Subject SubjectParser::subject_with_apposition(uint32_t comma, uint32_t floor) {
  Subject s;
  for (uint32_t c = floor + 1; c + 1 < comma; ++c) {
    if (doc_.tokens[c].kind != Tok::comma) continue;
    if (!appositive_opening(doc_.tokens[c + 1])) continue;
    // "The Green Party in Leeds, in its statement, said": a phrase of
    // circumstance right before the cue; the subject is before it.
    if (circumstance(c + 1) && doc_.tokens[c - 1].kind == Tok::word) {
      bool last_comma = true;
      for (uint32_t m = c + 1; m < comma && last_comma; ++m) last_comma = doc_.tokens[m].kind != Tok::comma;
      if (last_comma) {
        Subject inner = subject_before(c - 1, floor);
        if (inner.first != kNone && (inner.speaker >= 0 || inner.role)) {
          inner.last = comma;
          return inner;
        }
      }
    }
    // "Michael Siegel of Boston University, co-author of the study, said".
    if (Subject person = person_before_org(c - 1, floor); person.speaker >= 0) {
      person.last = comma;
      return person;
    }
    const uint32_t name_first = name_run_back(c - 1, floor);
    if (name_first == kNone) {
      // "one resident, who asked not to be named, said", "the official,
      // speaking on condition of anonymity, said": a clause set off by
      // commas between a subject that is no name and its cue.
      if (!nonrestrictive_opening(c + 1) || doc_.tokens[c - 1].kind != Tok::word) continue;
      Subject inner = subject_before(c - 1, floor);
      if (inner.first == kNone || (inner.speaker < 0 && !inner.role)) inner = phrase_before(c, floor);
      // The subject opens the clause ("the ROK, expressing ..." is no subject).
      if (inner.first == kNone || inner.first > floor + 1 || (inner.speaker < 0 && !inner.role)) continue;
      inner.last = comma;
      return inner;
    }
    // "The mayor of Leeds, who attended the match, said", "A spokesman for
    // Acme, a former reporter, said": the role speaks, not what it is of.
    if (Subject role = role_of_name(name_first, c - 1, floor); role.first != kNone) {
      role.last = comma;
      return role;
    }
    uint32_t first = name_first;
    if (first > floor && has(doc_.tokens[first - 1], kHonorific)) --first;
    uint32_t role_first = first;
    auto prefix = role_prefix(first, floor, role_first);
    s.first = std::min(role_first, first);
    s.last = comma;
    s.role = std::string(doc_.span_text(c + 1, comma - 1));
    if (!s.role->empty() && prefix && s.role->size() < 4) s.role = prefix;
    // "Berg, at a news conference, said": a phrase of circumstance is no role.
    if (circumstance(c + 1)) s.role = prefix;
    s.speaker = people_.resolve_name(doc_.span_text(name_first, c - 1), org_head(doc_.tokens[c - 1]), s.role);
    return s;
  }
  // "Anna Berg of the University of California, Los Angeles, said".
  if (Subject person = person_before_org(comma - 1, floor); person.speaker >= 0) {
    person.last = comma;
    return person;
  }
  // "Her deputy, James Hart, disagreed": the name is the last comma phrase.
  // "One of them, student Emma Riddle, said": role words may stand between.
  const uint32_t name_first = name_run_back(comma - 1, floor);
  if (name_first == kNone) return s;
  uint32_t r = name_first;
  while (r > floor + 1 && name_first - r < 4 && doc_.tokens[r - 1].kind == Tok::word &&
         (role_noun(doc_.tokens[r - 1]) || doc_.tokens[r - 1].upper || has(doc_.tokens[r - 1], kNotName | kParticle)))
    --r;
  if (r > floor && doc_.tokens[r - 1].kind == Tok::comma) {
    uint32_t role_first = r - 1;
    while (role_first > floor && doc_.tokens[role_first - 1].kind == Tok::word && r - role_first < 10) --role_first;
    s.first = role_first;
    s.last = comma;
    s.role = r < name_first ? std::string(doc_.span_text(r, name_first - 1))
                            : (role_first < r - 1 ? std::string(doc_.span_text(role_first, r - 2)) : std::string());
    if (s.role->empty()) s.role.reset();
    // "The company, FreshWay, said": an organisation noun before the name
    // makes it an organisation, but not as a title's complement ("A
    // spokeswoman for the ministry, Lena Dahl, said" names a person).
    bool org = org_head(doc_.tokens[comma - 1]);
    bool titled = false;
    for (uint32_t m = role_first; m + 1 < r && !org && !titled; ++m) {
      titled = has(doc_.tokens[m], kTitle | kGroup);
      org = !titled && has(doc_.tokens[m], kOrgNoun) && !doc_.tokens[m].upper;
    }
    s.speaker = people_.resolve_name(doc_.span_text(name_first, comma - 1), org, s.role);
    if (org) people_.named[static_cast<size_t>(s.speaker)].org = true;
  }
  return s;
}

}  // namespace newsflow::processors::quotes

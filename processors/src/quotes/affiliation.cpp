// Affiliations in subject phrases: the person named before "of", "at" or
// "from" and an organisation or place ("Mark Lee of the Slidell Police
// Department said", "Tristan Smith of University College London said")
// speaks, not the organisation.
#include "quotes/subjects.hpp"

namespace newsflow::processors::quotes {

// The person named before "of the ..." / "at the ..." when the cue's subject
// ends in an organisation head at `p`; speaker -1 when there is none.
Subject SubjectParser::person_of_org(uint32_t p, uint32_t floor) {
  Subject s;
  uint32_t m = p;
  while (m > floor + 2 && p - m < 5 && doc_.tokens[m - 1].kind == Tok::word && doc_.word_at(m - 1) != "the" &&
         !has(doc_.tokens[m - 1], kCue | kPartialCue) && !doc_.tokens[m - 1].possessive)
    --m;
  if (m <= floor + 2 || doc_.word_at(m - 1) != "the") return s;
  const std::string_view prep = doc_.word_at(m - 2);
  if (prep != "of" && prep != "at" && prep != "from") return s;
  return person_ending_at(m - 3, p, floor);
}

// The person whose full name ends at `last`, before "of <organisation>" that
// runs to `p`; first == kNone when the words there are no full name.
Subject SubjectParser::person_ending_at(uint32_t last, uint32_t p, uint32_t floor) {
  Subject s;
  if (doc_.tokens[last].kind != Tok::word || org_head(doc_.tokens[last]) || has(doc_.tokens[last], kOrgNoun)) return s;
  const uint32_t first = name_run_back(last, floor);
  if (first == kNone || first == last) return s;  // a full name, not "Smith of the ..."
  uint32_t role_first = first;
  s.role = role_prefix(first, floor, role_first);
  s.first = role_first;
  s.last = p;
  s.speaker = people_.resolve_name(doc_.span_text(first, last), false, s.role);
  return s;
}

// "Tristan Smith of University College London", "Anna Berg of the University
// of California, Los Angeles": capitals and connectors ending at `last`, after
// "of"/"at"/"from" and a full name. The organisation may hold its own "of"
// and one comma before a place; a listed given name in it ("of Leeds and
// Mary Jones") or a title ("Secretary of State Mike Pompeo") ends the search,
// so a run that names a second person or a role is left to the caller.
// speaker -1 when there is no such person.
Subject SubjectParser::person_before_org(uint32_t last, uint32_t floor) {
  Subject none;
  if (doc_.tokens[last].kind != Tok::word || !doc_.tokens[last].upper) return none;
  bool comma_seen = false;
  for (uint32_t m = last; m > floor + 1 && last - m < 12; --m) {
    const Token& t = doc_.tokens[m];
    if (t.kind == Tok::comma) {
      if (comma_seen || !doc_.tokens[m + 1].upper || doc_.tokens[m - 1].kind != Tok::word || !doc_.tokens[m - 1].upper)
        return none;
      comma_seen = true;
      continue;
    }
    if (t.kind != Tok::word || t.possessive || (m != last && doc_.boundary(m)) ||
        has(t, kTitle | kHonorific | kCue | kPartialCue | kMaleName | kFemaleName | kMalePronoun | kFemalePronoun))
      return none;
    if (t.upper || t.acronym) continue;
    const std::string_view w = doc_.word_at(m);
    if (w == "the" || w == "and" || w == "for" || w == "&") continue;
    if (w != "of" && w != "at" && w != "from") return none;
    // The word after the preposition opens the organisation: a capital, or
    // "the" and a capital.
    const Token& next = doc_.tokens[m + 1];
    if (!(next.upper || (m + 2 <= last && doc_.word_at(m + 1) == "the" && doc_.tokens[m + 2].upper))) return none;
    if (Subject person = person_ending_at(m - 1, last, floor); person.speaker >= 0) return person;
  }
  return none;
}

Subject SubjectParser::author_after(uint32_t f, uint32_t limit) {
  for (uint32_t b = f; b + 1 < limit && b - f < 8; ++b) {
    const Token& t = doc_.tokens[b];
    if (t.kind != Tok::word || (t.upper && !weekday(doc_.word_at(b)))) break;
    if (doc_.word_at(b) != "by") continue;
    // Only after a document ("a tweet by X"): "according to witnesses
    // interviewed by police" does not quote the police.
    bool document = false;
    for (uint32_t m = f; m < b && !document; ++m) document = has(doc_.tokens[m], kDocument);
    if (!document) break;
    Subject by = subject_after(b + 1, limit);
    if (by.speaker >= 0 || by.role) return by;
    break;
  }
  return Subject{};
}

}  // namespace newsflow::processors::quotes

// Role phrases as speakers ("the prime minister", "a police source", "the
// latter"): SubjectParser methods that read them and tell which person a
// definite role is, kept apart from subjects.cpp.
#include "quotes/subjects.hpp"

namespace newsflow::processors::quotes {

// "The local health minister said" is not "Civil Aviation Minister Hardeep
// Puri": when the phrase and the person's role both carry words before the
// head (other than `tenure` ones: "former", "acting"), they must share one.
bool SubjectParser::shares_role_modifier(uint32_t role_first, uint32_t head, const Named& n) const {
  if (!n.role) return true;
  const std::string role = lower_of(*n.role);
  const size_t last_space = role.rfind(' ');
  if (last_space == std::string::npos) return true;
  bool phrase_has = false;
  for (uint32_t m = role_first; m < head; ++m) {
    const Token& w = doc_.tokens[m];
    if (w.kind != Tok::word || has(w, kTenure | kNotName)) continue;
    phrase_has = true;
    const std::string word = lower_of(doc_.word_at(m));
    for (size_t at = role.find(word); at != std::string::npos && at < last_space; at = role.find(word, at + 1))
      if ((at == 0 || role[at - 1] == ' ') && role[at + word.size()] == ' ') return true;
  }
  if (!phrase_has) return true;
  // The role's own words before its head, tenure words left out.
  for (size_t at = 0; at < last_space;) {
    size_t end = role.find(' ', at);
    if (!(doc_.rules->classes(std::string_view(role).substr(at, end - at)) & kTenure)) return false;
    at = end + 1;
  }
  return true;
}

// The role phrase whose head is `head` and which ends at `last`, with the
// modifiers before the head ("Chinese Foreign Ministry spokesperson").
Subject SubjectParser::role_subject(uint32_t head, uint32_t last, uint32_t floor) {
  Subject s;
  // Modifiers run back to a determiner or any other function word: capitals
  // ("Equifax", "U.S."), role words and up to two lower-case adjectives or
  // nouns ("local", "administration").
  uint32_t role_first = head;
  uint32_t lower_words = 0;
  while (role_first > floor && head - role_first < 6) {
    const Token& w = doc_.tokens[role_first - 1];
    // "a police source", "an army spokesman": an organisation noun modifies
    // the role; so does a capitalised one inside a name ("a Hampshire
    // Police spokesman", whose "Police" is otherwise no name word).
    const bool org_modifier = has(w, kOrgNoun) && !has(w, kCue) &&
                              (!w.upper || (role_first - 1 > floor && doc_.tokens[role_first - 2].kind == Tok::word &&
                                            doc_.tokens[role_first - 2].upper && !doc_.tokens[role_first - 2].possessive &&
                                            !has(doc_.tokens[role_first - 2], kNotName)));
    // "a Ministry of Defence spokesperson": a connector inside capitals.
    const bool inside_capitals = w.kind == Tok::word && !w.upper && role_first - 1 > floor &&
                                 doc_.tokens[role_first - 2].kind == Tok::word && doc_.tokens[role_first - 2].upper &&
                                 doc_.tokens[role_first].upper &&
                                 (doc_.word_at(role_first - 1) == "of" || doc_.word_at(role_first - 1) == "for" ||
                                  doc_.word_at(role_first - 1) == "and");
    if (w.kind != Tok::word || w.possessive ||
        (!org_modifier && !inside_capitals &&
         has(w, kNotName | kCue | kPartialCue | kSkip | kHonorific | kMalePronoun | kFemalePronoun | kNeutralPronoun |
                    kAccording)))
      break;
    if (!w.upper && !has(w, kTitle | kGroup) && !inside_capitals) {
      doc_.lower_word(w);
      if (connector(doc_.lower) || lowercase_adverb(doc_.lower) || ++lower_words > 2) break;
    }
    --role_first;
  }
  s.first = role_first > floor && has(doc_.tokens[role_first - 1], kNotName) ? role_first - 1 : role_first;
  s.last = last;
  s.role = std::string(doc_.span_text(role_first, last));
  // A definite role ("the prime minister", "the actress") is the person
  // the article gave that role to; "a spokesman" or "officials" stay roles.
  // "His wife said" after "his wife Kari": a relative named before.
  const std::string_view det = s.first < role_first ? doc_.word_at(s.first) : std::string_view{};
  const bool relative = (det == "his" || det == "her" || det == "His" || det == "Her") &&
                        has(doc_.tokens[head], kMaleNoun | kFemaleNoun);
  const bool definite = s.first < role_first && (det == "the" || det == "The" || relative);
  // "the Harbour Authority and the Coastal Safety Board, with the latter
  // confirming": the name written last before it (the former: the one
  // before that), within 40 tokens.
  if ((det == "the" || det == "The") && role_first == head && head == last) {
    const std::string_view w = doc_.word_at(head);
    const size_t back = w == "latter" ? 1 : w == "former" ? 2 : 0;
    size_t seen = 0;
    const uint32_t scan_floor = head > 40 ? head - 40 : 0;
    for (uint32_t m = s.first; back > 0 && m > scan_floor;) {
      --m;
      const Token& n = doc_.tokens[m];
      if (n.possessive || (!name_token(n) && !org_head(n))) continue;
      const uint32_t first = name_run_back(m, scan_floor);
      if (first == kNone) continue;
      if (++seen == back) {
        s.speaker = people_.resolve_name(doc_.span_text(first, m), org_head(n), std::nullopt);
        s.role.reset();
        return s;
      }
      m = first;
    }
  }
  // "the Pope", "the Prime Minister": a capitalised title is a definite role too.
  const bool capital_title = doc_.tokens[head].upper && has(doc_.tokens[head], kTitle);
  if (definite && (role_noun(doc_.tokens[head]) || capital_title) && !has(doc_.tokens[head], kGroup)) {
    doc_.lower_word(doc_.tokens[head]);
    s.speaker = people_.resolve_role(doc_.lower);
    if (s.speaker >= 0 && !shares_role_modifier(role_first, head, people_.named[static_cast<size_t>(s.speaker)])) s.speaker = -1;
    // "the 45-year-old father of three said": an age marks the person last
    // named; so does a nationality ("the French leader added"), as "said
    // the Norwegian" does.
    for (uint32_t m = role_first; s.speaker < 0 && m < head; ++m)
      if (age_epithet(m) || (has(doc_.tokens[m], kDemonym) && doc_.tokens[m].upper))
        for (auto it = people_.recent_people.rbegin(); it != people_.recent_people.rend(); ++it)
          if (!people_.named[static_cast<size_t>(*it)].role_only) {
            s.speaker = *it;
            break;
          }
  }
  return s;
}

}  // namespace newsflow::processors::quotes

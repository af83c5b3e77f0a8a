// Subject phrases of speech cues: names, roles, appositions, pronouns.
#include "quotes/subjects.hpp"

#include <algorithm>

namespace newsflow::processors::quotes {

// ----------------------------------------------------------- names
// Extends a name run backwards from `last` (inclusive), not before `floor`.
// Returns the first token, or kNone.
uint32_t SubjectParser::name_run_back(uint32_t last, uint32_t floor) const {
  if (!name_token(doc_.tokens[last]) && !org_head(doc_.tokens[last])) return kNone;
  uint32_t first = last;
  uint32_t k = last;
  while (k > floor && last - k < 6) {
    const Token& t = doc_.tokens[k - 1];
    if (name_token(t)) {
      first = --k;
    } else if (has(t, kParticle) && !t.upper && name_token(doc_.tokens[k])) {
      first = --k;  // "Erik ten Hag", and "ten Hag" on its own
    } else if (t.upper && has(t, kDemonym) && doc_.tokens[last].upper && has(doc_.tokens[last], kNameTail)) {
      // "Syrian Democratic Forces": a nationality opens an organisation's
      // name as it opens "German Football Association".
      first = --k;
    } else if (org_head(doc_.tokens[last]) && t.upper && (!t.possessive || k == last) && !(t.classes & kNotName) &&
               !located(t)) {
      // "Foreign Ministry", "Justice Department"; a possessive only right
      // before the head: "Sheriff's Office", "Children's Hospital".
      first = --k;
    } else if (org_head(doc_.tokens[last]) && !t.upper && k - 1 > floor && doc_.tokens[k - 2].upper &&
               (doc_.word_at(k - 1) == "and" || doc_.word_at(k - 1) == "of" || doc_.word_at(k - 1) == "on" ||
                doc_.word_at(k - 1) == "for") &&
               !person_before_of(k - 2, floor)) {
      --k;  // "Fire and Rescue Service", "Department of Health"
    } else {
      break;
    }
  }
  // "MP for Huddersfield Harpreet Uppal", "Tenant Mehmet Yilmaz": in a run of
  // three capitalised words after a connector or at a sentence start, the
  // first belongs to the role.
  const bool org_tail = has(doc_.tokens[last], kNameTail);  // "Human Rights Watch"
  // The run's first word before a connector gave it to the role ("of
  // National Intelligence John Ratcliffe"), for the four-word test below.
  uint32_t run_first = first;
  if (!org_head(doc_.tokens[last]) && !org_tail && last - first >= 2 && name_token(doc_.tokens[first])) {
    const bool sentence_start = first == 0 || doc_.boundary(first - 1);
    bool after_connector = false;
    if (first > 0 && doc_.tokens[first - 1].kind == Tok::word && !doc_.tokens[first - 1].upper) {
      const std::string_view w = doc_.word_at(first - 1);
      // "wrote on Twitter Christian Estrosi": the medium is no name part.
      after_connector =
          w == "for" || w == "of" || w == "at" || w == "from" || w == "in" || w == "on" || w == "via" || w == "to";
    }
    // "Juan Carlos Medina told": a listed given name opens the name itself.
    if ((sentence_start || after_connector) && !has(doc_.tokens[first + 1], kParticle) &&
        !(sentence_start && has(doc_.tokens[first], kMaleName | kFemaleName)))
      ++first;
    if (sentence_start || !after_connector) run_first = first;  // "Jo Anne Val Tilburg" keeps three
  }
  // "of Amnesty International Man-kei Tam": an organisation's last word
  // ("International", "Group") opens no person's name.
  while (!org_head(doc_.tokens[last]) && !org_tail && last - first >= 2 && doc_.tokens[first].upper &&
         has(doc_.tokens[first], kNameTail | kOrgNoun) && !has(doc_.tokens[first], kMaleName | kFemaleName))
    ++first;
  // "Reuters Equifax claimed ...", "Getty Images Bill Murray gets ...": a
  // photo credit glued to the caption that opens the paragraph.
  while (first < last && (first == 0 || doc_.tokens[first - 1].kind == Tok::para) && has(doc_.tokens[first], kCredit)) {
    ++first;
    if (first < last && has(doc_.tokens[first], kCredit) && doc_.tokens[first].upper) ++first;  // "Getty Images"
  }
  // "Devastated Hayley added", "Tearful Ana said": a tabloid's epithet opening
  // the sentence is not the first name.
  if (!org_head(doc_.tokens[last]) && last > first && (first == 0 || doc_.boundary(first - 1)) &&
      epithet(doc_.word_at(first)) && !has(doc_.tokens[first], kMaleName | kFemaleName))
    ++first;
  // "the United Nations Nikki Haley": four or more plain capitalised words
  // are an organisation or place followed by a two-word name, unless a
  // listed given name opens them ("Maria Luisa Soto Vidal"); after a
  // connector, counted before its first word went to the role, so that
  // "Director of National Intelligence John Ratcliffe" is John Ratcliffe.
  if (!org_head(doc_.tokens[last]) && !org_tail && last - run_first >= 3 && last - first >= 2 &&
      !has(doc_.tokens[first], kMaleName | kFemaleName)) {
    bool particle = false;
    for (uint32_t m = first; m <= last; ++m) particle = particle || has(doc_.tokens[m], kParticle);
    if (!particle) first = last - 1;
  }
  return first;
}

// "Sarah Kent of Thames Valley Police": a person's name ends at `last`
// (a listed given name, a title or an honorific before its surname).
bool SubjectParser::person_before_of(uint32_t last, uint32_t floor) const {
  if (last <= floor || !name_token(doc_.tokens[last]) || !name_token(doc_.tokens[last - 1]) ||
      doc_.tokens[last - 1].kind != Tok::word)
    return false;
  const Token& first = doc_.tokens[last - 1];
  return has(first, kMaleName | kFemaleName) ||
         (last - 1 > floor && has(doc_.tokens[last - 2], kTitle | kHonorific));
}

// "a spokesman for Mr Jenrick": the person speaking is not the one named;
// nor are "officials from Norway" Norway.
bool SubjectParser::owned_by_role(uint32_t first, uint32_t floor) const {
  if (first < floor + 2 || doc_.tokens[first - 1].kind != Tok::word) return false;
  const std::string_view w = doc_.word_at(first - 1);
  const Token& role = doc_.tokens[first - 2];
  return ((w == "for" || w == "of") && has(role, kTitle)) ||
         (w == "from" && !role.upper && has(role, kTitle | kGroup));
}

// Lower-case words right before a name that name an occupation
// ("firefighter Carlos Souza", "glaciologist"): listed titles, or the
// common English agent-noun endings.
bool SubjectParser::role_noun(const Token& t) const {
  if (t.kind != Tok::word || t.upper) return false;
  if (t.classes & (kTitle | kGroup)) return true;
  if (t.classes & (kNotName | kCue | kSkip | kPartialCue)) return false;
  const std::string_view w = doc_.word_at(t.index_hint);
  if (w.find("year-old") != std::string_view::npos) return true;  // "the 34-year-old said"
  // "en recevant": a French gerund, not a noun in -ant.
  if (t.index_hint > 0 && doc_.word_at(t.index_hint - 1) == "en") return false;
  return w.size() > 4 && (w.ends_with("ist") || w.ends_with("ian") || w.ends_with("er") || w.ends_with("or") ||
                          w.ends_with("ant") || w.ends_with("ent") ||
                          // French agent nouns: "conservateur", "conservatrice", "journaliste".
                          w.ends_with("eur") || w.ends_with("trice") || w.ends_with("iste"));
}

bool SubjectParser::connector(std::string_view lower) {
  return lower == "of" || lower == "for" || lower == "the" || lower == "and" || lower == "at" || lower == "on" ||
         lower == "in" || lower == "to";
}

// Role words before a name ("Chinese Foreign Ministry spokesperson").
std::optional<std::string> SubjectParser::role_prefix(uint32_t name_first, uint32_t floor, uint32_t& role_first) {
  uint32_t k = name_first;
  role_first = name_first;
  bool title = false;
  while (k > floor && name_first - k < 12) {
    const Token& t = doc_.tokens[k - 1];
    if (t.kind != Tok::word) break;
    if (t.classes & (kCue | kPartialCue | kMalePronoun | kFemalePronoun | kNeutralPronoun | kAccording)) break;
    doc_.lower_word(t);
    const bool is_title = t.classes & kTitle;
    const bool capital = t.upper && !(t.classes & kNotName);
    const bool link = connector(doc_.lower) || (t.classes & kParticle);
    // "foreign minister", but not the article of "a spokesperson for Meta".
    const bool article = doc_.lower == "a" || doc_.lower == "an" || doc_.lower == "the";
    const bool before_title = !t.upper && !link && !article && (doc_.tokens[k].classes & kTitle) && k < name_first;
    if (!(is_title || capital || link || before_title || t.acronym)) break;
    if (t.classes & kHonorific) break;
    title = title || is_title;
    --k;
    if (!link) role_first = k;
  }
  if (!title || role_first == name_first) return std::nullopt;
  // A sentence-initial capital that is not a role word ("Outgoing") stays:
  // it is part of the role as written.
  return std::string(doc_.span_text(role_first, name_first - 1));
}

bool SubjectParser::lowercase_adverb(std::string_view w) { return w.size() > 3 && w.ends_with("ly"); }

bool SubjectParser::party_tag(std::string_view w) {
  if (w.empty() || (w[0] != 'D' && w[0] != 'R' && w[0] != 'I')) return false;
  return w.size() == 1 || (w.size() > 2 && w[1] == '-' && w[2] >= 'A' && w[2] <= 'Z');
}

bool SubjectParser::weekday(std::string_view w) {
  return w == "Monday" || w == "Tuesday" || w == "Wednesday" || w == "Thursday" || w == "Friday" ||
         w == "Saturday" || w == "Sunday";
}

// The subject phrase ending at `p` (the token before a cue), not before `floor`.
Subject SubjectParser::subject_before(uint32_t p, uint32_t floor) {
  Subject s;
  // Words between a subject and its cue ("also", "has", "told reporters on Tuesday").
  for (int skipped = 0; skipped < 3 && p > floor; ++skipped) {
    const Token& t = doc_.tokens[p];
    if (t.kind != Tok::word || t.upper) break;
    doc_.lower_word(t);
    if (!(t.classes & kSkip) && !lowercase_adverb(doc_.lower)) break;
    --p;
  }
  // "Judge Ruth Alder QC said", "Ana Paz PhD said": letters after a name
  // belong to it, not to a subject of their own.
  if (p > floor && doc_.tokens[p].upper && has(doc_.tokens[p], kPostNominal) && name_token(doc_.tokens[p - 1])) --p;
  // "He went on to add": the subject of "went on".
  if (p >= floor + 3 && doc_.word_at(p) == "to" && doc_.word_at(p - 1) == "on" &&
      (doc_.word_at(p - 2) == "went" || doc_.word_at(p - 2) == "goes" || doc_.word_at(p - 2) == "go"))
    p -= 3;
  // "President Joe Biden on Monday said": a day between the subject and its cue.
  for (int skipped = 0; skipped < 2 && p > floor + 1; ++skipped) {
    uint32_t q = p;
    if (doc_.tokens[q].kind == Tok::word && !doc_.tokens[q].upper && q > floor + 1 &&
        (doc_.word_at(q) == "night" || doc_.word_at(q) == "morning" || doc_.word_at(q) == "afternoon" ||
         doc_.word_at(q) == "evening"))
      --q;
    if (!weekday(doc_.word_at(q)) || q <= floor + 1 || doc_.tokens[q - 1].kind != Tok::word) break;
    const std::string_view before = doc_.word_at(q - 1);
    if (before != "on" && before != "last" && before != "this" && before != "early" && before != "late") break;
    p = q - 2;
  }
  // "The World Health Organization (WHO) warned": the acronym in brackets.
  // "Mayor Eric Dunn (D) said", "Rep. Tom Gill (R-Texas) said": a party tag.
  if (p >= floor + 3 && doc_.tokens[p].kind == Tok::paren && doc_.tokens[p - 2].kind == Tok::paren &&
      doc_.tokens[p - 3].kind == Tok::word && doc_.tokens[p - 1].kind == Tok::word &&
      (doc_.tokens[p - 1].acronym || party_tag(doc_.word_at(p - 1))))
    p -= 3;
  // "Painter Rosa Lind (Blue Hour, Salt) told": a bracketed aside after a
  // name (works, a party and seat) stands between the subject and its cue.
  if (p > floor + 3 && doc_.tokens[p].kind == Tok::paren && doc_.text[doc_.tokens[p].start] == ')') {
    for (uint32_t m = p - 1; m > floor + 1 && p - m < 16; --m) {
      if (doc_.tokens[m].kind != Tok::paren) continue;
      if (doc_.text[doc_.tokens[m].start] == '(' && m + 1 < p && doc_.tokens[m - 1].kind == Tok::word &&
          doc_.tokens[m - 1].upper && !doc_.tokens[m - 1].possessive)
        p = m - 1;
      break;
    }
  }
  // "drafted by Ana Diaz who said", "led by Ana Diaz, a chemist at Kent, who
  // said": the relative stands for the name (with its apposition) it
  // follows, which would otherwise lose to the sentence's own subject.
  if (p > floor + 1 && doc_.tokens[p].kind == Tok::word && !doc_.tokens[p].upper && doc_.word_at(p) == "who" &&
      (doc_.tokens[p - 1].kind == Tok::comma || (doc_.tokens[p - 1].kind == Tok::word && doc_.tokens[p - 1].upper))) {
    // "such as former governor Chris Christie, who denounced": the name
    // right before the comma, unless it ends an apposition ("Ana Diaz, a
    // chemist at Kent, who said" is Ana Diaz).
    bool in_apposition = true;
    if (doc_.tokens[p - 1].kind == Tok::comma && p > floor + 2 && name_token(doc_.tokens[p - 2])) {
      in_apposition = false;
      for (uint32_t c = p - 2; c > floor && p - c < 18 && !doc_.boundary(c - 1);) {
        --c;
        if (doc_.tokens[c].kind != Tok::comma) continue;
        in_apposition = c + 1 < p - 1 && has(doc_.tokens[c + 1], kAppositiveStart);
        break;
      }
    }
    Subject antecedent = subject_before(in_apposition ? p - 1 : p - 2, floor);
    if (antecedent.speaker >= 0) {
      antecedent.last = p;
      return antecedent;
    }
  }
  // "Speaker Tom Hale in relaying the news to the chamber said": a gerund
  // phrase after its preposition sits between the subject and the cue; its
  // object ("the chamber") is nobody speaking.
  for (uint32_t m = p; m > floor + 2 && p - m < 8; --m) {
    const Token& w = doc_.tokens[m];
    if (w.kind != Tok::word || w.upper || has(w, kCue | kPartialCue)) break;
    const std::string_view g = doc_.word_at(m);
    if (g.size() < 5 || !g.ends_with("ing")) continue;
    const std::string_view prep = doc_.word_at(m - 1);
    if (prep != "in" && prep != "while" && prep != "when" && prep != "after" && prep != "by") break;
    if (doc_.tokens[m - 2].kind != Tok::word || !doc_.tokens[m - 2].upper) break;
    Subject before = subject_before(m - 2, floor);
    if (before.speaker >= 0) {
      before.last = p;
      return before;
    }
    break;
  }
  const Token& t = doc_.tokens[p];
  if (has(t, kMalePronoun | kFemalePronoun | kNeutralPronoun)) {
    s.first = s.last = p;
    s.speaker = people_.resolve_pronoun(t);
    // Nobody of that gender named: the role subject of a sentence or two
    // before, if its gender does not contradict the pronoun.
    const Gender other = has(t, kMalePronoun) ? Gender::female : Gender::male;
    if (s.speaker < 0 && definite_role_ && !has(t, kNeutralPronoun) && p - definite_role_at_ < 80 &&
        definite_role_gender_ != other)
      s.role = definite_role_;
    return s;
  }
  if (t.kind == Tok::comma && p > floor) return subject_with_apposition(p, floor);
  if (t.kind == Tok::word && people_.recent_group && (doc_.word_at(p) == "they" || doc_.word_at(p) == "They")) {
    // "Officials said the bridge would reopen. "...," they said."
    s.first = s.last = p;
    s.role = people_.recent_group;
    return s;
  }
  if (t.kind == Tok::word && (doc_.word_at(p) == "they" || doc_.word_at(p) == "They"))
    if (Subject plural = plural_role_before(p); plural.role) return plural;
  if (t.kind == Tok::word && (p == floor || doc_.tokens[p - 1].kind != Tok::word)) {
    // "One witness said: ... Another revealed: ...": another of the role
    // last introduced.
    doc_.lower_word(t);
    if (doc_.lower == "another" || doc_.lower == "one") {
      const auto& recent = people_.recent_people;
      for (size_t i = recent.size(), looked = 0; i > 0 && looked < 4; --i, ++looked) {
        const Named& n = people_.named[static_cast<size_t>(recent[i - 1])];
        if (!n.role_only) continue;
        s.first = s.last = p;
        s.role = n.name;
        return s;
      }
    }
  }
  // "One man who was leaving the hospital on Friday told": a restrictive
  // relative clause (no comma) between the subject and its cue. "who police
  // said" (the cue inside the clause) is left to the linking.
  for (uint32_t m = p; m > floor + 1 && p - m < 12;) {
    --m;
    const Token& w = doc_.tokens[m];
    // "an official who asked not to be named said": the clause's own verb
    // may be a cue word; "who police said" (a cue after its own subject) is not.
    const bool clause_verb = m > floor && doc_.tokens[m - 1].kind == Tok::word && doc_.relative_at(m - 1);
    if (w.kind != Tok::word || (has(w, kCue | kPartialCue) && !clause_verb)) break;
    if (w.upper || p - m < 2) continue;
    if (!doc_.relative_at(m)) continue;
    if (doc_.tokens[m - 1].kind == Tok::word) {
      Subject inner = subject_before(m - 1, floor);
      if (inner.first == kNone) {
        // "One eyewitness who works for the council said": an unlisted noun
        // after a determiner is the role.
        uint32_t d = m - 1;
        while (d > floor && m - d < 4 && doc_.tokens[d - 1].kind == Tok::word && !doc_.tokens[d - 1].upper &&
               !has(doc_.tokens[d - 1], kNotName | kCue))
          --d;
        if (d > floor && doc_.tokens[d].kind == Tok::word && !doc_.tokens[d].upper && has(doc_.tokens[d - 1], kAppositiveStart)) {
          inner.first = d - 1;
          inner.role = std::string(doc_.span_text(d, m - 1));
        }
      }
      if (inner.first != kNone) inner.last = p;
      return inner;
    }
    break;
  }
  if (t.kind != Tok::word) return s;
  if (age_epithet(p) && p > floor && doc_.word_at(p - 1) == "the") {
    // "said the 28-year-old": the person last named, as for a nationality.
    s.first = p - 1;
    s.last = p;
    s.speaker = people_.recent_people.empty() ? -1 : people_.recent_people.back();
    if (s.speaker < 0) s.role = std::string(doc_.word_at(p));
    return s;
  }
  if (has(t, kDemonym) && t.upper) {
    // "said the Norwegian": an epithet for the person last named, never a
    // name of its own; with nobody named yet, a role.
    s.first = p > floor && has(doc_.tokens[p - 1], kNotName) ? p - 1 : p;
    s.last = p;
    s.speaker = people_.recent_people.empty() ? -1 : people_.recent_people.back();
    if (s.speaker < 0) s.role = std::string(doc_.word_at(p));
    return s;
  }
  // "Omar Reyes, Dean of Harlow School of Law said": an apposition of a
  // capitalised title and its organisation whose closing comma is missing
  // is the role of the name before it, not an organisation speaking.
  if (t.upper && p > floor + 4) {
    uint32_t m = p;
    while (m > floor + 2 && p - m < 10) {
      const Token& w = doc_.tokens[m - 1];
      if (w.kind != Tok::word || w.possessive ||
          !(w.upper || doc_.word_at(m - 1) == "of" || doc_.word_at(m - 1) == "the" || doc_.word_at(m - 1) == "and"))
        break;
      --m;
    }
    for (uint32_t f = m; f + 2 <= p; ++f) {
      if (!doc_.tokens[f].upper || !has(doc_.tokens[f], kTitle) || doc_.word_at(f + 1) != "of") continue;
      if (f < floor + 2 || doc_.tokens[f - 1].kind != Tok::comma || !name_token(doc_.tokens[f - 2])) break;
      Subject person = subject_before(f - 2, floor);
      if (person.speaker >= 0 && !people_.named[static_cast<size_t>(person.speaker)].org) {
        person.last = p;
        person.role = std::string(doc_.span_text(f, p));
        return person;
      }
      break;
    }
  }
  if (t.upper && p > floor + 3)
    if (const uint32_t first = name_run_back(p, floor); first != kNone)
      if (Subject body = body_of_place(first, p, floor); body.speaker >= 0) return body;
  if (t.upper)
    if (Subject person = person_before_org(p, floor); person.speaker >= 0) return person;
  if (has(t, kDocument) && !t.upper)
    if (Subject owner = document_owner(p, floor); owner.speaker >= 0) return owner;
  if (org_head(t)) {
    // "a source within the Transport Ministry said": an unnamed insider, who
    // does not speak for the ministry as "a spokesman for" it does.
    Subject insider = role_with_complement(p, floor);
    if (insider.role && insider.role->find(" within ") != std::string::npos) return insider;
  }
  if (has(t, kOrgNoun) || org_head(t)) {
    // "Mark Lee of the Slidell Police Department said": the person speaks.
    Subject person = person_of_org(p, floor);
    if (person.speaker >= 0) return person;
  }
  const uint32_t name_first = name_run_back(p, floor);
  if (name_first != kNone) {
    // "the statement from Stellar Airways said": the organisation behind a
    // document is no place.
    const bool from_document = name_first >= floor + 2 && doc_.tokens[name_first - 1].kind == Tok::word &&
                               (doc_.word_at(name_first - 1) == "from" || doc_.word_at(name_first - 1) == "by") &&
                               has(doc_.tokens[name_first - 2], kDocument);
    if (from_document) {
      s.first = name_first - 2 > floor && has(doc_.tokens[name_first - 3], kNotName) ? name_first - 3 : name_first - 2;
      s.last = p;
      s.speaker = people_.resolve_name(doc_.span_text(name_first, p), true, std::nullopt);
      people_.named[static_cast<size_t>(s.speaker)].org = true;
      return s;
    }
    if (Subject open = unclosed_apposition(name_first, floor); open.speaker >= 0 || open.role) return open;
    uint32_t role_first = name_first;
    uint32_t first = name_first;
    if (first > floor && has(doc_.tokens[first - 1], kHonorific)) --first;
    // "Stephen Furlong of Davy said", "Mark Lee of the Slidell Police
    // Department said": the person before "of" speaks.
    const uint32_t prep = name_first > floor && doc_.word_at(name_first - 1) == "the" ? name_first - 1 : name_first;
    if (prep >= floor + 2 && doc_.tokens[prep - 1].kind == Tok::word &&
        (doc_.word_at(prep - 1) == "of" || doc_.word_at(prep - 1) == "at" || doc_.word_at(prep - 1) == "from")) {
      const uint32_t person_first = name_run_back(prep - 2, floor);
      if (person_first != kNone && org_head(doc_.tokens[prep - 2]) && prep == name_first) {
        // "Royal College of Surgeons said": one organisation.
        s.first = person_first;
        s.last = p;
        s.speaker = people_.resolve_name(doc_.span_text(person_first, p), true, std::nullopt);
        return s;
      }
      if (person_first != kNone && person_first < prep - 2 && !org_head(doc_.tokens[prep - 2])) {
        uint32_t role_first = person_first;
        s.role = role_prefix(person_first, floor, role_first);
        s.first = role_first;
        s.last = p;
        s.speaker = people_.resolve_name(doc_.span_text(person_first, prep - 2), false, s.role);
        return s;
      }
    }
    if (owned_by_role(first, floor)) {
      uint32_t title = first - 2;
      role_prefix(title + 1, floor, role_first);
      role_first = std::min(role_first, title);  // a group noun is no title role_prefix reads
      s.first = role_first > floor && has(doc_.tokens[role_first - 1], kNotName) ? role_first - 1 : role_first;
      s.last = p;
      s.role = std::string(doc_.span_text(role_first, p));
      return s;
    }
    s.role = role_prefix(first, floor, role_first);
    s.first = std::min(role_first, first);
    s.last = p;
    const bool org = org_head(doc_.tokens[p]) || doc_.tokens[p].acronym || has(doc_.tokens[p], kNameTail);
    s.speaker = people_.resolve_name(doc_.span_text(name_first, p), org, s.role);
    return s;
  }
  if (t.acronym || (t.upper && !(t.classes & (kNotName | kTitle | kGroup)))) {
    // A lone acronym or capitalised org ("NATO said", "Amazon said"); an
    // acronym spelled out earlier ("the Federal Aviation Administration
    // (FAA)") is that organisation. "John Geiger of USGS told": the person.
    if (t.acronym && p >= floor + 3 && doc_.tokens[p - 1].kind == Tok::word) {
      const std::string_view prep = doc_.word_at(p - 1);
      if (prep == "of" || prep == "at" || prep == "from")
        if (Subject named = person_ending_at(p - 2, p, floor); named.first != kNone) return named;
    }
    // "One MP told the BBC", "an MEP said": a title in capitals after a
    // determiner is a role, not an organisation (nor the spelled-out title).
    if (t.acronym && has(t, kTitle) && p > floor && doc_.tokens[p - 1].kind == Tok::word) {
      doc_.lower_word(doc_.tokens[p - 1]);
      const bool article = doc_.lower == "a" || doc_.lower == "an" || doc_.lower == "the";
      if (article || doc_.lower == "one" || doc_.lower == "another") {
        s.first = p - 1;
        s.last = p;
        s.role = std::string(doc_.span_text(article ? p : p - 1, p));
        return s;
      }
    }
    s.first = s.last = p;
    const std::string_view full = t.acronym ? expand_acronym(p) : std::string_view{};
    s.speaker = people_.resolve_name(full.empty() ? doc_.span_text(p, p) : full, true, std::nullopt);
    if (!full.empty()) people_.named[static_cast<size_t>(s.speaker)].org = true;
    return s;
  }
  if (t.classes & kOrgNoun) {
    // "a spokesman for the council said": the role speaks, not the council.
    if (!t.upper)
      if (Subject c = role_with_complement(p, floor); c.first != kNone) return c;
    // "the ministry said": the most recent organisation with that head.
    doc_.lower_word(t);
    s.last = p;
    uint32_t m = p;  // modifiers: "the Danish prosecution service"
    while (m > floor && p - m < 4 && doc_.tokens[m - 1].kind == Tok::word && !has(doc_.tokens[m - 1], kNotName | kCue) &&
           !doc_.tokens[m - 1].possessive && !located(doc_.tokens[m - 1]))  // "the Lagos-based campaign"
      --m;
    s.first = m > floor && has(doc_.tokens[m - 1], kNotName) ? m - 1 : m;
    auto it = m == p ? people_.by_last_org.find(doc_.lower) : people_.by_last_org.end();
    // "Apple said ... the company said"; a place the tagger found ("the city
    // of Toronto") is no company, though it may be a state's "ministry".
    const std::string_view head = doc_.lower;
    const bool state_body = head == "ministry" || head == "government" || head == "department" || head == "authorities" ||
                            head == "authority" || head == "embassy" || head == "administration" || head == "cabinet" ||
                            head == "parliament" || head == "police" || head == "army" || head == "military" ||
                            head == "council" || head == "office" || head == "agency" || head == "commission";
    int recent = -1;
    for (size_t r = people_.recent_orgs.size(); m == p && r > 0 && recent < 0; --r)
      if (state_body || !people_.named[static_cast<size_t>(people_.recent_orgs[r - 1])].place)
        recent = people_.recent_orgs[r - 1];
    if (it != people_.by_last_org.end())
      s.speaker = it->second;
    else if (recent >= 0)
      s.speaker = recent;
    else
      s.speaker = people_.resolve_name(doc_.span_text(m, p), true, std::nullopt);
    if (m < p) people_.by_last_org[doc_.lower] = s.speaker;
    return s;
  }
  if ((t.classes & (kTitle | kGroup)) || (role_noun(t) && p > floor && has(doc_.tokens[p - 1], kNotName))) {
    // A bare role ("a U.S. administration official said", "the director
    // said", "officials said"): nobody is named, the role phrase speaks.
    // Resolving "the director" to the last person mentioned was measured to
    // guess wrong more often than right.
    if (Subject c = role_with_complement(p, floor); c.first != kNone) return c;
    // "Ada Roe from the opposition bloc said": the person named before the
    // group she comes from speaks, as before "of the ministry".
    if (Subject person = person_of_org(p, floor); person.speaker >= 0) return person;
    return role_subject(p, p, floor);
  }
  if (Subject person = person_of_org(p, floor); person.speaker >= 0) return person;
  return role_with_complement(p, floor);
}

std::string_view SubjectParser::expand_acronym(uint32_t tok) {
  std::string letters;
  for (char c : doc_.word_at(tok))
    if (c >= 'A' && c <= 'Z') letters.push_back(c);
  if (letters.size() < 2) return {};
  for (const auto& [acronym, full] : acronyms_)
    if (acronym == letters) return full;
  // Each distinct acronym scans the text before it once, and only the first
  // few are looked up, so hostile input stays linear.
  if (acronyms_.size() >= kMaxAcronyms) return {};
  std::string_view found;
  for (uint32_t k = 0; k < tok && found.empty(); ++k) {
    const Token& w = doc_.tokens[k];
    if (w.kind != Tok::word || !w.upper || w.acronym || doc_.text[w.start] != letters[0]) continue;
    uint32_t m = k, matched = 0, last = k;
    while (m < tok && matched < letters.size() && m - k < 2 * letters.size() + 2) {
      const Token& x = doc_.tokens[m];
      if (x.kind != Tok::word) break;
      if (x.upper && !x.acronym && doc_.text[x.start] == letters[matched]) {
        ++matched;
        last = m;
      } else if (x.upper || !connector(doc_.word_at(m))) {
        break;
      }
      ++m;
    }
    if (matched == letters.size() && last > k) found = doc_.span_text(k, last);
  }
  acronyms_.emplace_back(std::move(letters), std::string(found));
  return acronyms_.back().second;
}

}  // namespace newsflow::processors::quotes

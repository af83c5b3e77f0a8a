// Subjects that stand after their cue or away from it: inverted cues ("said
// Jens Stoltenberg, NATO's chief", "said Labour leader Sir Keir Starmer")
// and second verbs or participles that share the clause's subject ("...,
// but added:", "issued a statement saying"). SubjectParser methods, kept
// apart from the subject-before-cue parsing in subjects.cpp.
#include "quotes/subjects.hpp"

namespace newsflow::processors::quotes {

// Subject after an inverted cue ("said Jens Stoltenberg, NATO's chief").
Subject SubjectParser::subject_after(uint32_t f, uint32_t limit) {
  Subject s;
  if (f >= limit) return s;
  const Token& t = doc_.tokens[f];
  if (has(t, kMalePronoun | kFemalePronoun | kNeutralPronoun)) {
    s.first = s.last = f;
    s.speaker = people_.resolve_pronoun(t);
    return s;
  }
  if (Subject g = german_role_after(f, limit); g.first != kNone) return g;
  if (Subject n = pseudonym_after(f, limit); n.first != kNone) return n;
  uint32_t e = f;
  bool seen_name = false;
  bool role_then_name = false;
  while (e < limit && e - f < 12) {
    const Token& w = doc_.tokens[e];
    if (w.kind != Tok::word) break;
    doc_.lower_word(w);
    // "said selection committee member Ulf Berg": a body's noun between a
    // modifier and the role is still the role's phrase.
    const bool lower_role =
        !seen_name &&
        (role_noun(w) ||
         (!w.upper && !has(w, kCue | kMalePronoun | kFemalePronoun) && e + 1 < limit &&
          (role_noun(doc_.tokens[e + 1]) || (e + 2 < limit && !doc_.tokens[e + 1].upper &&
                                             has(doc_.tokens[e + 1], kOrgNoun) && role_noun(doc_.tokens[e + 2])))));
    // "said Secretary of State Mike Pompeo", "said Ambassador to Germany
    // Ines Roth": a title's complement in capitals is part of the phrase.
    if (e > f && e + 1 < limit && (doc_.lower == "of" || doc_.lower == "for" || doc_.lower == "to") &&
        has(doc_.tokens[e - 1], kTitle) && doc_.tokens[e - 1].upper && doc_.tokens[e + 1].upper) {
      ++e;
      continue;
    }
    if ((seen_name || (e > f && doc_.tokens[e - 1].upper)) && !w.upper && !has(w, kParticle)) {
      // "said Cubs fan Rodrigo Gonzales", "confirmed Swiss foreign ministry
      // spokesman Pierre Eltschinger": the capitals modify a role that a
      // name follows; "said the Alpes-Maritimes sub-prefect, Sebastien
      // Humbert": the name follows the role after a comma.
      uint32_t r = e;
      while (r < limit && r - e < 3 && doc_.tokens[r].kind == Tok::word && !doc_.tokens[r].upper &&
             !role_noun(doc_.tokens[r]) &&
             !has(doc_.tokens[r], kCue | kNotName | kSkip | kMalePronoun | kFemalePronoun | kNeutralPronoun))
        ++r;
      // "chief executive", "head coach": a role of several role words.
      while (r < limit && r - e < 3 && role_noun(doc_.tokens[r]) && r + 1 < limit && !doc_.tokens[r + 1].upper &&
             role_noun(doc_.tokens[r + 1]))
        ++r;
      if (r < limit && r - e < 4 && role_noun(doc_.tokens[r]) && r + 1 < limit && name_token(doc_.tokens[r + 1])) {
        e = r + 1;
        seen_name = false;
        continue;
      }
      // "said Labour leader Sir Keir Starmer": an honorific after the role.
      if (r < limit && r - e < 4 && role_noun(doc_.tokens[r]) && r + 2 < limit && has(doc_.tokens[r + 1], kHonorific) &&
          name_token(doc_.tokens[r + 2])) {
        e = r + 2;
        seen_name = false;
        continue;
      }
      // "said Human Rights Watch's Asia director, Elaine Pearson": the name
      // after the role's comma.
      if (r < limit && r - e < 4 && role_noun(doc_.tokens[r]) && r + 2 < limit && doc_.tokens[r + 1].kind == Tok::comma &&
          name_token(doc_.tokens[r + 2])) {
        e = r + 1;
        role_then_name = true;
        break;
      }
      if (r > e && r + 1 < limit && doc_.tokens[r].kind == Tok::comma && name_token(doc_.tokens[r + 1])) {
        e = r;
        role_then_name = true;
      }
      // "said the White House spokesman", "a déclaré le Premier ministre":
      // capitals modifying a role that no name follows; the role speaks.
      if (r == e && role_noun(doc_.tokens[r])) {
        while (r + 1 < limit && role_noun(doc_.tokens[r + 1])) ++r;
        if (r + 1 >= limit || !name_token(doc_.tokens[r + 1])) return role_subject(r, r, f);
      }
      break;  // "said Smith on Tuesday"
    }
    if (!(w.upper || (w.classes & (kTitle | kOrgNoun)) || connector(doc_.lower) || w.acronym ||
          has(w, kNotName | kAppositiveStart | kParticle) || lower_role))
      break;
    seen_name = seen_name || name_token(w);
    ++e;
  }
  if (e == f) return phrase_after(f, limit);
  uint32_t last = e - 1;
  while (last > f && !doc_.tokens[last].upper && !(doc_.tokens[last].classes & kOrgNoun)) --last;
  // "said a spokeswoman for the museum": the role speaks, not the museum.
  uint32_t role_head = e;
  if (!doc_.tokens[last].upper && (doc_.tokens[last].classes & kOrgNoun))
    for (uint32_t h = f; h + 1 < last; ++h)
      if (has(doc_.tokens[h], kTitle | kGroup) && !doc_.tokens[h].upper && doc_.tokens[h + 1].kind == Tok::word) {
        const std::string_view c = doc_.word_at(h + 1);
        if (c == "for" || c == "of" || c == "at" || c == "from" || c == "within") {
          role_head = h + 1;
          break;
        }
      }
  if ((role_head < e || (!doc_.tokens[last].upper && !(doc_.tokens[last].classes & kOrgNoun))) &&
      !(e < limit && doc_.tokens[e].kind == Tok::comma && e + 1 < limit && name_token(doc_.tokens[e + 1]))) {
    // "said a local source", "said a spokesman for the camp": a role, no name.
    for (uint32_t head = role_head; head > f;) {
      if (!role_noun(doc_.tokens[--head])) continue;
      uint32_t end = head;
      if (head + 1 < limit && doc_.tokens[head + 1].kind == Tok::word) {
        doc_.lower_word(doc_.tokens[head + 1]);
        const std::string& c = doc_.lower;
        // French "l'avocat de la défense" takes its complement as "of" does.
        if (c == "for" || c == "of" || c == "at" || c == "from" || c == "with" || c == "within" || c == "de" ||
            c == "du") {
          end = head + 1;  // the complement, up to a time or place ("on Sunday")
          while (end + 1 < limit && end - head < 5 && doc_.tokens[end + 1].kind == Tok::word &&
                 !has(doc_.tokens[end + 1], kCue | kSkip | kMalePronoun | kFemalePronoun | kNeutralPronoun))
            ++end;
        }
      }
      Subject r = role_subject(head, end, f);
      // "selon le président du jury, le réalisateur Pierre Lemaire": the
      // name after the role's comma and a role word of its own is the one
      // the role describes.
      if (const uint32_t n = name_after_role_comma(end + 1, limit); n != kNone) {
        uint32_t name_last = n + 1;
        while (name_last + 1 < limit && name_last - n < 3 && name_token(doc_.tokens[name_last + 1])) ++name_last;
        r.last = name_last;
        r.speaker = people_.resolve_name(doc_.span_text(n, name_last), false, r.role);
      }
      return r;
    }
    return phrase_after(f, limit);
  }
  if (e + 1 < limit && doc_.tokens[e].kind == Tok::comma && name_token(doc_.tokens[e + 1]) &&
      (role_then_name || name_run_back(last, f) == kNone)) {
    uint32_t n = e + 1;
    while (n + 1 < limit && (name_token(doc_.tokens[n + 1]) || has(doc_.tokens[n + 1], kParticle)) && n - e < 4) ++n;
    s.first = f;
    s.last = n;
    s.role = std::string(doc_.span_text(f, e - 1));
    s.speaker = people_.resolve_name(doc_.span_text(e + 1, n), false, s.role);
    return s;
  }
  Subject inner = subject_before(last, f);
  if (inner.first == kNone) return s;
  s = inner;
  s.last = last;
  // ", a spokesman for the company" after the name is its role.
  if (e < limit && doc_.tokens[e].kind == Tok::comma && e + 1 < limit && appositive_opening(doc_.tokens[e + 1])) {
    uint32_t r = e + 1;
    while (r + 1 < limit && !doc_.boundary(r + 1) && doc_.tokens[r + 1].kind != Tok::comma) ++r;
    if (!(r + 1 < limit && doc_.tokens[r + 1].kind == Tok::comma)) {
      s.role = std::string(doc_.span_text(e + 1, r));
      if (s.speaker >= 0 && !people_.named[static_cast<size_t>(s.speaker)].role)
        people_.named[static_cast<size_t>(s.speaker)].role = s.role;
      s.last = r;
    }
  }
  return s;
}

// German '„…“, so Roth': "so" between a quotation's comma and a name (or a
// capitalised German role) credits the quotation, but only as a credit
// closing its clause ("so Roth.", "so Roth am Dienstag"), not an English
// clause ('"yes", so Smith signed').
bool SubjectParser::so_credit(uint32_t k) const {
  const auto& tokens = doc_.tokens;
  if (k < 2 || k + 1 >= tokens.size() || tokens[k - 1].kind != Tok::comma || tokens[k - 2].kind != Tok::quote ||
      doc_.word_at(k) != "so" || !(name_token(tokens[k + 1]) || (tokens[k + 1].upper && has(tokens[k + 1], kTitle))))
    return false;
  uint32_t e = k + 1;
  while (e < tokens.size() && e - k < 6 && tokens[e].kind == Tok::word && tokens[e].upper) ++e;
  if (e >= tokens.size() || tokens[e].kind != Tok::word) return true;
  const std::string_view w = doc_.word_at(e);
  return w == "am" || w == "im" || w == "gegenüber";
}

// "sagte eine Sprecherin der Stadt": a German article and a capitalised role
// noun with no name after it, and its genitive or "von" complement, as a
// role phrase (German nouns are capitalised, so the English lower-case role
// reading misses it); first == kNone otherwise.
Subject SubjectParser::german_role_after(uint32_t f, uint32_t limit) {
  if (f + 1 >= limit || doc_.tokens[f].upper || doc_.tokens[f].kind != Tok::word) return {};
  const std::string_view a = doc_.word_at(f);
  if (a != "ein" && a != "eine" && a != "einer" && a != "der" && a != "die" && a != "das") return {};
  const Token& role = doc_.tokens[f + 1];
  if (!role.upper || !has(role, kTitle) || (f + 2 < limit && name_token(doc_.tokens[f + 2]))) return {};
  uint32_t last = f + 1;
  if (last + 2 < limit && doc_.tokens[last + 2].upper && doc_.tokens[last + 2].kind == Tok::word) {
    const std::string_view c = doc_.word_at(last + 1);
    if (c == "der" || c == "des" || c == "von" || c == "vom") last += 2;
  }
  Subject s;
  s.first = f;
  s.last = last;
  s.role = std::string(doc_.span_text(f, last));
  return s;
}

// ", le réalisateur Pierre Lemaire" / ", director Ana Ruiz" at `comma`: the
// first token of a name of two words or more after an optional article and
// one to three role words; kNone otherwise.
uint32_t SubjectParser::name_after_role_comma(uint32_t comma, uint32_t limit) const {
  if (comma >= limit || doc_.tokens[comma].kind != Tok::comma) return kNone;
  uint32_t m = comma + 1;
  while (m < limit && m - comma <= 2 && !doc_.tokens[m].upper && has(doc_.tokens[m], kAppositiveStart | kParticle)) ++m;
  const uint32_t roles = m;
  while (m < limit && m - roles < 3 && role_noun(doc_.tokens[m])) ++m;
  if (m == roles || m + 1 >= limit || !name_token(doc_.tokens[m]) || !name_token(doc_.tokens[m + 1])) return kNone;
  return m;
}

bool SubjectParser::relative_of_document(uint32_t k) const {
  // Only before a comma or colon that opens a quotation: "found a report
  // that said the bridge was ..." is not the finder's document.
  if (k < 2 || k + 2 >= doc_.tokens.size() || !has(doc_.tokens[k - 2], kDocument) ||
      doc_.tokens[k - 1].kind != Tok::word)
    return false;
  uint32_t c = k + 1;
  // "a statement which read, in part, ...": the editor's aside before the quotation.
  if (c + 4 < doc_.tokens.size() && doc_.tokens[c].kind == Tok::comma && doc_.word_at(c + 1) == "in" &&
      doc_.word_at(c + 2) == "part" && doc_.tokens[c + 3].kind == Tok::comma)
    c += 3;
  if ((doc_.tokens[c].kind != Tok::comma && doc_.tokens[c].kind != Tok::colon) || doc_.tokens[c + 1].kind != Tok::quote)
    return false;
  const std::string_view w = doc_.word_at(k - 1);
  return w == "which" || w == "that";
}

// "She wished everyone a happy holiday, but added: ..." / "Smith paused and
// said": a cue right after "and"/"but" takes the clause's subject, the
// first pronoun or name of the sentence.
Subject SubjectParser::coordinated_subject(uint32_t k, uint32_t floor) {
  const std::string_view before = doc_.word_at(k - 1);
  // "Last year he gave a speech, telling the crowd: ...": a participle after
  // a comma shares the clause's subject as a second verb does.
  // "Obama issued a statement saying, ...": so does one after a document.
  // "It issued a statement which said, ...": so does a relative clause of a document.
  const bool participle = ((doc_.tokens[k - 1].kind == Tok::comma || has(doc_.tokens[k - 1], kDocument)) &&
                           doc_.word_at(k).ends_with("ing")) ||
                          relative_of_document(k);
  if (!participle && (doc_.tokens[k - 1].kind != Tok::word || (before != "and" && before != "but"))) return {};
  // "A tweet sent from Dorn's Twitter account ... repeated the pledge,
  // saying": a document opening the clause speaks for the owner named in
  // its own phrase, before the clause's verb.
  // "The Atlantic claimed that during a trip Trump refused to visit ... and
  // referred to the soldiers as "losers"": a verb that embeds words (a
  // partial cue) after "and" shares the subject of the reported clause it
  // closes, not the reporter's.
  if (!participle && has(doc_.tokens[k], kPartialCue) && !has(doc_.tokens[k], kCue))
    for (uint32_t m = k - 1; m > floor + 1 && k - m < 40; --m)
      if (doc_.tokens[m].kind == Tok::word && doc_.word_at(m) == "that" && has(doc_.tokens[m - 1], kCue) &&
          !doc_.tokens[m - 1].upper) {
        floor = m + 1;
        break;
      }
  const uint32_t opening = floor < k && has(doc_.tokens[floor], kAppositiveStart) ? floor + 1 : floor;
  if (participle && opening < k && has(doc_.tokens[opening], kDocument) && !doc_.tokens[opening].upper)
    for (uint32_t m = opening + 1; m + 1 < k && m - opening < 10; ++m) {
      const Token& w = doc_.tokens[m];
      if (w.kind != Tok::word || (m > opening + 1 && !w.upper && verb_like(m))) break;
      if (w.possessive && w.upper)
        if (Subject owner = document_owner(m + 1, opening); owner.speaker >= 0) return owner;
    }
  for (uint32_t m = floor; m + 1 < k; ++m) {
    const Token& w = doc_.tokens[m];
    if (w.kind != Tok::word) continue;
    // "U.S. President Barack Obama": an acronym before a title or name modifies it.
    if (w.acronym && m + 1 < k && doc_.tokens[m + 1].kind == Tok::word &&
        (doc_.tokens[m + 1].upper || has(doc_.tokens[m + 1], kTitle)))
      continue;
    if (has(w, kMalePronoun | kFemalePronoun | kNeutralPronoun) || w.acronym) return subject_before(m, floor);
    // "Tenants' group chair X": a plural possessive modifies the role.
    const std::string_view after = doc_.text.substr(w.end, 3);
    if (doc_.word_at(m).ends_with("s") && (after.starts_with("'") || after.starts_with("\u2019"))) continue;
    if (name_token(w) || org_head(w)) {
      uint32_t e = m;
      // "the United States Supreme Court ruled ..., saying": a capitalised
      // cue word ("States") inside a run of capitals belongs to the name.
      const auto in_run = [&](uint32_t x) {
        const Token& n = doc_.tokens[x];
        return name_token(n) || org_head(n) ||
               (n.kind == Tok::word && n.upper && (n.classes & kCue) && !n.possessive && x + 1 < k - 1 &&
                (name_token(doc_.tokens[x + 1]) || org_head(doc_.tokens[x + 1])));
      };
      while (e + 1 < k - 1 && in_run(e + 1)) ++e;
      // "Last Thanksgiving, she ...": an introductory phrase is not the subject.
      if (m > floor && has(doc_.tokens[m - 1], kNotName) && e + 1 < k && doc_.tokens[e + 1].kind == Tok::comma) {
        m = e;
        continue;
      }
      // "Information minister Mohammed denied", "Finance Minister Anna Berg
      // welcomed": capitals before a role word modify the role; the name
      // after it is the subject.
      if (e + 1 < k && doc_.tokens[e + 1].kind == Tok::word && has(doc_.tokens[e + 1], kTitle)) {
        m = e;
        continue;
      }
      // Only a subject: the next word must not be a preposition's object.
      if (e + 1 < k && doc_.tokens[e + 1].kind == Tok::word && has(doc_.tokens[e + 1], kNotName)) return {};
      // "The Biden campaign criticized ..., accusing": the name modifies a
      // lower-case organisation noun, which is the subject.
      if (e + 1 < k && doc_.tokens[e + 1].kind == Tok::word && !doc_.tokens[e + 1].upper &&
          !doc_.tokens[e].possessive && !doc_.tokens[e + 1].possessive && has(doc_.tokens[e + 1], kOrgNoun))
        return subject_before(e + 1, floor);
      return subject_before(e, floor);
    }
    if (has(w, kCue | kPartialCue) && !(m > floor && doc_.relative_at(m - 1)))
      break;
  }
  return participle ? role_opening(k, floor) : Subject{};
}

// "The backlash led Lena Dorn to say": a cue after "to" and the object of a
// verb of causing (rule kind `causative`) has that object as its subject;
// first == kNone otherwise.
Subject SubjectParser::causative_object(uint32_t k, uint32_t floor) {
  if (k < floor + 3 || doc_.tokens[k - 1].kind != Tok::word || doc_.word_at(k - 1) != "to") return {};
  const uint32_t last = k - 2;
  if (!name_token(doc_.tokens[last]) || doc_.tokens[last].possessive) return {};
  const uint32_t first = name_run_back(last, floor);
  if (first == kNone || first <= floor || !has(doc_.tokens[first - 1], kCausative) || doc_.tokens[first - 1].upper) return {};
  Subject s;
  s.first = first;
  s.last = last;
  s.speaker = people_.resolve_name(doc_.span_text(first, last), org_head(doc_.tokens[last]), std::nullopt);
  return s;
}

// "A spokeswoman for the council gave a speech, saying:": a sentence whose
// subject names nobody opens with the role phrase before its verb (or
// before "who"); first == kNone when there is none.
Subject SubjectParser::role_opening(uint32_t k, uint32_t floor) {
  // The phrase opens the sentence, after an article; "A number of the
  // nurses rejected ...": after an amount and its "of" too.
  uint32_t opening = floor + 1;
  if (opening + 2 < k && has(doc_.tokens[opening], kQuantity) && doc_.word_at(opening + 1) == "of") {
    opening += 2;
    if (has(doc_.tokens[opening], kAppositiveStart)) ++opening;
  }
  for (uint32_t v = floor + 1; v < k && v - floor < 12; ++v) {
    const Token& w = doc_.tokens[v];
    if (w.kind != Tok::word || w.upper) continue;
    const std::string_view x = doc_.word_at(v);
    // A verb: one the heuristic knows, or a word before its object's article
    // ("gave a speech"); not the noun after a possessive ("estate's caretakers").
    const bool before_object = v + 1 < k && has(doc_.tokens[v + 1], kAppositiveStart) && !preposition(x) &&
                               !has(w, kNotName | kAppositiveStart);
    if (doc_.tokens[v - 1].possessive || (!verb_like(v) && !before_object && !doc_.relative_at(v))) continue;
    Subject s = subject_before(v - 1, floor);
    if (s.first == kNone || (s.speaker < 0 && !s.role)) s = phrase_before(v, floor);
    if (s.first != kNone && s.first <= opening && (s.speaker >= 0 || s.role)) return s;
  }
  return {};
}

// "Politico quoted Tim Manning, a former deputy, as saying ...": the one
// quoted speaks, not the outlet. `k` is the participle cue after "as".
Subject SubjectParser::quoted_as(uint32_t k, uint32_t floor) {
  if (k < floor + 3 || doc_.tokens[k - 1].kind != Tok::word || doc_.word_at(k - 1) != "as") return {};
  for (uint32_t q = k - 2; q > floor && k - q < 16; --q) {
    const Token& w = doc_.tokens[q];
    if (w.kind != Tok::word || w.upper) continue;
    const std::string_view v = doc_.word_at(q);
    if (v != "quoted" && v != "quotes" && v != "quoting") continue;
    Subject s = subject_after(q + 1, k - 1);
    return s.speaker >= 0 || s.role ? s : Subject{};
  }
  return {};
}

// "said a protester using the pseudonym Katya", "said a nurse named Ana":
// the role phrase gives the person a name, and the name is the speaker.
Subject SubjectParser::pseudonym_after(uint32_t f, uint32_t limit) {
  Subject s;
  uint32_t r = f;
  if (r < limit && doc_.tokens[r].kind == Tok::word && (doc_.word_at(r) == "a" || doc_.word_at(r) == "an")) ++r;
  const uint32_t role_first = r;
  while (r < limit && r - role_first < 3 && doc_.tokens[r].kind == Tok::word && !doc_.tokens[r].upper &&
         !role_noun(doc_.tokens[r]))
    ++r;
  if (r >= limit || r == kNone || !role_noun(doc_.tokens[r]) || doc_.tokens[r].upper) return s;
  const uint32_t role_last = r++;
  // The words that hand over a name: "using the pseudonym", "named", "who gave her name as".
  static constexpr std::string_view kMarkers[][4] = {{"using", "the", "pseudonym", ""},
                                                      {"using", "the", "name", ""},
                                                      {"named", "", "", ""},
                                                      {"identified", "only", "as", ""},
                                                      {"identified", "as", "", ""},
                                                      {"who", "gave", "her", "name"},
                                                      {"who", "gave", "his", "name"}};
  for (const auto& m : kMarkers) {
    uint32_t k = r;
    bool ok = true;
    for (std::string_view w : m) {
      if (w.empty()) break;
      if (k >= limit || doc_.tokens[k].kind != Tok::word || doc_.word_at(k) != w) {
        ok = false;
        break;
      }
      ++k;
    }
    if (!ok) continue;
    if (m[3] == "name" && k < limit && doc_.tokens[k].kind == Tok::word && doc_.word_at(k) == "as") ++k;
    if (k >= limit || !name_token(doc_.tokens[k])) return s;
    uint32_t n = k;
    while (n + 1 < limit && n - k < 2 && name_token(doc_.tokens[n + 1])) ++n;
    s.first = f;
    s.last = n;
    s.role = std::string(doc_.span_text(role_first, role_last));
    s.speaker = people_.resolve_name(doc_.span_text(k, n), false, s.role);
    return s;
  }
  return s;
}

}  // namespace newsflow::processors::quotes

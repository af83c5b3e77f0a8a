// Speakers carried across sentences and paragraphs, and the last resort for
// a quotation whose sentence has a cue (Attributor methods, kept apart from
// the cue parsing and the main linking in attribution.cpp): a role that
// introduces one person, the person a paragraph or sentence introduces, the
// speaker named in the sentence after a quotation, floating quotations.
#include "quotes/attribution.hpp"

#include <algorithm>

namespace newsflow::processors::quotes {

// "An American witness said he saw the driver. ... "It was deliberate," he
// told CNN": a role naming one person is the next he/she, as a name is.
// Only an indefinite role introduces someone: "the director said" is most
// often a person named earlier, whom the next "he" still means. Plural roles
// ("officials", "residents") are "they", which is not resolved.
void Attributor::note_role_referent(const Subject& s) {
  doc_.lower_word(doc_.tokens[s.first]);
  const bool indefinite = doc_.lower == "a" || doc_.lower == "an" || doc_.lower == "one" || doc_.lower == "another";
  // The head is the last word before the role's complement ("spokesman for
  // the ministry", "man who was leaving the hospital").
  uint32_t head = kNone;
  for (uint32_t m = s.first; m <= s.last && m < doc_.tokens.size(); ++m) {
    const Token& w = doc_.tokens[m];
    if (w.kind != Tok::word) break;
    const std::string_view x = doc_.word_at(m);
    if (head != kNone && (x == "for" || x == "of" || x == "at" || x == "from" || x == "with" || x == "who" ||
                          x == "in" || x == "on"))
      break;
    if (!has(w, kNotName) || w.upper) head = m;
  }
  if (head == kNone) return;
  const Token& h = doc_.tokens[head];
  const std::string_view w = doc_.word_at(head);
  const bool plural = (w.ends_with("s") && !w.ends_with("ss") && !h.possessive) || w == "people" || w == "men" ||
                      w == "women" || w == "police" || w == "children" || w == "staff" || has(h, kOrgNoun | kDocument);
  if (plural) {
    people_.recent_group = s.role;  // "Officials said ... "...," they said."
    return;
  }
  const Gender g = has(h, kMaleNoun) ? Gender::male : has(h, kFemaleNoun) ? Gender::female : Gender::unknown;
  if (!indefinite) {
    subjects_.note_definite_role(*s.role, g, s.last);
    return;
  }
  people_.note_recent(people_.add_role(*s.role, g));
}


// "One of the survivors chose to speak in court. She said ...": a sentence
// whose subject is one of a group brings that one person forward for the
// next he/she, though no cue names her; news copy keeps such a witness
// unnamed and quotes her in the sentences after.
void Attributor::note_one_of_subject(uint32_t k) {
  if (k + 4 >= doc_.tokens.size() || doc_.word_at(k) != "One") return;
  const std::string_view of = doc_.word_at(k + 1), the = doc_.word_at(k + 2);
  if (of != "of" || (the != "the" && the != "those")) return;
  const Token& group = doc_.tokens[k + 3];
  const std::string_view g = doc_.word_at(k + 3);
  const bool plural = group.kind == Tok::word && !group.upper && !group.possessive &&
                      ((g.ends_with("s") && !g.ends_with("ss")) || g == "people" || g == "men" || g == "women" ||
                       g == "children");
  if (!plural || has(doc_.tokens[k + 4], kCue) || !subjects_.verb_like(k + 4)) return;
  people_.note_recent(people_.add_role(doc_.span_text(k, k + 3), Gender::unknown));
}

// A quotation with a speech cue in its sentence never comes out with a null
// speaker: the nearest cue of the sentence (before it back to the sentence
// start, after it up to the sentence end) gives its speaker, role or
// fallback; a cue that can name nobody at all gives the person last
// introduced. Returns the People::named index, or -1.
int Attributor::last_resort(Quote& q, uint32_t i) {
  int found = -1;
  uint32_t distance = kNone;
  for (uint32_t k = i; k > 0 && i - k < 60;) {
    --k;
    const Token& t = doc_.tokens[k];
    if (t.sentence_end || t.kind == Tok::para) break;
    if (event_at_[k] >= 0) {
      found = event_at_[k];
      distance = i - k;
      break;
    }
  }
  for (uint32_t k = i + 1; !doc_.tokens[i].sentence_end && k < doc_.tokens.size() && k - i < 40; ++k) {
    const Token& t = doc_.tokens[k];
    if (t.kind == Tok::para) break;
    if (event_at_[k] >= 0) {
      if (k - i < distance) found = event_at_[k];
      break;
    }
    if (t.sentence_end) break;
  }
  if (found < 0) return -1;
  const Event& ev = events_[static_cast<size_t>(found)];
  attribute(q, ev, 0.4);
  q.confidence = 0.3;
  if (q.speaker) return ev.speaker >= 0 ? ev.speaker : ev.fallback_speaker;
  int who = people_.recent_people.empty() ? -1 : people_.recent_people.back();
  // Only someone the text shows to be a person: a capitalised phrase named
  // once with nothing else known ("Le Grand Prix du festival", "die Mülheimer
  // Brücke") is no speaker, and a wrong speaker is worse than none.
  if (who >= 0) {
    const Named& n = people_.named[static_cast<size_t>(who)];
    if (n.gender == Gender::unknown && !n.role && n.mentions < 2) who = -1;
    // "a-t-elle précisé" with only a man named: "she" is not him.
    if (ev.has_subject && ev.subject_first != kNone && n.gender != Gender::unknown) {
      const Token& p = doc_.tokens[ev.subject_first];
      if ((has(p, kMalePronoun) && n.gender == Gender::female) || (has(p, kFemalePronoun) && n.gender == Gender::male))
        who = -1;
    }
  }
  if (who >= 0) name_speaker(q, who);
  return who;
}

// The person a sentence right after quotation i names when it opens with a
// demonstrative ("Those were the words of ...", "So says ...", "That is how
// ... put it"), with no quotation of its own; or -1.
int Attributor::named_in_next_sentence(uint32_t i) const {
  uint32_t k = i + 1;
  if (k < doc_.tokens.size() && doc_.tokens[k].kind == Tok::para) ++k;
  if (k >= doc_.tokens.size() || doc_.tokens[k].kind != Tok::word || !doc_.tokens[k].upper) return -1;
  const std::string_view w = doc_.word_at(k);
  if (w != "That" && w != "Those" && w != "This" && w != "These" && w != "So" && w != "Such") return -1;
  for (uint32_t m = k + 1; m < doc_.tokens.size() && m - k < 10 && !doc_.boundary(m - 1); ++m) {
    if (!subjects_.name_token(doc_.tokens[m])) continue;
    uint32_t e = m;
    while (e + 1 < doc_.tokens.size() && e - m < 3 && subjects_.name_token(doc_.tokens[e + 1])) ++e;
    if (e == m || doc_.tokens[e].possessive) return -1;
    const auto it = people_.by_name.find(doc_.span_text(m, e));
    if (it == people_.by_name.end()) return -1;
    const Named& n = people_.named[static_cast<size_t>(it->second)];
    return n.org || n.role_only ? -1 : it->second;
  }
  return -1;
}

// A quotation that runs over paragraphs leaves its first paragraph open and
// opens the next with a mark again; a photo caption the page put in between
// breaks that, so the scanner drops the open paragraph. "MVP Okafor said:
// "It is unreal. ... / Fans celebrate (Getty) / "Every player ..."": the
// paragraph after the caption goes on with the cue of the open one. Returns
// that cue's event, or -1.
int Attributor::event_of_unclosed_before_caption(uint32_t i) const {
  if (i < 2 || doc_.tokens[i - 1].kind != Tok::para) return -1;
  uint32_t end = i - 1;  // the paragraph break before the candidate open paragraph
  uint32_t captions = 0;
  while (end > 0 && doc_.tokens[end - 1].caption && captions < 2) {
    uint32_t k = end;
    while (k > 0 && doc_.tokens[k - 1].kind != Tok::para) --k;
    if (k == 0) return -1;
    end = k - 1;
    ++captions;
  }
  if (captions == 0 || end == 0 || doc_.tokens[end - 1].caption) return -1;
  int found = -1;
  uint32_t at = kNone;
  for (uint32_t k = end; k > 0 && end - k < 120;) {
    --k;
    const Token& t = doc_.tokens[k];
    if (t.kind == Tok::para) break;
    if (t.kind == Tok::quote) return -1;  // a closed quotation: nothing was left open
    if (found < 0 && event_at_[k] >= 0) {
      found = event_at_[k];
      at = k;
    }
  }
  if (found < 0) return -1;
  const Event& ev = events_[static_cast<size_t>(found)];
  if (ev.used || ev.speaker < 0) return -1;
  // The open mark stands after the cue, in the paragraph's last sentences.
  const std::string_view rest =
      std::string_view(doc_.text).substr(doc_.tokens[at].end, doc_.tokens[end - 1].end - doc_.tokens[at].end);
  return rest.find('"') != std::string_view::npos || rest.find("\u201c") != std::string_view::npos ? found : -1;
}

// The person whose name opens the paragraph that ends at paragraph break
// `end`, or the sentence of the same paragraph that ends at token `end`,
// when it holds no quotation; or -1. A paragraph's subject is a full name;
// a sentence's may be a surname, and its verb must follow ("Roe was blunt.").
int Attributor::paragraph_subject(uint32_t end) const {
  const bool paragraph = doc_.tokens[end].kind == Tok::para;
  if (!paragraph && !doc_.tokens[end].sentence_end) return -1;
  // A photo caption ("X celebrates the victory (Getty)") ends without a
  // sentence's full stop; a paragraph that introduces someone has one.
  if (paragraph && (end == 0 || !doc_.tokens[end - 1].sentence_end)) return -1;
  uint32_t k = end;
  while (k > 0 && end - k < 80 && doc_.tokens[k - 1].kind != Tok::para && (paragraph || !doc_.tokens[k - 1].sentence_end)) {
    --k;
    if (doc_.tokens[k].kind == Tok::quote) return -1;
  }
  if (k == end || (k > 0 && !doc_.boundary(k - 1))) return -1;
  uint32_t e = k;
  while (e < end && e - k < 4 && subjects_.name_token(doc_.tokens[e])) ++e;
  // Only a subject (not "Nice, France, ..."), not a possessive.
  if (e == k || e >= end || doc_.tokens[e - 1].possessive) return -1;
  int who = -1;
  if (e - k >= 2) {
    const auto it = people_.by_name.find(doc_.span_text(k, e - 1));
    if (it != people_.by_name.end()) who = it->second;
  } else if (!paragraph && subjects_.verb_like(e)) {
    doc_.lower_word(doc_.tokens[k]);
    const auto it = people_.by_last.find(doc_.lower);
    if (it != people_.by_last.end()) who = it->second;
  }
  if (who < 0 || (!paragraph && !subjects_.verb_like(e))) return -1;
  const Named& n = people_.named[static_cast<size_t>(who)];
  return n.org || n.role_only ? -1 : who;
}

// An unused cue with a speaker in the sentence just before quotation i, in
// the same or the previous paragraph, with no quotation in between; or -1.
int Attributor::event_in_previous_sentence(uint32_t i, bool& reported) const {
  uint32_t ends = 0, paras = 0;
  for (uint32_t k = i; k > 0 && i - k < 60;) {
    --k;
    const Token& t = doc_.tokens[k];
    if (t.kind == Tok::quote) return -1;
    if (t.kind == Tok::para) {
      if (++paras > 1) return -1;
      continue;
    }
    if (t.sentence_end && ++ends > 1) return -1;
    const int e = event_at_[k];
    if (e < 0) continue;
    const Event& ev = events_[static_cast<size_t>(e)];
    // "..., one of them says, according to the monitor.": a credit for the
    // sentence's own quotation introduces no other.
    if (ev.according && !ev.used) continue;
    if (ev.used || (ev.speaker < 0 && !ev.role)) return -1;
    // A cue that ends its sentence ("Baines disagreed.") introduces the
    // quotation. One that carries on is reported speech, and news copy
    // follows it with the same speaker's own words ("Molina said her son saw
    // it. "It's something ..."") as long as the quotation is in its paragraph
    // or opens the next one; a described-or-called cue only when it names a
    // person ("Delane described the chaos.").
    uint32_t m = ev.link_end + 1;
    while (m < i && doc_.tokens[m].kind != Tok::word && !doc_.tokens[m].sentence_end) ++m;
    const bool ends_sentence = m >= i || doc_.tokens[m].sentence_end;
    if ((!ends_sentence || ev.partial_only) && ev.speaker < 0) return -1;
    reported = !ends_sentence;
    return e;
  }
  return -1;
}

// An unused cue with a named speaker later in quotation i's sentence that
// ends it ("..., Kim said."), with no other quotation in between; or -1.
int Attributor::event_closing_sentence(uint32_t i) const {
  if (doc_.tokens[i].sentence_end) return -1;  // the cue after it is the next sentence's
  for (uint32_t k = i + 1; k < doc_.tokens.size() && k - i < 40; ++k) {
    const Token& t = doc_.tokens[k];
    if (t.kind == Tok::quote || t.kind == Tok::para) return -1;
    if (const int e = event_at_[k]; e >= 0) {
      const Event& ev = events_[static_cast<size_t>(e)];
      // "..., according to investigators." credits the sentence though it names nobody.
      if (ev.used || ev.partial_only || (ev.speaker < 0 && !(ev.according && ev.role))) return -1;
      uint32_t extra = 0;
      for (uint32_t m = ev.link_end; m < doc_.tokens.size() && !doc_.boundary(m) && extra <= 3; ++m) ++extra;
      return extra <= 3 ? e : -1;
    }
    if (t.sentence_end) return -1;
  }
  return -1;
}

// The person named at the start of the sentence that ends in `colon`, or -1.
int Attributor::colon_subject(uint32_t colon) {
  uint32_t s = colon;
  // Back to the sentence start, across a quoted word on the way ('the
  // ministry defended the strike as "lawful" in nature: ...').
  while (s > 0 && colon - s < 40 && !doc_.tokens[s - 1].sentence_end && doc_.tokens[s - 1].kind != Tok::para) --s;
  if (const int who = clause_subject(s, colon); who >= 0) return who;
  // "In his message, he praised the crew: ...", "However, addressing the
  // crowd, Berg proposed: ...": the subject opens the clause after an
  // opening phrase set off by a comma.
  for (uint32_t c = s; c + 2 < colon; ++c)
    if (doc_.tokens[c].kind == Tok::comma)
      if (const int who = clause_subject(c + 1, colon); who >= 0) return who;
  // "The palace issued the following statement from the king: ...": the
  // document's author after "from"/"by" speaks.
  for (uint32_t d = s; d + 2 < colon; ++d) {
    const Token& t = doc_.tokens[d];
    if (t.kind != Tok::word || t.upper || !has(t, kDocument)) continue;
    const std::string_view by = doc_.word_at(d + 1);
    if (by != "from" && by != "by") continue;
    const Subject author = subjects_.subject_after(d + 2, colon);
    if (author.speaker >= 0) return author.speaker;
    if (author.role) return people_.add_role(*author.role, Gender::unknown);
    break;
  }
  return -1;
}

int Attributor::colon_speaker(uint32_t colon) const {
  const auto it = std::lower_bound(colon_speakers_.begin(), colon_speakers_.end(), std::make_pair(colon, -1));
  return it != colon_speakers_.end() && it->first == colon ? it->second : -1;
}

// The speaker a clause opening at s names before the colon, or -1.
int Attributor::clause_subject(uint32_t s, uint32_t colon) {
  if (s < colon && has(doc_.tokens[s], kHonorific)) ++s;
  // "He ended by saying: ...": a pronoun subject is its referent.
  // (Read where it stands when it opens the sentence: see colon_pronoun_.)
  if (s + 1 < colon && has(doc_.tokens[s], kMalePronoun | kFemalePronoun))
    return colon_pronoun_.first == s ? colon_pronoun_.second : people_.resolve_pronoun(doc_.tokens[s]);
  // "The study itself outlined the link: ...": a document subject speaks as
  // it does through a cue (a role).
  if (s + 2 < colon && (doc_.word_at(s) == "the" || doc_.word_at(s) == "The") && doc_.tokens[s + 1].kind == Tok::word &&
      !doc_.tokens[s + 1].upper && has(doc_.tokens[s + 1], kDocument) && doc_.tokens[s + 2].kind == Tok::word &&
      !doc_.tokens[s + 2].possessive)
    return people_.add_role(doc_.word_at(s + 1), Gender::unknown);
  // "The Department issued a statement that ...: ..." after "the California
  // Department of Corrections": an organisation named by its head word alone.
  if (s + 2 < colon && (doc_.word_at(s) == "the" || doc_.word_at(s) == "The") && doc_.tokens[s + 1].upper &&
      subjects_.org_head(doc_.tokens[s + 1]) && !doc_.tokens[s + 1].possessive && doc_.tokens[s + 2].kind == Tok::word &&
      !doc_.tokens[s + 2].upper)
    if (const int org = people_.org_with_head(doc_.word_at(s + 1)); org >= 0) return org;
  // "The court's summary ended with: ..." after "the Court of Session": the
  // owner of a document opening the clause, as through a cue.
  if (s + 3 < colon && (doc_.word_at(s) == "the" || doc_.word_at(s) == "The") && doc_.tokens[s + 1].kind == Tok::word &&
      !doc_.tokens[s + 1].upper && doc_.tokens[s + 1].possessive && has(doc_.tokens[s + 2], kDocument))
    if (const Subject owner = subjects_.document_owner(s + 2, s); owner.speaker >= 0) return owner.speaker;
  // "The government of New Caledonia issued a statement: ...".
  if (s + 3 < colon && (doc_.word_at(s) == "the" || doc_.word_at(s) == "The") && doc_.word_at(s + 2) == "of" &&
      (subjects_.name_token(doc_.tokens[s + 3]) || (doc_.tokens[s + 3].upper && has(doc_.tokens[s + 3], kDemonym)))) {
    uint32_t e = s + 3;
    while (e + 1 < colon && e - s < 7 && subjects_.name_token(doc_.tokens[e + 1])) ++e;
    if (const Subject body = subjects_.body_of_place(s + 3, e, s); body.speaker >= 0) return body.speaker;
  }
  // "the Danish Ministry of Fisheries defended the ban: ...": an article
  // before a name.
  if (s + 2 < colon && doc_.tokens[s].kind == Tok::word && !doc_.tokens[s].possessive &&
      (doc_.word_at(s) == "the" || doc_.word_at(s) == "The") &&
      (subjects_.name_token(doc_.tokens[s + 1]) || has(doc_.tokens[s + 1], kDemonym)))
    ++s;
  // "London Mayor Sadiq Khan paid tribute on Twitter: ...": capitals and
  // role words before the name are its title.
  for (uint32_t m = s; m + 1 < colon && m - s < 4; ++m) {
    const Token& w = doc_.tokens[m];
    if (w.kind != Tok::word || !(w.upper || has(w, kTitle)) || !has(w, kTitle) || !subjects_.name_token(doc_.tokens[m + 1]))
      continue;
    s = m + 1;
    break;
  }
  // "the Danish Ministry of Fisheries": a demonym opens an organisation's name.
  if (s >= colon || !(subjects_.name_token(doc_.tokens[s]) || has(doc_.tokens[s], kDemonym))) return -1;
  uint32_t e = s;
  for (;;) {
    const Token& next = doc_.tokens[e + 1];
    // "United States": a capitalised cue word inside a name is part of it.
    const bool capital_cue = next.kind == Tok::word && next.upper && has(next, kCue) && !doc_.boundary(e);
    if (e + 1 < colon && e - s < 4 && (subjects_.name_token(next) || subjects_.org_head(next) || capital_cue)) {
      ++e;
    } else if (e + 2 < colon && e - s < 6 && doc_.word_at(e + 1) == "of" && subjects_.name_token(doc_.tokens[e + 2]) &&
               subjects_.org_head(doc_.tokens[e])) {
      e += 2;  // "Ministry of Fisheries"
    } else if (e + 2 < colon && e - s < 6 && doc_.word_at(e + 1) == "and" && subjects_.name_token(doc_.tokens[e + 2]) &&
               e >= s + 2 && doc_.word_at(e - 1) == "of" && subjects_.org_head(doc_.tokens[e - 2])) {
      e += 2;  // "High Court of England and Wales"
    } else {
      break;
    }
  }
  // "The Biden campaign recycled a statement: ...": a name before a
  // lower-case organisation noun names that organisation, as before a cue.
  if (e + 2 < colon && !doc_.tokens[e].possessive && doc_.tokens[e + 1].kind == Tok::word && !doc_.tokens[e + 1].upper &&
      !doc_.tokens[e + 1].possessive && has(doc_.tokens[e + 1], kOrgNoun) && !has(doc_.tokens[s], kNotName | kDemonym)) {
    const int org = people_.resolve_name(doc_.span_text(s, e + 1), true, std::nullopt);
    people_.named[static_cast<size_t>(org)].org = true;
    return org;
  }
  // "Ana Lind of the Port Authority spoke of the crane: ...": a person of
  // two names or more, then the organisation she is of.
  bool person_of = false;
  if (e > s && e + 2 < colon && doc_.tokens[e + 1].kind == Tok::word && !doc_.tokens[e].possessive) {
    const std::string_view prep = doc_.word_at(e + 1);
    uint32_t o = e + 2;
    if (o + 1 < colon && (doc_.word_at(o) == "the" || doc_.word_at(o) == "The")) ++o;
    person_of = (prep == "of" || prep == "at" || prep == "from") &&
                (subjects_.name_token(doc_.tokens[o]) || (doc_.tokens[o].acronym && doc_.tokens[o].kind == Tok::word));
    for (uint32_t m = s; person_of && m <= e; ++m) person_of = !subjects_.org_head(doc_.tokens[m]);
  }
  if (person_of) return people_.resolve_name(doc_.span_text(s, e), false, std::nullopt);
  // Only a subject: "In Oslo, ..." or "Norway's ..." is not one.
  // "The court also ruled, finding ...: ..." keeps its subject: a word that
  // stands between a subject and its verb is no such opening.
  if (e + 1 < colon && doc_.tokens[e + 1].kind == Tok::word && has(doc_.tokens[e + 1], kNotName) &&
      !has(doc_.tokens[e + 1], kSkip))
    return -1;
  if (doc_.tokens[e].possessive || has(doc_.tokens[s], kNotName)) return -1;
  bool org = false;
  for (uint32_t m = s; m <= e; ++m) org = org || subjects_.org_head(doc_.tokens[m]);
  if (!org && has(doc_.tokens[s], kDemonym)) return -1;  // "Norwegian" is nobody
  return people_.resolve_name(doc_.span_text(s, e), org, std::nullopt);
}

// '... is "a model for me"; however, "...", he added.': a continuation cue
// ("added", "continued") whose he/she stands in the sentence of the previous
// quotation keeps that quotation's speaker, though someone else was named
// in between. Returns that speaker, or -1.
int Attributor::continuing_speaker(uint32_t prev_quote, uint32_t i, int prev_speaker, const Event& ev) const {
  if (prev_quote == kNone || prev_speaker < 0 || prev_speaker == ev.speaker || ev.subject_first == kNone) return -1;
  const Token& pronoun = doc_.tokens[ev.subject_first];
  if (!has(pronoun, kMalePronoun | kFemalePronoun)) return -1;
  const std::string_view cue = doc_.word_at(ev.cue);
  if (cue != "added" && cue != "adds" && cue != "continued" && cue != "continues") return -1;
  for (uint32_t k = prev_quote; k < ev.cue; ++k)
    if (doc_.tokens[k].sentence_end || doc_.tokens[k].kind == Tok::para) return -1;
  const Named& n = people_.named[static_cast<size_t>(prev_speaker)];
  const Gender other = has(pronoun, kMalePronoun) ? Gender::female : Gender::male;
  return n.org || n.role_only || n.gender == other ? -1 : prev_speaker;
}

// True when quotation j sits in the sentence just before quotation i.
// A paragraph that is only a quotation, right after the paragraph of
// quotation j, continues j's speaker however many sentences of narrative
// close that paragraph (news style), unless a cue there names someone else.
bool Attributor::after_time_phrase(uint32_t i) const {
  if (i < 3 || doc_.tokens[i - 1].kind != Tok::comma) return false;
  uint32_t k = i - 1;
  while (k > 0 && i - 1 - k < 7 && !doc_.boundary(k - 1)) --k;
  if (k > 0 && !doc_.boundary(k - 1)) return false;
  if (i - 1 - k < 2) return false;
  for (uint32_t m = k; m + 1 < i; ++m) {
    const Token& t = doc_.tokens[m];
    if (t.kind != Tok::word || has(t, kCue | kPartialCue) || (m > k && t.upper)) return false;
  }
  const std::string w = lower_of(doc_.word_at(k));
  return w == "during" || w == "at" || w == "in" || w == "after" || w == "before" || w == "later" || w == "on";
}

bool Attributor::follows_closely(uint32_t j, uint32_t i, bool j_attributed_after, int j_speaker) const {
  uint32_t ends = doc_.tokens[j].sentence_end && !j_attributed_after ? 1 : 0;
  uint32_t paras = 0;
  bool other_speaker = false;
  bool about_speaker = false;  // a paragraph in between opens with the speaker's surname
  bool names_someone = false;  // a capitalised name in a paragraph in between
  for (uint32_t k = j + 1; k < i; ++k) {
    // A photo caption or chrome line between two paragraphs of one speaker
    // ("Carl Edwards Jr celebrates the victory (Getty)") interrupts nothing.
    if (doc_.tokens[k].caption || (doc_.tokens[k].kind == Tok::para && k + 1 < i && doc_.tokens[k + 1].caption))
      continue;
    if (paras > 0 && !doc_.boundary(k - 1) && subjects_.name_token(doc_.tokens[k])) names_someone = true;
    if (doc_.tokens[k].kind == Tok::para) {
      ++paras;
      if (paras == 1 && j_speaker >= 0 && k + 1 < i && doc_.tokens[k + 1].kind == Tok::word &&
          doc_.word_at(k + 1) == last_word(people_.named[static_cast<size_t>(j_speaker)].name))
        about_speaker = true;
    } else if (doc_.tokens[k].sentence_end) {
      ++ends;
    }
    if (paras > 2 || k - j > 200) return false;
    if (const int e = event_at_[k]; e >= 0 && events_[static_cast<size_t>(e)].has_subject &&
                                    events_[static_cast<size_t>(e)].speaker != j_speaker)
      other_speaker = true;
  }
  if (paras == 2) {
    // "Marsh, 44, has coached the side since 2015." between two of her
    // quotations: a paragraph about the speaker does not change who speaks.
    // So does a paragraph of narrative that names nobody ("Residents were
    // evacuated by boat on Sunday.").
    return (about_speaker || !names_someone) && doc_.tokens[i - 1].kind == Tok::para && !other_speaker;
  }
  if (ends <= 1) return ends + paras >= 1;
  return paras == 1 && doc_.tokens[i - 1].kind == Tok::para && !other_speaker;
}

}  // namespace newsflow::processors::quotes

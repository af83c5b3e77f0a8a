// Mentions outside the cues: names and organisation phrases met anywhere in
// the text register in People, so later surnames, "the ministry" and
// pronouns resolve to them (SubjectParser methods, kept apart from the
// subject parsing in subjects.cpp).
#include "quotes/subjects.hpp"

namespace newsflow::processors::quotes {

Subject SubjectParser::plural_role_before(uint32_t p) const {
  Subject s;
  for (uint32_t m = p; m > 1 && p - m < 80;) {
    --m;
    if (doc_.tokens[m].kind == Tok::para) break;
    // A sentence opening "The <plural role> <verb>": "The researchers suggested".
    const bool opens = doc_.tokens[m - 1].sentence_end || doc_.tokens[m - 1].kind == Tok::para;
    if (!opens || doc_.word_at(m) != "The" || m + 2 >= p) continue;
    const Token& noun = doc_.tokens[m + 1];
    const Token& verb = doc_.tokens[m + 2];
    if (noun.kind != Tok::word || noun.upper || noun.possessive || verb.kind != Tok::word || verb.upper) continue;
    const std::string_view w = doc_.word_at(m + 1);
    if (w.size() < 5 || !w.ends_with("s")) continue;
    const std::string_view one = w.substr(0, w.size() - 1);
    const bool role_like = has(noun, kGroup) || one.ends_with("er") || one.ends_with("or") || one.ends_with("ist") ||
                           one.ends_with("ian");
    if (!role_like) continue;
    s.first = s.last = p;
    s.role = std::string(w);
    return s;
  }
  return s;
}

int SubjectParser::acronym_org(uint32_t k) {
  const std::string_view full = expand_acronym(k);
  const int index = people_.resolve_name(full.empty() ? doc_.span_text(k, k) : full, true, std::nullopt);
  people_.named[static_cast<size_t>(index)].org = true;
  return index;
}

// A multi-word name seen anywhere introduces it (for later surnames); at a
// sentence start it is also the likely referent of the next "he"/"she".
void SubjectParser::note_mention(uint32_t k) {
  uint32_t e = k;
  while (e + 1 < doc_.tokens.size() && e - k < 4 &&
         (name_token(doc_.tokens[e + 1]) || org_head(doc_.tokens[e + 1]) ||
          (has(doc_.tokens[e + 1], kParticle) && !doc_.tokens[e + 1].upper && e + 2 < doc_.tokens.size() &&
           name_token(doc_.tokens[e + 2])))) {
    ++e;
    if (org_head(doc_.tokens[e])) break;
  }
  // "the California Department of Corrections and Rehabilitation": the
  // organisation's name runs on after its head through "of" and capitals,
  // and through "on" and "for" ("the Commission on Presidential Debates",
  // "the Office for National Statistics"), whose head a later "the
  // commission said" names.
  uint32_t head = kNone;
  if (org_head(doc_.tokens[e]) && e + 2 < doc_.tokens.size() && doc_.tokens[e + 1].kind == Tok::word &&
      (doc_.word_at(e + 1) == "of" || doc_.word_at(e + 1) == "on" || doc_.word_at(e + 1) == "for") &&
      doc_.tokens[e + 2].upper && name_token(doc_.tokens[e + 2])) {
    head = e;
    uint32_t r = e + 2;
    while (r + 2 < doc_.tokens.size() && r - e < 6 &&
           (name_token(doc_.tokens[r + 1]) ||
            (doc_.tokens[r + 1].kind == Tok::word && (doc_.word_at(r + 1) == "and" || doc_.word_at(r + 1) == "of") &&
             doc_.tokens[r + 2].upper && name_token(doc_.tokens[r + 2]))))
      r += name_token(doc_.tokens[r + 1]) ? 1 : 2;
    e = r;
  }
  // "Celine Sciamma's new film" introduces Celine Sciamma.
  const bool possessive = e + 1 < doc_.tokens.size() && !org_head(doc_.tokens[e]) && doc_.tokens[e + 1].kind == Tok::word &&
                          doc_.tokens[e + 1].upper && doc_.tokens[e + 1].possessive && !doc_.tokens[e + 1].acronym &&
                          !(doc_.tokens[e + 1].classes & (kNotName | kTitle));
  if (e == k && !possessive) {
    note_relative(k);
    return;
  }
  // "the Turkish Ministry of Foreign Affairs": the words after "of" end an
  // organisation's name, not a person's.
  const bool of_org = !possessive && !org_head(doc_.tokens[e]) && k >= 2 && doc_.tokens[k - 1].kind == Tok::word &&
                      (doc_.word_at(k - 1) == "of" || doc_.word_at(k - 1) == "on" || doc_.word_at(k - 1) == "for") &&
                      org_head(doc_.tokens[k - 2]);
  // "the Lowmoor Cider Festival", "Human Rights Watch": a word that ends
  // organisations' and events' names ends no person's.
  const bool org = of_org || head != kNone || org_head(doc_.tokens[e]) || (doc_.tokens[e].upper && has(doc_.tokens[e], kNameTail));
  // "the Russian Defence Ministry": a nationality opens an organisation's name.
  const uint32_t floor = org && k > 0 && doc_.tokens[k - 1].upper && has(doc_.tokens[k - 1], kDemonym) ? k - 1 : k;
  uint32_t first = possessive ? k : of_org ? name_run_back(k - 2, doc_.region_start(k - 2, 8))
                                   : name_run_back(head != kNone ? head : e, floor);
  if (first == kNone) first = k;
  std::string_view name = doc_.span_text(first, possessive ? e + 1 : e);
  if (possessive) {
    for (std::string_view suffix : {"'s", "\u2019s", "'", "\u2019"})
      if (name.ends_with(suffix)) {
        name.remove_suffix(suffix.size());
        break;
      }
  }
  if (name.find(' ') == std::string_view::npos) return;
  if (const auto sp = name.find(' '); name.substr(sp + 1) == name.substr(0, sp)) return;  // "Equifax Equifax"
  const std::string_view key = name;  // the name tables fold case
  int index;
  if (auto it = people_.by_name.find(key); it != people_.by_name.end()) {
    index = it->second;
    Named& n = people_.named[static_cast<size_t>(index)];
    // The entity tagger's guess ("Volvo Cars" as a person) gives way to an
    // organisation's head word met in the text.
    if (org && !n.org && n.mentions == 0 && !n.role) n.org = true;
    ++n.mentions;
  } else if (const int longer = org ? -1 : people_.longer_name_ending(key); longer >= 0) {
    // "Wolden Bache" after "Ida Wolden Bache": a double surname alone.
    index = longer;
    people_.by_name.emplace(key, index);
    ++people_.named[static_cast<size_t>(index)].mentions;
  } else if (const int shorter = org ? -1 : people_.take_fuller_form(name); shorter >= 0) {
    index = shorter;  // "Robert Gabriel Mugabe" after "Robert Mugabe"
    ++people_.named[static_cast<size_t>(index)].mentions;
  } else {
    index = static_cast<int>(people_.named.size());
    people_.add(name, std::nullopt, org, 1);
    people_.by_name.emplace(key, index);
    if (!org) {
      people_.register_person_keys(name, index, false);
      people_.by_given.emplace(name.substr(0, name.find(' ')), index);
    }
  }
  const uint32_t end = possessive ? e + 1 : e;
  // "Volvo Cars recalled ...": the organisation a sentence is about is what
  // a later "the company said" means.
  const bool sentence_start = first == 0 || doc_.boundary(first - 1) || has(doc_.tokens[first - 1], kTitle) ||
                              (k < first && (k == 0 || doc_.boundary(k - 1)));
  if (org) {
    people_.by_last_org[last_word(name)] = index;
    if (head != kNone) people_.by_last_org[doc_.word_at(head)] = index;
    if (of_org) people_.by_last_org[doc_.word_at(k - 2)] = index;  // "the office" after "the Office for ...".
    // "..., the Ministry of Foreign Affairs denounced the plan, calling it
    // ...": a participle after its clause has this subject.
    if (of_org && verb_like(end + 1) && people_.sentence_person < 0) people_.sentence_person = index;
    if (sentence_start && !possessive && verb_like(end + 1) && !doc_.tokens[first].caption) people_.note_recent(index);
    return;
  }
  // Subjects are the likely referents of the next "he" or "she": a name at
  // a sentence start (also "Even Barack Obama, who ...", whose first word
  // was dropped), after a title, or set off by commas ("Her deputy, James
  // Hart, disagreed").
  const bool appositive = first > 0 && doc_.tokens[first - 1].kind == Tok::comma && end + 1 < doc_.tokens.size() &&
                          doc_.tokens[end + 1].kind == Tok::comma;
  // "84-year-old Jimmy Docherty", "Yumi Kaneko, 58, was sweeping": an age
  // marks the person the story is about at that point.
  const bool aged = (first > 0 && age_epithet(first - 1)) ||
                    (end + 2 < doc_.tokens.size() && doc_.tokens[end + 1].kind == Tok::comma &&
                     doc_.tokens[end + 2].kind == Tok::word && is_number(doc_.word_at(end + 2)));
  // "Tom Hayward has rowed": a name followed by a verb-like word; not the
  // subject of a relative clause ("the ban, which Tom Varga opposed").
  const bool before_verb = verb_like(end + 1) &&
                           !(first > 0 && doc_.tokens[first - 1].kind == Tok::word && !doc_.tokens[first - 1].upper &&
                             (doc_.word_at(first - 1) == "which" || doc_.word_at(first - 1) == "whom"));
  // "Among the fans was Kim Roe, a lawyer," / "For Anita Roe, the lawyer
  // for ..., it is ...": a name given an indefinite role in apposition, or
  // any role after the sentence's opening word ("For", "To"), is introduced. (Any
  // name before any apposition cost the written holdout set 5 of 70.)
  const bool follows_role = end + 2 < doc_.tokens.size() && doc_.tokens[end + 1].kind == Tok::comma &&
                           (has(doc_.tokens[end + 2], kAppositiveStart) || has(doc_.tokens[end + 2], kTitle));
  // A place of work after a preposition is not one ("Andy Roe works at Le
  // Cafe, a restaurant on the seafront": the next "he" is Andy Roe).
  const bool object = first > 0 && doc_.tokens[first - 1].kind == Tok::word && !doc_.tokens[first - 1].upper &&
                      preposition(doc_.word_at(first - 1));
  const bool indefinite =
      follows_role && !object && (doc_.word_at(end + 2) == "a" || doc_.word_at(end + 2) == "an");
  const bool described = follows_role && (indefinite || (first > 0 && (first == 1 || doc_.boundary(first - 2)) &&
                                                         doc_.tokens[first - 1].kind == Tok::word &&
                                                         !name_token(doc_.tokens[first - 1])));
  // "Lina Moreau, an American student living in Lyon, ...": the apposition
  // is the role a later "the student" refers back to.
  if (follows_role && !object && !people_.named[static_cast<size_t>(index)].role) {
    uint32_t r = end + 2;
    while (r + 1 < doc_.tokens.size() && r - end < 14 && doc_.tokens[r + 1].kind == Tok::word) ++r;
    people_.named[static_cast<size_t>(index)].role = std::string(doc_.span_text(end + 2, r));
  }
  // "Erik Holm is the chief executive of ...": the role a later "the chief
  // executive said" refers back to.
  if (sentence_start && !possessive && !people_.named[static_cast<size_t>(index)].role && end + 3 < doc_.tokens.size() &&
      (doc_.word_at(end + 1) == "is" || doc_.word_at(end + 1) == "was") && has(doc_.tokens[end + 2], kAppositiveStart) &&
      doc_.tokens[end + 3].kind == Tok::word && !doc_.tokens[end + 3].upper) {
    uint32_t r = end + 3;
    while (r + 1 < doc_.tokens.size() && r - end < 14 && doc_.tokens[r + 1].kind == Tok::word) ++r;
    people_.named[static_cast<size_t>(index)].role = std::string(doc_.span_text(end + 2, r));
  }
  // "actress Uma Keller": the role a later "the actress" refers back to.
  // Kept as written with the words that qualify it ("hospice chief
  // executive Sarah Blake", "Opposition leader Mark Pryce"), as a cue's
  // subject keeps it; a later "the chief executive" matches by its last word.
  if (first > 0 && doc_.tokens[first - 1].kind == Tok::word && has(doc_.tokens[first - 1], kTitle) &&
      !people_.named[static_cast<size_t>(index)].role) {
    uint32_t role_first = first;
    if (role_prefix(first, doc_.region_start(first, 12), role_first)) {
      // Only the words that qualify this title: not across "for", "and" or
      // an article ("A spokesman for Russian President Vladimir Putin" is no
      // spokesman's role for Putin), nor a word before a capital that only
      // leads into it ("from Prime Minister", "what President").
      uint32_t from = role_first;
      for (uint32_t i = role_first; i + 1 < first; ++i) {
        if (doc_.tokens[i].kind != Tok::word) continue;
        doc_.lower_word(doc_.tokens[i]);
        if (connector(doc_.lower) || has(doc_.tokens[i], kParticle) || doc_.lower == "a" || doc_.lower == "an")
          from = i + 1;
      }
      while (from + 1 < first && !doc_.tokens[from].upper && !has(doc_.tokens[from], kTitle)) {
        doc_.lower_word(doc_.tokens[from]);
        if (!preposition(doc_.lower) && !doc_.tokens[from + 1].upper) break;
        ++from;
      }
      people_.named[static_cast<size_t>(index)].role = std::string(doc_.span_text(from, first - 1));
    } else {
      doc_.lower_word(doc_.tokens[first - 1]);
      people_.named[static_cast<size_t>(index)].role = doc_.lower;
    }
  }
  // A headline or chrome line ("Related stories", then a story's title)
  // registers its names for surnames but is no one's introduction.
  // "Actor Dorrin Vasko's visit to the fair ... He quipped": a possessive
  // opening the sentence before a thing, not a person ("Tobin Ruark's
  // lawyer"), names whom the sentence is about.
  const bool possessive_topic = possessive && sentence_start && end + 1 < doc_.tokens.size() &&
                                doc_.tokens[end + 1].kind == Tok::word && !doc_.tokens[end + 1].upper &&
                                !role_noun(doc_.tokens[end + 1]) &&
                                !has(doc_.tokens[end + 1], kMaleNoun | kFemaleNoun | kTitle | kOrgNoun);
  if ((((sentence_start || appositive || before_verb || aged || described) && !possessive) || possessive_topic) &&
      !doc_.tokens[first].caption) {
    people_.note_recent(index);
    const auto sp = name.find(' ');
    people_.by_first.emplace(name.substr(0, sp), index);
  }
}

// "His daughter, Karin, runs the boat now": a given name alone, set off by
// commas after a relative's noun, introduces a person of that noun's gender.
void SubjectParser::note_relative(uint32_t k) {
  if (k < 2 || k + 1 >= doc_.tokens.size()) return;
  // "His daughter, Karin, runs ...", or without commas after a possessive
  // pronoun: "his wife Kari were asleep".
  const bool commas = doc_.tokens[k - 1].kind == Tok::comma && doc_.tokens[k + 1].kind == Tok::comma;
  // Only as a subject ("Ola Nordmann and his wife Kari were"), not an
  // object ("praying that her daughter Dorcas was").
  const bool bare = !commas && doc_.tokens[k - 1].kind == Tok::word && doc_.tokens[k - 2].kind == Tok::word &&
                    (doc_.word_at(k - 2) == "his" || doc_.word_at(k - 2) == "her" || doc_.word_at(k - 2) == "His" ||
                     doc_.word_at(k - 2) == "Her") &&
                    (k == 2 || doc_.boundary(k - 3) || doc_.word_at(k - 3) == "and");
  if (!commas && !bare) return;
  const Token& noun = doc_.tokens[commas ? k - 2 : k - 1];
  if (noun.upper || !has(noun, kMaleNoun | kFemaleNoun)) return;
  const std::string_view name = doc_.word_at(k);
  const std::string_view key = name;  // the name tables fold case
  auto it = people_.by_name.find(key);
  int index;
  if (it != people_.by_name.end()) {
    index = it->second;
  } else {
    doc_.lower_word(noun);
    index = people_.add(name, doc_.lower, false, 1);
    people_.by_name.emplace(key, index);
    people_.by_first.emplace(key, index);
  }
  Named& n = people_.named[static_cast<size_t>(index)];
  if (n.org || n.role_only) return;
  if (n.gender == Gender::unknown) n.gender = has(noun, kMaleNoun) ? Gender::male : Gender::female;
  people_.note_recent(index);
}

bool SubjectParser::preposition(std::string_view w) {
  return w == "at" || w == "in" || w == "on" || w == "from" || w == "near" || w == "to" || w == "into" ||
         w == "with" || w == "by" || w == "of" || w == "for" || w == "outside" || w == "inside";
}

bool SubjectParser::is_number(std::string_view w) {
  if (w.empty() || w.size() > 3) return false;
  for (char c : w)
    if (c < '0' || c > '9') return false;
  return true;
}

bool SubjectParser::age_epithet(uint32_t k) const {
  if (doc_.tokens[k].kind != Tok::word) return false;
  const std::string_view w = doc_.word_at(k);
  // "14-year-old", and spelt out, "Fourteen-year-old", "twenty-two-year-old".
  return w.size() > 9 && w.ends_with("-year-old") &&
         ((w[0] >= '0' && w[0] <= '9') || (w.size() > 12 && ((w[0] | 0x20) >= 'a' && (w[0] | 0x20) <= 'z')));
}

bool SubjectParser::verb_like(uint32_t k) const {
  if (k >= doc_.tokens.size() || doc_.tokens[k].kind != Tok::word || doc_.tokens[k].upper) return false;
  const std::string_view w = doc_.word_at(k);
  return !has(doc_.tokens[k], kNotName | kParticle) &&
         (w.ends_with("ed") || w.ends_with("s") || w == "has" || w == "had" || w == "is" || w == "was" ||
          w == "will" || w == "would" || w == "can" || w == "could" || w == "grew" || w == "won" || w == "took" ||
          w == "made" || w == "went" || w == "told" || w == "said");
}

// "The German finance ministry welcomed ...": later "the ministry" is it.
void SubjectParser::note_org_phrase(uint32_t k) {
  uint32_t m = k;
  bool capital = false;
  while (m > 0 && k - m < 3 && doc_.tokens[m - 1].kind == Tok::word && !has(doc_.tokens[m - 1], kNotName | kCue) &&
         !doc_.tokens[m - 1].possessive && !doc_.boundary(m - 1) && !located(doc_.tokens[m - 1])) {
    --m;
    capital = capital || doc_.tokens[m].upper;
  }
  if (!capital || m == k) {
    // "the American Trucking Associations, an industry group": the
    // organisation named before the apposition is "the group" later.
    if (m < 3 || !has(doc_.tokens[m - 1], kAppositiveStart) || doc_.tokens[m - 2].kind != Tok::comma) return;
    const uint32_t last = m - 3;
    uint32_t first = last + 1;  // capitals, nationalities included ("American Trucking Associations")
    while (first > 0 && last + 1 - first < 6 && doc_.tokens[first - 1].kind == Tok::word && doc_.tokens[first - 1].upper &&
           !has(doc_.tokens[first - 1], kNotName) && !doc_.tokens[first - 1].possessive && !doc_.boundary(first - 1))
      --first;
    if (first > last) return;
    doc_.lower_word(doc_.tokens[k]);
    people_.by_last_org[doc_.lower] = people_.resolve_name(doc_.span_text(first, last), true, std::nullopt);
    return;
  }
  doc_.lower_word(doc_.tokens[k]);
  const std::string head = doc_.lower;
  people_.by_last_org[head] = people_.resolve_name(doc_.span_text(m, k), true, std::nullopt);
}

}  // namespace newsflow::processors::quotes

// Affiliations in subject phrases (SubjectParser methods, kept apart from
// subjects.cpp): the person named before "of", "at" or "from" and an
// organisation or place speaks, not the organisation ("Tristan Smith of
// University College London said"); a role of an organisation speaks as the
// role ("a spokesperson for the camp", "the mayor of Leeds, who ..."); a
// document speaks for its owner or its author ("The WHO's website said",
// "according to a tweet by X"); a passive cue's agent speaks ("was told by X").
#include "quotes/subjects.hpp"

#include <algorithm>

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

// "a spokesperson for the camp said", "a source close to the couple said",
// "one of the French fighters says": a role with its complement ending at
// `p`; first == kNone when there is none.
Subject SubjectParser::role_with_complement(uint32_t p, uint32_t floor) {
  Subject s;
  for (uint32_t m = p; m > floor + 1 && p - m < 5;) {
    --m;
    const Token& w = doc_.tokens[m];
    if (w.kind != Tok::word || has(w, kCue | kPartialCue | kMalePronoun | kFemalePronoun | kNeutralPronoun)) break;
    doc_.lower_word(w);
    const std::string& lw = doc_.lower;
    // "a source within the ministry" as "a spokesman for the ministry".
    if ((lw == "for" || lw == "of" || lw == "at" || lw == "from" || lw == "with" || lw == "within") &&
        has(doc_.tokens[m - 1], kTitle | kGroup))
      return named_before_role(role_subject(m - 1, p, floor), floor);
    if (lw == "to" && m >= floor + 2 && doc_.word_at(m - 1) == "close" && has(doc_.tokens[m - 2], kTitle | kGroup))
      return named_before_role(role_subject(m - 2, p, floor), floor);
    // "one of the French fighters says": one of a group.
    if (lw == "of" && doc_.tokens[m - 1].kind == Tok::word && !doc_.tokens[p].upper) {
      const std::string_view q = doc_.word_at(m - 1);
      if (q == "one" || q == "One" || q == "some" || q == "Some" || q == "many" || q == "Many")
        return named_before_role(role_subject(m - 1, p, floor), floor);
    }
  }
  return s;
}

// "Sergey M, one of the maintainers of youtube-dl wrote", "Ann Lee, a
// spokeswoman for the council said": copy that never closes the apposition.
// A person's full name opening its clause right before the role's comma
// speaks, with the role; otherwise the role does.
Subject SubjectParser::named_before_role(Subject role, uint32_t floor) {
  if (role.first == kNone || role.speaker >= 0 || !role.role || role.first < floor + 3) return role;
  const uint32_t comma = role.first - 1;
  if (doc_.tokens[comma].kind != Tok::comma || !name_token(doc_.tokens[comma - 1]) || doc_.tokens[comma - 1].possessive)
    return role;
  const uint32_t first = name_run_back(comma - 1, floor);
  if (first == kNone || first == comma - 1) return role;  // a full name, not a lone capital
  // The name opens its clause: "In a letter to Jane Doe, a spokesman said" is the spokesman's.
  if (first > floor && doc_.tokens[first - 1].kind != Tok::comma && !doc_.boundary(first - 1)) return role;
  if (org_head(doc_.tokens[comma - 1])) return role;
  Subject s;
  s.first = first;
  s.last = role.last;
  s.speaker = people_.resolve_name(doc_.span_text(first, comma - 1), false, role.role);
  if (people_.named[static_cast<size_t>(s.speaker)].org) return role;
  s.role = role.role;
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
  bool comma_seen = false, colon_seen = false;
  uint32_t descriptors = 0, descriptor_end = kNone;  // the describing words met, and the first of their run
  for (uint32_t m = last; m > floor + 1 && last - m < 12; --m) {
    const Token& t = doc_.tokens[m];
    // "of the Center for Microbial Oceanography: Research and Education": a
    // colon between capitals inside the organisation's name.
    if (t.kind == Tok::colon && !colon_seen && doc_.text[t.start] == ':' && doc_.tokens[m + 1].kind == Tok::word &&
        doc_.tokens[m + 1].upper && doc_.tokens[m - 1].kind == Tok::word && doc_.tokens[m - 1].upper) {
      colon_seen = true;
      continue;
    }
    if (t.kind == Tok::comma) {
      if (comma_seen || !doc_.tokens[m + 1].upper || doc_.tokens[m - 1].kind != Tok::word || !doc_.tokens[m - 1].upper)
        return none;
      comma_seen = true;
      continue;
    }
    // A title word inside the description ("victim group") is no person's title.
    const bool described = !t.upper && descriptor_end == m + 1;
    // "of UH Manoa's Center for ...": a capitalised owner inside the name.
    const bool owner = t.possessive && t.upper && m != last && doc_.tokens[m + 1].kind == Tok::word && doc_.tokens[m + 1].upper;
    if (t.kind != Tok::word || (t.possessive && !owner) || (m != last && doc_.boundary(m)) ||
        has(t, (described ? 0u : kTitle) | kHonorific | kCue | kPartialCue | kMaleName | kFemaleName | kMalePronoun |
                   kFemalePronoun))
      return none;
    if (t.upper || t.acronym) continue;
    const std::string_view w = doc_.word_at(m);
    if (w == "the" || w == "and" || w == "for" || w == "&") continue;
    // "Rita Vance of local charity Safe Homes": up to three lower-case words
    // describing the organisation stand before its name.
    if (w != "of" && w != "at" && w != "from") {
      const Token& after = doc_.tokens[m + 1];
      if (++descriptors > 3 || !(after.upper || descriptor_end == m + 1) ||
          has(t, kNeutralPronoun | kParticle | kSkip))
        return none;
      descriptor_end = m;
      continue;
    }
    // The word after the preposition opens the organisation: a capital, a
    // describing word, or "the" and either.
    const uint32_t open = m + 2 <= last && doc_.word_at(m + 1) == "the" ? m + 2 : m + 1;
    if (!(doc_.tokens[open].upper || descriptor_end == open)) return none;
    if (Subject person = person_ending_at(m - 1, last, floor); person.speaker >= 0) return person;
  }
  return none;
}

// "mayor of Leeds", "head of the Red Cross": the role phrase when the name
// from `name_first` to `last` (with an optional "the") is the complement of a
// title; first == kNone otherwise.
Subject SubjectParser::role_of_name(uint32_t name_first, uint32_t last, uint32_t floor) {
  uint32_t owner = name_first;
  if (owner > floor + 1 && doc_.word_at(owner - 1) == "the") --owner;
  if (!owned_by_role(owner, floor)) return Subject{};
  return role_subject(owner - 2, last, floor);
}

// "The WHO's website said", "Acme Corporation's statement said": the owner
// named in capitals before the document noun at `p` speaks through it.
// speaker -1 when the word before it is no capitalised possessive.
Subject SubjectParser::body_of_place(uint32_t first, uint32_t last, uint32_t floor) {
  Subject s;
  // "the government of American Samoa": a nationality word opens the place.
  if (first > floor && doc_.tokens[first - 1].upper && has(doc_.tokens[first - 1], kDemonym)) --first;
  if (first < floor + 3 || doc_.word_at(first - 1) != "of") return s;
  const Token& noun = doc_.tokens[first - 2];
  const std::string_view det = doc_.word_at(first - 3);
  if (noun.kind != Tok::word || noun.upper || noun.possessive || !has(noun, kOrgNoun) || (det != "the" && det != "The"))
    return s;
  s.first = first - 3;
  s.last = last;
  s.speaker = people_.resolve_name(doc_.span_text(first - 2, last), true, std::nullopt);
  people_.named[static_cast<size_t>(s.speaker)].org = true;
  return s;
}

Subject SubjectParser::document_owner(uint32_t p, uint32_t floor) {
  Subject s;
  if (p <= floor) return s;
  uint32_t own = p - 1;
  // "Acme's official statement read": one lower-case modifier between the
  // owner and its document, or an acronym ("the RIAA's DMCA notice").
  if (own > floor && doc_.tokens[own].kind == Tok::word && (!doc_.tokens[own].upper || doc_.tokens[own].acronym) &&
      !doc_.tokens[own].possessive &&
      !has(doc_.tokens[own], kNotName | kCue | kPartialCue | kDocument | kOrgNoun) &&
      doc_.tokens[own - 1].kind == Tok::word && doc_.tokens[own - 1].possessive)
    --own;
  const Token& o = doc_.tokens[own];
  if (o.kind == Tok::word && o.possessive && !o.upper && own > floor &&
      (doc_.word_at(own - 1) == "the" || doc_.word_at(own - 1) == "The")) {
    // "Part of the judge's statement reads": the person given that role.
    std::string_view head = doc_.word_at(own);
    if (head.ends_with("'s")) head.remove_suffix(2);
    else if (head.ends_with("\u2019s")) head.remove_suffix(3);
    doc_.lower.assign(head);
    for (char& c : doc_.lower)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    // Only a role the article gave someone resolves ("the company's" does not),
    // or an organisation named with that word ("the court's summary" after
    // "the Court of Session").
    s.speaker = people_.resolve_role(doc_.lower);
    if (s.speaker < 0) s.speaker = people_.org_with_head(doc_.lower, true);
    if (s.speaker >= 0) {
      s.first = own - 1;
      s.last = p;
    }
    return s;
  }
  // "Mitchell Stoltz ... sent a letter to GitHub" then "The letter stressed":
  // the definite document is the one that sentence introduced.
  if (p > floor && doc_.tokens[p - 1].kind == Tok::word && (doc_.word_at(p - 1) == "the" || doc_.word_at(p - 1) == "The"))
    if (const int issuer = issuer_of_indefinite(p); issuer >= 0) {
      s.first = p - 1;
      s.last = p;
      s.speaker = issuer;
      return s;
    }
  // '"...," reads an AEW press release': an acronym between an article and
  // the document (one lower-case modifier may follow it) is the owner.
  if (uint32_t a = p - 1; a > floor + 1) {
    if (!doc_.tokens[a].upper && doc_.tokens[a].kind == Tok::word &&
        !has(doc_.tokens[a], kNotName | kCue | kPartialCue | kDocument | kOrgNoun))
      --a;
    const Token& acr = doc_.tokens[a];
    if (a > floor && acr.kind == Tok::word && acr.acronym && !acr.possessive && !has(acr, kNotName | kTitle) &&
        doc_.tokens[a - 1].kind == Tok::word && !doc_.tokens[a - 1].upper && has(doc_.tokens[a - 1], kAppositiveStart)) {
      s.first = a - 1;
      s.last = p;
      s.speaker = acronym_org(a);
      return s;
    }
  }
  if (o.kind != Tok::word || !o.possessive || !o.upper || has(o, kNotName | kTitle | kMalePronoun | kFemalePronoun))
    return s;
  uint32_t first = own;
  while (first > floor && own - first < 5 && !doc_.boundary(first - 1)) {
    const Token& w = doc_.tokens[first - 1];
    if (w.kind != Tok::word || !w.upper || w.possessive || has(w, kNotName | kTitle)) break;
    --first;
  }
  std::string_view name = doc_.span_text(first, own);
  if (name.ends_with("'s")) name.remove_suffix(2);
  else if (name.ends_with("\u2019s")) name.remove_suffix(3);
  // "WHO's": the possessive hides the acronym from the tokenizer's flag.
  const bool acronym = name.size() >= 2 && std::all_of(name.begin(), name.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  if (first == own && acronym)
    if (const std::string_view full = expand_acronym(own); !full.empty()) name = full;
  if (name.empty()) return s;
  s.first = first > floor && has(doc_.tokens[first - 1], kNotName) ? first - 1 : first;
  s.last = p;
  s.speaker = people_.resolve_name(name, acronym, std::nullopt);
  if (acronym) people_.named[static_cast<size_t>(s.speaker)].org = true;
  return s;
}

// The person whose sentence introduced, with "a"/"an", the document named
// by the lower-case noun at `p` (within 400 tokens before it): the first
// full name of a person in that sentence, before the document and after no
// preposition ("to GitHub" is the addressee). -1 when there is none.
int SubjectParser::issuer_of_indefinite(uint32_t p) const {
  const std::string_view noun = doc_.word_at(p);
  if (p < 2) return -1;
  for (uint32_t d = p - 1; d > 1 && p - d < 400; --d) {
    const Token& t = doc_.tokens[d];
    if (t.kind != Tok::word || t.upper || t.end - t.start != noun.size() || doc_.word_at(d) != noun) continue;
    // Back over "the letter" to the "a letter" that introduced it; an owner
    // ("his letter", "Acme's letter") or none ends the search.
    const std::string_view article = doc_.word_at(d - 1);
    if (article == "the" || article == "The") continue;
    if (article != "a" && article != "an") return -1;
    const uint32_t start = doc_.region_start(d - 1, 60);
    for (uint32_t m = start; m + 1 < d; ++m) {
      if (!name_token(doc_.tokens[m]) || doc_.tokens[m].possessive) continue;
      if (m > start && doc_.tokens[m - 1].kind == Tok::word) {
        const std::string_view w = doc_.word_at(m - 1);
        if (w == "to" || w == "for" || w == "with" || w == "by" || w == "from" || w == "of" || w == "in" || w == "at" ||
            w == "on" || w == "into" || name_token(doc_.tokens[m - 1]))
          continue;
      }
      uint32_t e = m;
      while (e + 1 < d && name_token(doc_.tokens[e + 1]) && !doc_.tokens[e].possessive) ++e;
      if (e == m) continue;
      const auto it = people_.by_name.find(doc_.span_text(m, e));
      if (it != people_.by_name.end() && !people_.named[static_cast<size_t>(it->second)].org &&
          !people_.named[static_cast<size_t>(it->second)].role_only)
        return it->second;
      m = e;
    }
    return -1;
  }
  return -1;
}

// "The Rowing Federation of Wales (RFW) released a statement", "The Welsh
// Rowing Union released ...": the name opening the sentence of the document at `d` (capitals, with "of"/"and"
// between them), as a speaker index; -1 when the sentence opens otherwise.
int SubjectParser::document_issuer(uint32_t d) {
  uint32_t st = d;
  while (st > 0 && d - st < 40 && !doc_.boundary(st - 1)) --st;
  if (has(doc_.tokens[st], kAppositiveStart)) ++st;
  // "The Georgian Tennis Federation": a nationality may open the name.
  const Token& open = doc_.tokens[st];
  if (st >= d || !(name_token(open) || (open.upper && has(open, kDemonym)))) return -1;
  uint32_t e = st;
  while (e + 1 < d) {
    const Token& n = doc_.tokens[e + 1];
    if (n.kind == Tok::word && n.upper && !n.possessive && (name_token(n) || org_head(n))) {
      ++e;
    } else if (n.kind == Tok::word && !n.upper && e + 2 < d && (doc_.word_at(e + 1) == "of" || doc_.word_at(e + 1) == "and") &&
               doc_.tokens[e + 2].upper) {
      e += 2;
    } else {
      break;
    }
  }
  return people_.resolve_name(doc_.span_text(st, e), org_head(doc_.tokens[e]), std::nullopt);
}

// "he was told by Health Minister Anna Berg of ...", "a pattern described by
// the harbour office as ...": a cue at `k` in the passive, with its agent
// after "by", names the speaker. first == kNone when there is none.
Subject SubjectParser::passive_agent(uint32_t k, uint32_t limit) {
  if (k + 2 >= limit || doc_.word_at(k + 1) != "by") return Subject{};
  const Token& next = doc_.tokens[k + 2];
  // "said by phone", "wrote by hand": the agent is a name, a title or "the".
  if (!(next.upper || doc_.word_at(k + 2) == "the")) return Subject{};
  Subject agent = subject_after(k + 2, limit);
  if (agent.speaker < 0 && !agent.role) return Subject{};
  return agent;
}

Subject SubjectParser::author_after(uint32_t f, uint32_t limit) {
  if (f >= limit) return Subject{};  // "according to" closing the text
  if (doc_.word_at(f) == "its" || doc_.word_at(f) == "their") return owner_after(f, limit);
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

// "According to its press release, the NBA was ...": the document of "its"
// at `f` is the organisation the clause after the comma opens with, else the
// one last named; first == kNone when no document follows.
Subject SubjectParser::owner_after(uint32_t f, uint32_t limit) {
  uint32_t d = f + 1;
  while (d < limit && d - f < 4 && doc_.tokens[d].kind == Tok::word && !has(doc_.tokens[d], kDocument)) ++d;
  if (d >= limit || !has(doc_.tokens[d], kDocument)) return Subject{};
  Subject s;
  s.first = f;
  s.last = d;
  uint32_t n = d + 1;
  if (n + 1 < limit && doc_.tokens[n].kind == Tok::comma) {
    ++n;
    if (doc_.word_at(n) == "the" || doc_.word_at(n) == "The") ++n;
    if (n < limit && doc_.tokens[n].kind == Tok::word && (doc_.tokens[n].acronym || name_token(doc_.tokens[n]))) {
      uint32_t e = n;
      while (e + 1 < limit && e - n < 5 && (name_token(doc_.tokens[e + 1]) || org_head(doc_.tokens[e + 1]))) ++e;
      const std::string_view full = e == n && doc_.tokens[n].acronym ? expand_acronym(n) : std::string_view{};
      s.speaker = people_.resolve_name(full.empty() ? doc_.span_text(n, e) : full, true, std::nullopt);
      people_.named[static_cast<size_t>(s.speaker)].org = true;
      return s;
    }
  }
  if (!people_.recent_orgs.empty()) s.speaker = people_.recent_orgs.back();
  return s.speaker >= 0 ? s : Subject{};
}

}  // namespace newsflow::processors::quotes

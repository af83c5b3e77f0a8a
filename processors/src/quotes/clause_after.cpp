// The cue's object ("told VOA via email") and reported speech without
// quotation marks: Attributor methods that read a cue's clause after it,
// kept apart from the linking in attribution.cpp.
#include "quotes/attribution.hpp"

namespace newsflow::processors::quotes {

// "told VOA via email", "told reporters": the object is part of the cue.
void Attributor::take_object(Event& ev, uint32_t limit) {
  uint32_t e = ev.cue + 1;
  while (e < limit && e - ev.cue <= 4 && doc_.tokens[e].kind == Tok::word) {
    doc_.lower_word(doc_.tokens[e]);
    if (doc_.lower == "that" || (doc_.tokens[e].classes & (kMalePronoun | kFemalePronoun))) break;
    ++e;
  }
  // Only a short object directly followed by punctuation or a quotation.
  if (e > ev.cue + 1 && (e == limit || doc_.tokens[e].kind != Tok::word)) {
    ev.link_end = e - 1;
    ev.cue_end = doc_.tokens[e - 1].end;
  } else if (e > ev.cue + 1 && e < limit) {
    doc_.lower_word(doc_.tokens[e]);
    if (doc_.lower == "that") {
      ev.link_end = e - 1;
      ev.cue_end = doc_.tokens[e - 1].end;
    }
  }
}

// Reported speech: a named subject, a cue and a clause with no quotation.
void Attributor::add_indirect(Article& article) {
  for (const Event& ev : events_) {
    if (ev.used || ev.speaker < 0 || ev.inverted || ev.partial_only) continue;
    if (people_.named[static_cast<size_t>(ev.speaker)].role_only) continue;
    doc_.lower_word(doc_.tokens[ev.cue]);
    if (doc_.lower == "asked" || doc_.lower == "asks") continue;
    uint32_t f = ev.link_end + 1;
    if (f >= doc_.tokens.size() || doc_.tokens[f].kind != Tok::word) continue;
    doc_.lower_word(doc_.tokens[f]);
    if (doc_.lower == "that") ++f;
    uint32_t e = f;
    bool has_quote = false;
    while (e < doc_.tokens.size() && !doc_.boundary(e)) ++e;
    if (e < doc_.tokens.size() && doc_.tokens[e].kind == Tok::quote) has_quote = true;
    if (has_quote || e <= f + 2) continue;
    // Skip clauses that are only a time or place ("said on Tuesday.").
    Quote q;
    q.start = doc_.tokens[f].start;
    q.end = doc_.tokens[e - 1].end;
    while (q.end > q.start && (doc_.text[q.end - 1] == ',' || doc_.text[q.end - 1] == ' ')) --q.end;
    q.text.assign(doc_.text, q.start, q.end - q.start);
    const Named& n = people_.named[static_cast<size_t>(ev.speaker)];
    q.speaker = n.name;
    q.speaker_role = ev.role ? ev.role : n.role;
    q.cue.assign(doc_.text, ev.cue_start, ev.cue_end - ev.cue_start);
    q.kind = Quote::Kind::indirect;
    q.confidence = 0.6;
    article.quotes.push_back(std::move(q));
  }
}

}  // namespace newsflow::processors::quotes

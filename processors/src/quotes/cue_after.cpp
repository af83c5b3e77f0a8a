// The cue after a quotation ('"...," Stoltenberg said', 'said Stoltenberg'):
// Attributor methods that find it and decide whether it may claim the
// quotation, kept apart from the linking in attribution.cpp.
#include "quotes/attribution.hpp"

namespace newsflow::processors::quotes {

// Event whose cue follows quotation token i and whose subject starts right
// after it ("..." Stoltenberg said / said Stoltenberg / he said).
int Attributor::event_after(uint32_t i) const {
  uint32_t j = i + 1;
  while (j < doc_.tokens.size() && j - i <= 2 && (doc_.tokens[j].kind == Tok::comma || doc_.tokens[j].kind == Tok::dash)) ++j;
  for (uint32_t k = j; k < doc_.tokens.size() && k - j < 40 && !doc_.boundary(k); ++k) {
    const int e = event_at_[k];
    if (e < 0) continue;
    const Event& ev = events_[static_cast<size_t>(e)];
    if (ev.partial_only) return -1;
    // "an official who asked not to be named said": the relative clause's
    // verb is no cue of the quotation; the main verb after it is.
    if (ev.cue > j && doc_.tokens[ev.cue - 1].kind == Tok::word &&
        doc_.relative_at(ev.cue - 1))
      continue;
    // '"…", a déclaré la cinéaste': an auxiliary may stand before an inverted cue.
    if (ev.inverted && (ev.cue == j || (ev.cue == j + 1 && has(doc_.tokens[j], kSkip)))) return e;
    // '"...," the caretakers said': a subject the parser cannot name, whose
    // fallback phrase stands between the quotation and the cue.
    if (!ev.has_subject && ev.fallback_role && k - j <= 6) return e;
    if (ev.has_subject && ev.subject_first >= j && ev.subject_first <= k) {
      // Only role words may precede the parsed subject ("Rio Grande do Sul
      // Governor ...", "the", "tenants' association chair Jane Doe").
      for (uint32_t m = j; m < ev.subject_first; ++m) {
        const Token& w = doc_.tokens[m];
        if (w.kind != Tok::word) return -1;
        if (w.upper || has(w, kParticle | kTitle)) continue;
        if (ev.subject_first - j <= 3 && !has(w, kCue | kPartialCue | kMalePronoun | kFemalePronoun | kNeutralPronoun))
          continue;
        return -1;
      }
      return e;
    }
    return -1;
  }
  return -1;
}

// The cue, with its subject, is followed by only a comma or a colon and an
// opening quotation mark: it introduces the quotation after it.
bool Attributor::opens_own_quote(const Event& ev) const {
  uint32_t k = ev.link_end + 1;
  while (k < doc_.tokens.size() && k - ev.link_end <= 2 &&
         (doc_.tokens[k].kind == Tok::comma || doc_.tokens[k].kind == Tok::colon))
    ++k;
  return k > ev.link_end + 1 && k < doc_.tokens.size() && doc_.tokens[k].kind == Tok::quote;
}

bool Attributor::after_allowed(uint32_t i, const QuoteSpan& span, const Event& ev) const {
  const std::string_view v = doc_.inner(span);
  if (v.empty()) return false;
  // 'Okafor called the plan a "betrayal," according to CNN': the outlet
  // reports the sentence; the person whose cue comes before speaks.
  if (ev.according) {
    bool embedded = false;
    if (const int b = event_before(i, embedded); b >= 0) {
      const int who = events_[static_cast<size_t>(b)].speaker;
      if (who >= 0 && !people_.named[static_cast<size_t>(who)].org && !people_.named[static_cast<size_t>(who)].role_only)
        return false;
    }
  }
  const uint32_t next = i + 1;
  if (next < doc_.tokens.size() && (doc_.tokens[next].kind == Tok::comma || doc_.tokens[next].kind == Tok::dash)) return true;
  if (v.ends_with("?") || v.ends_with("!")) {
    // '... said, "Why wait?" Senior bishop Mark Tolley said, "..."': a new
    // sentence whose cue introduces a quotation of its own is not this
    // one's, when this one has a cue before it (a split '"Why?" he asked,
    // "and who pays?"' has none, and keeps the cue after it).
    if (next < doc_.tokens.size() && doc_.tokens[next].kind == Tok::word && doc_.tokens[next].upper &&
        opens_own_quote(ev)) {
      bool embedded = false;
      if (event_before(i, embedded) >= 0) return false;
    }
    return true;
  }
  if (v.ends_with(",") || v.ends_with("\u2014") || v.ends_with("\u2026") || v.ends_with("-") || v.ends_with(":"))
    return true;
  if (!Document::ends_terminal(v)) {
    // No punctuation before the cue: 'was "bittersweet" said Ryan Cummings',
    // and a whole sentence followed by its speaker, '"... to the board"
    // tenants' association chair Jane Doe said' (not a title: '"Pulp
    // Fiction" director Quentin Tarantino has responded').
    if (ev.inverted && ev.cue == next) return true;
    size_t len = 0;
    const uint32_t first_cp = decode_at(v, 0, len);
    return is_upper(first_cp) && word_count(v) >= 5 && (i == 0 || doc_.boundary(i - 1));
  }
  if (!v.ends_with(".")) return false;
  // '"... the French people." Brazil's president tweeted: "..."': a cue
  // that a colon follows introduces the next quotation, not this one.
  if (ev.link_end + 1 < doc_.tokens.size() && doc_.tokens[ev.link_end + 1].kind == Tok::colon) return false;
  // "...end." She said. is rare; a new sentence that starts "Smith said" and
  // carries on is reported speech of its own.
  if (next < doc_.tokens.size() && doc_.tokens[next].kind == Tok::word && !doc_.tokens[next].upper) return true;
  uint32_t k = ev.link_end + 1;
  uint32_t extra = 0;
  while (k < doc_.tokens.size() && !doc_.boundary(k)) {
    ++extra;
    ++k;
  }
  // '... "an excellent neighbour." Spergel tweeted that he "was kind."':
  // the next sentence's cue has a quotation of its own.
  if (k < doc_.tokens.size() && doc_.tokens[k].kind == Tok::quote) return false;
  return extra <= 3;
}

}  // namespace newsflow::processors::quotes

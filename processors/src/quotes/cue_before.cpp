// The cue before a quotation in its sentence ('Stoltenberg said: "..."',
// 'called it "a disgrace"'): the Attributor method that finds it, kept apart
// from the linking in attribution.cpp as the cue after is in cue_after.cpp.
#include "quotes/attribution.hpp"

#include <algorithm>

namespace newsflow::processors::quotes {

// The last cue before quotation token i in its sentence, and whether only
// punctuation stands between them (direct) or words (embedded, partial).
int Attributor::event_before(uint32_t i, bool& embedded) const {
  // Embedded quotations do not end the clause that introduces a later one.
  uint32_t floor = i;
  while (floor > 0 && i - floor < 60 && !doc_.tokens[floor - 1].sentence_end && doc_.tokens[floor - 1].kind != Tok::para)
    --floor;
  bool shared_subject = false;
  int unparsed = -1;  // the nearest cue whose subject the parser could not read
  int unread = -1;    // the same, with or without a fallback speaker
  int credit = -1;    // an "as reported by X" credit, kept while a cue before it is looked for
  // Only punctuation between the cue and the quotation makes it direct.
  auto link = [&](int e) {
    const Event& ev = events_[static_cast<size_t>(e)];
    uint32_t words = 0;
    bool only_punct = true;
    for (uint32_t m = ev.link_end + 1; m < i; ++m) {
      if (credit >= 0 && credit != e && m + 1 >= events_[static_cast<size_t>(credit)].cue &&
          m <= events_[static_cast<size_t>(credit)].link_end)
        continue;  // the "as reported by X" credit is an aside
      if (doc_.tokens[m].kind == Tok::word) {
        ++words;
        only_punct = false;
      } else if (doc_.tokens[m].kind != Tok::comma && doc_.tokens[m].kind != Tok::colon && doc_.tokens[m].kind != Tok::dash) {
        only_punct = false;
      }
    }
    if (words > 20 && !shared_subject) return -1;
    embedded = !only_punct || ev.partial_only || shared_subject;
    return e;
  };
  for (uint32_t k = i; k > floor;) {
    --k;
    const int e = event_at_[k];
    if (e < 0) continue;
    const Event& ev = events_[static_cast<size_t>(e)];
    // "said the plan was 'unfunded' and warned against ...": the second cue
    // shares the first one's subject.
    if (!ev.has_subject) {
      if (unparsed < 0 && (ev.fallback_speaker >= 0 || ev.fallback_role)) unparsed = e;
      if (unread < 0) unread = e;
      shared_subject = true;
      continue;
    }
    // 'Smith said — as reported by the Courier — "..."': the passive
    // credit after "as" names the outlet; a cue before it names the speaker.
    if (ev.subject_first != kNone && ev.subject_first > ev.cue && ev.cue > floor &&
        doc_.tokens[ev.cue - 1].kind == Tok::word && doc_.word_at(ev.cue - 1) == "as" && credit < 0) {
      credit = e;
      continue;
    }
    // "the attacker, who police said held dual citizenship, had committed
    // ...": a cue inside a relative clause does not introduce the quote.
    // "which she said would allow "needed resources"": the clause's own
    // reported words, with no comma closing the clause before them, are its.
    // "commented — which the BBC noted as unusual — "..."": an aside between
    // dashes closes the same way, and an article may open its subject.
    if (!ev.inverted && ev.subject_first > floor) {
      uint32_t r = ev.subject_first - 1;
      if (r > floor && doc_.tokens[r].kind == Tok::word && doc_.word_at(r) == "the") --r;
      const Token& before = doc_.tokens[r];
      bool clause_closed = false;
      for (uint32_t m = ev.link_end + 1; m < i && !clause_closed; ++m)
        clause_closed = doc_.tokens[m].kind == Tok::comma || doc_.tokens[m].kind == Tok::dash;
      if (before.kind == Tok::word && !before.upper && clause_closed && doc_.relative_at(r)) continue;
    }
    return link(e);
  }
  if (credit >= 0) return link(credit);
  // No cue with a readable subject: the nearest one speaks through its
  // fallback (a quotation with a cue in its sentence has a speaker).
  // Short quotations after such a cue stay what the writer marks (scare).
  // After a colon ("The mum-of-two said: 'I grabbed the kids.'") a quotation
  // is speech however short.
  const bool after_colon = i > 0 && doc_.tokens[i - 1].kind == Tok::colon;
  // 'said, "The cranes never stopped."': a quoted sentence right after its
  // cue is speech however short. (Lower-case fragments stay scare: taking
  // them too found 5 scare quotes more on the dev sets, no quote more.)
  const std::string_view inner = doc_.inner(doc_.spans[doc_.tokens[i].quote]);
  bool right_after = unparsed >= 0 && !inner.empty() && inner[0] >= 'A' && inner[0] <= 'Z' &&
                     Document::ends_terminal(inner) && word_count(inner) >= 3;
  for (uint32_t m = right_after ? events_[static_cast<size_t>(unparsed)].link_end + 1 : i; m < i && right_after; ++m)
    right_after = doc_.tokens[m].kind == Tok::comma || doc_.tokens[m].kind == Tok::colon;
  if (unparsed >= 0 && (after_colon || right_after || split_second_half(i, events_[static_cast<size_t>(unparsed)]) ||
                        word_count(doc_.inner(doc_.spans[doc_.tokens[i].quote])) > 6)) {
    shared_subject = false;
    return link(unparsed);
  }
  // The second half of a split quotation goes with the first even when the
  // cue names nobody (the last resort then names both alike).
  if (unparsed < 0 && unread >= 0 && split_second_half(i, events_[static_cast<size_t>(unread)])) {
    shared_subject = false;
    return link(unread);
  }
  // "Smith said:" closing the previous paragraph introduces this one.
  if (floor == i && i >= 2 && doc_.tokens[i - 1].kind == Tok::para && doc_.tokens[i - 2].kind == Tok::colon) {
    const uint32_t colon = i - 2;
    for (uint32_t k = colon; k > 0 && colon - k < 8;) {
      --k;
      const int e = event_at_[k];
      if (e >= 0 && events_[static_cast<size_t>(e)].has_subject &&
          events_[static_cast<size_t>(e)].link_end + 1 == colon) {
        embedded = false;
        return e;
      }
      if (doc_.boundary(k)) break;
    }
  }
  return -1;
}

}  // namespace newsflow::processors::quotes

#pragma once
// Attribution: finds every speech cue ("said", "told", "according to") with
// its parsed subject, in text order, then links each quotation to the cue
// after it, the cue before it in its sentence, or the quotation just before
// it (floating quotes), and classifies it direct / partial / scare.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "newsflow/core/article.hpp"
#include "quotes/document.hpp"
#include "quotes/people.hpp"
#include "quotes/subjects.hpp"

namespace newsflow::processors::quotes {

// One speech cue and its parsed subject.
struct Event {
  uint32_t cue = 0;          // token index of the cue word
  uint32_t link_end = 0;     // last token belonging to cue (+object, +inverted subject)
  uint32_t subject_first = kNone;  // first token of the subject phrase
  bool inverted = false;     // "said Jens Stoltenberg"
  bool partial_only = false; // "called it 'a disgrace'"
  bool according = false;    // "according to X": a source credit
  bool has_subject = false;  // a subject phrase was found (it may name nobody)
  int speaker = -1;          // index into People::named, -1 when nobody can be named
  std::optional<std::string> role;
  // When the subject names nobody: SubjectParser::fallback_subject's answer,
  // given only to quotations linked to this cue.
  int fallback_speaker = -1;
  std::optional<std::string> fallback_role;
  uint32_t cue_start = 0, cue_end = 0;  // byte range of the cue phrase
  double confidence = 0.0;
  bool used = false;  // linked to a quotation
};

class Attributor {
 public:
  Attributor(const Document& doc, People& people, SubjectParser& subjects)
      : doc_(doc), people_(people), subjects_(subjects) {}

  void find_events();
  // Appends the quotations, in text order.
  void link_quotes(Article& article);
  // Reported speech: a named subject, a cue and a clause with no quotation.
  void add_indirect(Article& article);

 private:
  void take_object(Event& ev, uint32_t limit);
  void note_role_referent(const Subject& s);
  Quote make_quote(const QuoteSpan& s) const;
  // Words of v (runs between spaces and newlines), counting no further than
  // kWordCountCap: every caller compares the count with 7 or less, and a
  // long quotation need not be read to its end.
  static constexpr size_t kWordCountCap = 8;
  static size_t word_count(std::string_view v);
  bool split_second_half(uint32_t i, const Event& ev) const;
  void attribute(Quote& q, const Event& ev, double confidence);
  void name_speaker(Quote& q, int who) const;
  int event_after(uint32_t i) const;
  bool opens_own_quote(const Event& ev) const;
  bool after_allowed(uint32_t i, const QuoteSpan& span, const Event& ev) const;
  int event_before(uint32_t i, bool& embedded) const;
  // "During the premiere, "I felt ..."": a quotation after a short fronted
  // phrase of time or place with no name and no cue, as at a sentence start.
  bool after_time_phrase(uint32_t i) const;
  bool follows_closely(uint32_t j, uint32_t i, bool j_attributed_after, int j_speaker) const;
  int colon_subject(uint32_t colon);
  int colon_speaker(uint32_t colon) const;  // colon_subject as read by find_events
  int clause_subject(uint32_t s, uint32_t colon);
  int continuing_speaker(uint32_t prev_quote, uint32_t i, int prev_speaker, const Event& ev) const;
  int event_closing_sentence(uint32_t i) const;
  int event_in_previous_sentence(uint32_t i, bool& reported) const;
  int last_resort(Quote& q, uint32_t i);
  int paragraph_subject(uint32_t end) const;
  int named_in_next_sentence(uint32_t i) const;
  int event_of_unclosed_before_caption(uint32_t i) const;
  void note_one_of_subject(uint32_t k);

  const Document& doc_;
  People& people_;
  SubjectParser& subjects_;
  std::vector<Event> events_;
  std::vector<int> event_at_;  // token index -> event index, -1 if none
  std::vector<std::pair<uint32_t, int>> colon_speakers_;  // (colon before a quotation, its subject's speaker)
  // A sentence-opening he/she resolved where it stands, when its sentence
  // ends in a colon before a quotation ("He forwarded the email he sent to
  // Ian Webb: ..." is not Ian Webb): (token, speaker).
  std::pair<uint32_t, int> colon_pronoun_{kNone, -1};
};

}  // namespace newsflow::processors::quotes

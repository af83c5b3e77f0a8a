// Speech cues and the linking of quotations to them.
#include "quotes/attribution.hpp"

#include <algorithm>

namespace newsflow::processors::quotes {

// ----------------------------------------------------------- events
void Attributor::find_events() {
  events_.clear();
  colon_speakers_.clear();
  colon_pronoun_ = {kNone, -1};
  event_at_.assign(doc_.tokens.size(), -1);
  people_.sentence_person = people_.sentence_credit = -1;
  for (uint32_t k = 0; k < doc_.tokens.size(); ++k) {
    const Token& t = doc_.tokens[k];
    const bool opens_sentence = k == 0 || doc_.boundary(k - 1);
    if (opens_sentence) people_.sentence_person = people_.sentence_credit = -1;
    // A colon's subject is read here, in text order, so that its he/she
    // means the person named before it, not the last one of the article.
    if ((t.kind == Tok::colon || t.kind == Tok::dash || t.kind == Tok::comma) && k + 1 < doc_.tokens.size() &&
        doc_.tokens[k + 1].kind == Tok::quote) {
      if (t.kind != Tok::comma) {
        colon_speakers_.emplace_back(k, colon_subject(k));
      } else if (k > 0 && doc_.tokens[k - 1].kind == Tok::word &&
                 !has(doc_.tokens[k - 1], kCue | kPartialCue | kDocumentCue)) {
        // A comma only when no cue stands before it ('said, "..."' links
        // through its cue) and the quotation may be a sentence of five words.
        const QuoteSpan& next = doc_.spans[doc_.tokens[k + 1].quote];
        if (next.end - next.start >= 20) colon_speakers_.emplace_back(k, colon_subject(k));
      }
    }
    // "Ames defended the plan in a letter:" closing its paragraph before a
    // paragraph that opens with a quotation (a block quotation).
    if (t.kind == Tok::colon && k + 2 < doc_.tokens.size() && doc_.tokens[k + 1].kind == Tok::para &&
        doc_.tokens[k + 2].kind == Tok::quote) [[unlikely]]
      colon_speakers_.emplace_back(k, colon_subject(k));
    if (t.kind != Tok::word) continue;
    // A lower-case word of no listed class, or only a function word (most of
    // an article's words), is no name, cue, gendered pronoun or organisation
    // noun: every test below would fail for it, so it is stepped over
    // without them. A function word after a comma may be German "so".
    if (!t.upper && !t.acronym && !t.initials && (t.classes & ~kNotName) == 0 &&
        (t.classes == 0 || k == 0 || doc_.tokens[k - 1].kind != Tok::comma) && !subjects_.article_name(t))
      continue;
    if (t.classes & kGendered) people_.learn_gender(t, doc_);
    if (opens_sentence && (t.classes & (kMalePronoun | kFemalePronoun))) [[unlikely]] {
      uint32_t end = k + 1;
      while (end + 1 < doc_.tokens.size() && end - k < 40 && !doc_.tokens[end].sentence_end &&
             doc_.tokens[end].kind != Tok::para && doc_.tokens[end].kind != Tok::colon)
        ++end;
      const bool before_quote = end + 2 < doc_.tokens.size() && doc_.tokens[end].kind == Tok::colon &&
                                (doc_.tokens[end + 1].kind == Tok::quote ||
                                 (doc_.tokens[end + 1].kind == Tok::para && doc_.tokens[end + 2].kind == Tok::quote));
      if (before_quote) colon_pronoun_ = {k, people_.resolve_pronoun(t)};
    }
    // "NASA marked the day. It also said": an acronym opening a sentence
    // before its verb is the organisation the next "it" means.
    if (opens_sentence && t.acronym && k + 1 < doc_.tokens.size() && subjects_.verb_like(k + 1))
      people_.note_recent(subjects_.acronym_org(k));
    const bool name = subjects_.name_token(t);
    const bool after_name = name && k > 0 && subjects_.name_token(doc_.tokens[k - 1]);
    if (name && !after_name) subjects_.note_mention(k);
    // A surname starting a sentence ("Costa laughs.") or a clause's subject
    // later in one ("When Pagano left, Arians directed the team") is the
    // person the next "he" or "she" most likely means.
    // ("Trump said he banned travel from China, which Biden opposed. He
    // claimed ...": the subject of a relative clause is not the next "he".)
    const auto relative_subject = [&] {
      return k > 0 && doc_.tokens[k - 1].kind == Tok::word && (doc_.word_at(k - 1) == "which" || doc_.word_at(k - 1) == "whom");
    };
    if (name && !after_name && k + 1 < doc_.tokens.size() && !subjects_.name_token(doc_.tokens[k + 1]) &&
        (opens_sentence || subjects_.verb_like(k + 1)) && !relative_subject()) {
      doc_.lower_word(t);
      if (auto it = people_.by_last.find(doc_.lower); it != people_.by_last.end()) {
        people_.note_recent(it->second);  // "Costa laughs."
      } else if (auto org = people_.by_name.find(doc_.lower);
                 org != people_.by_name.end() && people_.named[static_cast<size_t>(org->second)].org) {
        people_.note_recent(org->second);  // "Amazon announced ... It said"
      } else if (auto given = people_.by_given.find(doc_.lower); given != people_.by_given.end()) {
        people_.note_recent(given->second);  // "Kartik and his family fled."
      }
    }
    if ((t.classes & kOrgNoun) && !t.upper) subjects_.note_org_phrase(k);
    if (t.upper && opens_sentence) note_one_of_subject(k);
    bool according = false;
    if (t.classes & kAccording) {
      doc_.lower_word(t);
      // "according to"; other languages' one-word forms ("selon") take no "to".
      according = doc_.lower != "according" ||
                  (k + 1 < doc_.tokens.size() && doc_.tokens[k + 1].kind == Tok::word &&
                   doc_.text.compare(doc_.tokens[k + 1].start, 2, "to") == 0 && doc_.tokens[k + 1].end - doc_.tokens[k + 1].start == 2);
    }
    // German '„…“, so Roth': credited as "selon" credits.
    if (!according && (t.classes & kNotName) && !t.upper && k >= 2 && doc_.tokens[k - 1].kind == Tok::comma &&
        subjects_.so_credit(k)) {
      doc_.lower_word(t);
      according = true;
    }
    // "The report read: ..." / '"...," read a sign': a cue only for a document.
    // (Tested once: most words are no document cue.)
    bool document_cue = false;
    int pronoun_document = -1;
    if ((t.classes & kDocumentCue) && k > 0) {
      // "The club's statement yesterday read": a skip word may stand between.
      uint32_t d = k - 1;
      while (d > 0 && k - d < 3 && has(doc_.tokens[d], kSkip) && doc_.tokens[d].kind == Tok::word) --d;
      document_cue = has(doc_.tokens[d], kDocument) || subjects_.relative_of_document(k);
      // "X released a statement on the arrest. It read, ...": "it" for a
      // document of the sentence before (within 30 tokens); its issuer speaks.
      for (uint32_t m = d; !document_cue && has(doc_.tokens[d], kNeutralPronoun) && m > 0 && d - m < 30;) {
        --m;
        document_cue = has(doc_.tokens[m], kDocument) && !doc_.tokens[m].upper;
        if (document_cue) pronoun_document = static_cast<int>(m);
      }
      // ('"...", reads an AEW press release': up to four words on.)
      for (uint32_t m = k + 1; !document_cue && m < doc_.tokens.size() && m <= k + 4; ++m)
        document_cue = has(doc_.tokens[m], kDocument) &&
                       (doc_.tokens[k - 1].kind == Tok::quote || (k > 1 && doc_.tokens[k - 2].kind == Tok::quote));
      // "The decree signed by the Pope read ...": the document, its participle
      // and agent before the cue; the agent, the subject parsed before it, speaks.
      for (uint32_t b = k; !document_cue && b > 2 && k - b < 8 && !doc_.boundary(b - 1);) {
        --b;
        if (doc_.word_at(b) != "by") continue;
        document_cue = doc_.tokens[b - 1].kind == Tok::word && doc_.word_at(b - 1).ends_with("ed") &&
                       has(doc_.tokens[b - 2], kDocument);
        break;
      }
    }
    if (!(t.classes & (kCue | kPartialCue)) && !according && !document_cue) continue;
    if (t.upper && !according && !opens_sentence) continue;  // "Said" as a name part is rare; skip capitals mid-sentence
    // "a course at Mercers' Hall called "Fresh Start"": a naming participle
    // after a place that is a preposition's object names the thing before
    // it; the place calls nothing ("Leeds called the plan "..."" still does).
    if (!according && !document_cue && (t.classes & kPartialCue) && k > 1 && k + 1 < doc_.tokens.size() &&
        doc_.tokens[k + 1].kind == Tok::quote && doc_.tokens[k - 1].kind == Tok::word && doc_.tokens[k - 1].upper &&
        doc_.word_at(k).ends_with("ed")) {
      uint32_t b = k - 1;
      while (b > 1 && k - b < 5 && doc_.tokens[b - 1].kind == Tok::word && doc_.tokens[b - 1].upper) --b;
      const Token& p = doc_.tokens[b - 1];
      if (p.kind == Tok::word && !p.upper) {
        const std::string_view w = doc_.word_at(b - 1);
        if (w == "at" || w == "in" || w == "on" || w == "near" || w == "outside" || w == "inside") continue;
      }
    }
    // "Hole's proposed deal", "the stated aim": a participle after a
    // possessive or an article is an adjective, no cue.
    if (!according && !document_cue && k > 0 && doc_.tokens[k - 1].kind == Tok::word && doc_.word_at(k).ends_with("ed")) {
      const Token& b = doc_.tokens[k - 1];
      doc_.lower_word(b);
      // "She's said" is "she has said": contractions of pronouns are no owners.
      const bool contraction = doc_.lower.starts_with("she") || doc_.lower.starts_with("he") ||
                               doc_.lower.starts_with("it") || doc_.lower.starts_with("that") ||
                               doc_.lower.starts_with("there") || doc_.lower.starts_with("who") ||
                               doc_.lower.starts_with("what");
      const bool owner = b.possessive && b.upper && !contraction && doc_.lower.size() > 4;
      if (owner || doc_.lower == "the" || doc_.lower == "a" || doc_.lower == "an" || doc_.lower == "its" ||
          doc_.lower == "their")
        continue;
    }
    Event ev;
    ev.cue = k;
    ev.link_end = k;
    ev.partial_only = (t.classes & kPartialCue) && !(t.classes & kCue);
    ev.according = according;
    ev.cue_start = t.start;
    ev.cue_end = t.end;
    const uint32_t floor = subjects_.past_fronted_phrase(doc_.region_start(k, 60), k);
    uint32_t limit = k + 1;
    while (limit < doc_.tokens.size() && limit - k < 40 && !doc_.boundary(limit)) ++limit;
    Subject s;
    if (according) {
      const uint32_t to = doc_.lower == "according" ? k + 1 : k;
      ev.link_end = to;
      ev.cue_end = doc_.tokens[to].end;
      uint32_t f = to + 1;
      // "according to a statement from the ministry": skip to the source.
      uint32_t g = f;
      while (g < limit && g - f < 6 && doc_.tokens[g].kind == Tok::word && !doc_.tokens[g].upper &&
             !(doc_.tokens[g].classes & kOrgNoun) && !subjects_.role_noun(doc_.tokens[g]))
        ++g;
      // "according to police and county officials, Baker was ...": a joined
      // group is the source, not in apposition with the name after its comma.
      s = subjects_.group_phrase_after(f, limit);
      if (s.first == kNone) s = subjects_.author_after(f, limit);
      if (s.first == kNone) s = subjects_.subject_after(g < limit ? g : f, limit);
      if (s.first == kNone) s = subjects_.phrase_after(f, limit);

      ev.inverted = true;
      if (s.last != kNone) ev.link_end = s.last;
    } else {
      // Inverted when nothing but punctuation stands between a quotation and the cue.
      // '"…", a déclaré la cinéaste': an auxiliary before the cue keeps it inverted.
      uint32_t b = k;
      while (b > floor && k - b < 2 && has(doc_.tokens[b - 1], kSkip) && !doc_.tokens[b - 1].upper) --b;
      while (b > floor && (doc_.tokens[b - 1].kind == Tok::comma || doc_.tokens[b - 1].kind == Tok::dash)) --b;
      const bool after_quote = b == floor && floor > 0 && doc_.tokens[floor - 1].kind == Tok::quote;
      // '"…", adding Quebec would back the town': a participle after the
      // quotation's comma is never inverted; the name opens its clause.
      if (after_quote && k + 1 < limit && !(b < k && doc_.word_at(k).ends_with("ing"))) {
        s = subjects_.subject_after(k + 1, limit);
        ev.inverted = s.first != kNone;
        if (ev.inverted) ev.link_end = s.last;
        // '"...," reads Judge Marsh's statement': the document's owner speaks.
        // The phrase may stop at the possessive ("Brandt's" read as a name).
        uint32_t d = ev.inverted ? s.last : kNone;
        if (d != kNone && !has(doc_.tokens[d], kDocument) && doc_.tokens[d].possessive && d + 1 < limit) ++d;
        if (d != kNone && d > k + 1 && has(doc_.tokens[d], kDocument))
          if (Subject owner = subjects_.document_owner(d, k + 1); owner.speaker >= 0) {
            s.speaker = owner.speaker;
            s.last = d;
            s.role.reset();
            ev.link_end = d;
          }
      }
      if (!ev.inverted && (t.classes & kCue) && doc_.word_at(k).ends_with("ing")) s = subjects_.quoted_as(k, floor);
      if (!ev.inverted && s.first == kNone && (s = subjects_.passive_agent(k, limit)).first != kNone)
        ev.link_end = s.last;
      if (!ev.inverted && s.first == kNone) s = subjects_.causative_object(k, floor);
      if (!ev.inverted && s.first == kNone && k > floor) s = subjects_.subject_before(k - 1, floor);
      // "Trump made a statement about the Proud Boys, when asked to condemn
      // them, stating ...": a participle after a comma shares its clause's
      // subject; a name met inside the clause is no subject of its own.
      if (!ev.inverted && s.speaker >= 0 && (t.classes & kCue) && k > floor + 1 && doc_.tokens[k - 1].kind == Tok::comma &&
          doc_.word_at(k).ends_with("ing") && people_.sentence_person >= 0 && s.speaker != people_.sentence_person &&
          s.first != kNone && s.first > floor && !doc_.boundary(s.first - 1) && doc_.tokens[s.first - 1].kind == Tok::word) {
        s = Subject{};
        s.first = s.last = k;
        s.speaker = people_.sentence_person;
      }
      // "..., Falk said, adding she had trained": a participle right after a
      // cue and its comma shares that cue's subject, not the sentence's
      // first capital.
      if (s.first == kNone && !ev.inverted && k > floor + 1 && doc_.tokens[k - 1].kind == Tok::comma &&
          doc_.word_at(k).ends_with("ing") && !events_.empty() && events_.back().link_end + 2 == k &&
          events_.back().has_subject && (events_.back().speaker >= 0 || events_.back().role)) {
        s.first = s.last = k;
        s.speaker = events_.back().speaker;
        s.role = events_.back().role;
      }
      if (s.first == kNone && !ev.inverted && k > floor + 1) s = subjects_.coordinated_subject(k, floor);
      // "..., urging Pyongyang to": after a participle comes the addressee.
      const bool participle = doc_.word_at(k).ends_with("ing");
      if (s.first == kNone && !ev.inverted && k > 0 && doc_.tokens[k - 1].kind == Tok::comma && k + 1 < limit &&
          !(t.classes & kObjectCue) && !participle) {
        // "... he is unlikely to end testing, said Scott LaFoy, an analyst":
        // an inverted cue after a clause of reported speech ("..., telling
        // James Lipton" names the listener, not the speaker).
        s = subjects_.subject_after(k + 1, limit);
        ev.inverted = s.first != kNone && s.speaker >= 0;
        if (ev.inverted) ev.link_end = s.last;
        else s = Subject{};
      }
      if (t.classes & kObjectCue) take_object(ev, limit);
      // "Obama issued a statement saying, ...": the document's author speaks.
      // So in "Trump issued a statement at his golf club outside Washington,
      // D.C. saying": a name between the document and its participle is a
      // place or an object, not the subject.
      uint32_t earlier_document = kNone;
      if (participle && s.first != kNone && k > floor + 1 && doc_.tokens[k - 1].kind == Tok::word &&
          !has(doc_.tokens[k - 1], kDocument))
        for (uint32_t m = k - 1; m > floor && k - m < 12 && !doc_.boundary(m - 1);) {
          --m;
          if (doc_.tokens[m].kind == Tok::word && !doc_.tokens[m].upper && has(doc_.tokens[m], kDocument)) {
            earlier_document = m;
            break;
          }
        }
      const bool document_before =
          (((participle && k > 0 && has(doc_.tokens[k - 1], kDocument)) || subjects_.relative_of_document(k)) &&
           s.speaker < 0) ||
          (earlier_document != kNone && s.first != kNone && s.first >= earlier_document);
      if (document_before && !ev.inverted) {
        Subject author = subjects_.coordinated_subject(k, floor);
        if (author.speaker >= 0 || author.role) s = author;
        else if (people_.sentence_person >= 0) s = Subject{};
      }
      if (s.first == kNone && !ev.inverted && k > 0 && (doc_.tokens[k - 1].kind == Tok::comma || document_before) &&
          people_.sentence_person >= 0 && participle) {
        // "Trump struck a softer note, urging Pyongyang to ...": a participle
        // after the main clause has that clause's subject.
        s.first = s.last = k;
        s.speaker = people_.sentence_person;
      }
    }
    if (document_cue && s.first == kNone && !has(doc_.tokens[k - 1], kDocument) && !subjects_.relative_of_document(k)) {
      // '"...," read a sign on the door': the document is the inverted subject.
      uint32_t m = k + 1;
      while (!has(doc_.tokens[m], kDocument)) ++m;  // found above, within k + 4
      uint32_t from = k + 1;
      while (from < m && has(doc_.tokens[from], kAppositiveStart)) ++from;
      // '"...," reads Judge Marsh's statement': the owner speaks.
      s = subjects_.document_owner(m, k + 1);
      if (s.speaker < 0) s.role = std::string(doc_.span_text(from, m));
      s.first = k + 1;
      s.last = m;
      ev.inverted = true;
      ev.link_end = m;
    }
    if (pronoun_document >= 0)
      if (const int issuer = subjects_.document_issuer(static_cast<uint32_t>(pronoun_document)); issuer >= 0) {
        s.speaker = issuer;
        s.role.reset();
      }
    if (!according && s.speaker < 0 && !s.role) {
      const Subject f = subjects_.fallback_subject(k, floor, s);
      ev.fallback_speaker = f.speaker;
      ev.fallback_role = f.role;
      // "The agency has, in a statement, called on drivers to "..." It also
      // urged": an organisation that a quotation after the cue is given to
      // is the next "it" (a cue without one, "A Boeing 707, reported by
      // local press as ...", introduces nobody).
      bool quoted = false;
      for (uint32_t m = k + 1; m <= limit && m < doc_.tokens.size() && !quoted; ++m) quoted = doc_.tokens[m].kind == Tok::quote;
      if (quoted && f.speaker >= 0 && people_.named[static_cast<size_t>(f.speaker)].org) people_.note_recent_org(f.speaker);
    }
    ev.has_subject = s.first != kNone;
    ev.subject_first = s.first;
    ev.speaker = s.speaker;
    ev.role = s.role;
    if (ev.speaker >= 0 && !ev.role) ev.role = people_.named[static_cast<size_t>(ev.speaker)].role;
    const bool by_pronoun =
        s.first != kNone && has(doc_.tokens[s.first], kMalePronoun | kFemalePronoun | kNeutralPronoun);
    ev.confidence = s.speaker < 0 ? 0.5 : (by_pronoun ? 0.75 : 0.9);
    people_.note_recent(ev.speaker);
    // "According to Prime Minister Jacinda Ardern, Tarrant had a licence for
    // the guns he used": the source is not the clause's subject, so its
    // pronouns tell nothing of the source's gender.
    if (according && ev.speaker >= 0) people_.sentence_credit = ev.speaker;
    if (!according && ev.speaker < 0 && ev.role && s.first != kNone) note_role_referent(s);
    event_at_[k] = static_cast<int>(events_.size());
    events_.push_back(std::move(ev));
  }
}

// ----------------------------------------------------------- linking
Quote Attributor::make_quote(const QuoteSpan& s) const {
  Quote q;
  uint32_t a = s.start, b = s.end;
  while (a < b && (doc_.text[a] == ' ' || doc_.text[a] == '\n')) ++a;
  while (b > a && (doc_.text[b - 1] == ' ' || doc_.text[b - 1] == '\n')) --b;
  q.start = a;
  q.end = b;
  q.text.assign(doc_.text, a, b - a);
  return q;
}

// '"We asked," the caretakers said, "and nobody came."': the quotation
// right after the cue and its comma continues the one before the subject.
bool Attributor::split_second_half(uint32_t i, const Event& ev) const {
  if (i < 2 || doc_.tokens[i - 1].kind != Tok::comma || ev.link_end + 2 != i) return false;
  for (uint32_t k = ev.cue; k > 0 && ev.cue - k < 10;) {
    --k;
    if (doc_.tokens[k].kind == Tok::quote) return !doc_.tokens[k].sentence_end;
    if (doc_.boundary(k)) return false;
  }
  return false;
}

size_t Attributor::word_count(std::string_view v) {
  size_t words = 0;
  bool in = false;
  for (char c : v) {
    const bool sp = c == ' ' || c == '\n';
    if (!sp && !in && ++words == kWordCountCap) break;
    in = !sp;
  }
  return words;
}

// Speaker, kind and role of q from the person, organisation or role-only
// entry `who`.
void Attributor::name_speaker(Quote& q, int who) const {
  const Named& n = people_.named[static_cast<size_t>(who)];
  q.speaker = n.name;
  q.speaker_kind = n.role_only ? Quote::SpeakerKind::role
                   : n.org     ? Quote::SpeakerKind::organization
                               : Quote::SpeakerKind::person;
  q.speaker_role = n.role;
}

void Attributor::attribute(Quote& q, const Event& ev, double confidence) {
  const bool fallback = ev.speaker < 0 && !ev.role;
  const int speaker = fallback ? ev.fallback_speaker : ev.speaker;
  const std::optional<std::string>& role = fallback ? ev.fallback_role : ev.role;
  if (speaker >= 0) {
    name_speaker(q, speaker);
    if (role) q.speaker_role = role;
  } else {
    q.speaker_role = role;
    // "a spokesperson for the camp said": nobody is named, but the cue has a
    // subject, and the role phrase is what a reader would give as the speaker.
    if (role) {
      q.speaker = role;
      q.speaker_kind = Quote::SpeakerKind::role;
    }
  }
  q.cue.assign(doc_.text, ev.cue_start, ev.cue_end - ev.cue_start);
  q.confidence = fallback ? 0.4 : ev.speaker >= 0 ? confidence : 0.5;
}

namespace {
// Nouns for things said, which a quoted word before them names ('his
// "losers" comment', 'the "mini-strokes" tweet').
bool speech_noun(std::string_view w) {
  if (w.size() < 4 || w.size() > 8) return false;
  for (std::string_view n : {"comment", "comments", "remark", "remarks", "tweet", "tweets", "quip", "quips", "slur",
                             "slurs", "jibe", "jibes", "taunt", "taunts", "chant", "chants", "gaffe", "insult",
                             "insults", "rhetoric", "label", "slogan", "slogans"})
    if (w == n) return true;
  return false;
}
}  // namespace

void Attributor::link_quotes(Article& article) {
  uint32_t prev_quote = kNone;
  std::optional<Quote> prev_result;
  bool prev_after = false;
  int prev_speaker = -1;  // People::named index of the previous quotation's speaker
  for (uint32_t i = 0; i < doc_.tokens.size(); ++i) {
    if (doc_.tokens[i].kind != Tok::quote) continue;
    const QuoteSpan& span = doc_.spans[doc_.tokens[i].quote];
    Quote q = make_quote(span);
    if (q.text.empty()) continue;
    const std::string_view v = q.text;
    size_t len = 0;
    uint32_t first_cp = decode_at(v, 0, len);
    // "[S]evengill sharks ...", "[We] let them ...": an editor's bracketed
    // capital or words open a sentence.
    if (first_cp == '[' && v.size() > 2 && v.substr(0, 24).find(']') != std::string_view::npos)
      first_cp = decode_at(v, 1, len);
    // "[...] Still, the river ...": an editor's elision before the words
    // leaves the sentence's own capital after it.
    for (const std::string_view elision : {"[...] ", "[\u2026] "})
      if (v.starts_with(elision) && v.size() > elision.size()) first_cp = decode_at(v, elision.size(), len);
    // '...released a statement: "[w]e cannot accept ..."': one bracketed
    // letter is the editor's change of case at the quotation's first word,
    // which opens a sentence either way.
    const bool bracketed_letter = v.size() > 3 && v[0] == '[' && v[2] == ']' &&
                                  ((v[1] >= 'a' && v[1] <= 'z') || (v[1] >= 'A' && v[1] <= 'Z'));
    const bool starts_upper = is_upper(first_cp) || (first_cp >= '0' && first_cp <= '9') || bracketed_letter;
    const bool starts_sentence = i == 0 || doc_.boundary(i - 1);
    const size_t words = word_count(v);
    const bool sentence_like = starts_upper && (words >= 3 || (words == 2 && Document::ends_terminal(v))) &&
                               (Document::ends_terminal(v) || v.ends_with(",") || v.ends_with("\u2014") ||
                                (i + 1 < doc_.tokens.size() && doc_.tokens[i + 1].kind == Tok::comma) ||
                                // '"... owns the rights".': the full stop after the mark.
                                (i + 1 < doc_.tokens.size() && doc_.tokens[i + 1].kind == Tok::terminal &&
                                 doc_.tokens[i + 1].sentence_end));
    // 'the term "natural born citizen"', 'the slogan "Build Back Better"':
    // words the writer names after a noun for words are mentioned, not spoken.
    if (i > 1 && !starts_sentence && words <= 6 && doc_.tokens[i - 1].kind == Tok::word && !doc_.tokens[i - 1].upper &&
        doc_.tokens[i - 2].kind == Tok::word) {
      const std::string_view n = doc_.word_at(i - 1);
      const std::string_view d = doc_.word_at(i - 2);
      if ((n == "term" || n == "terms" || n == "phrase" || n == "word" || n == "slogan" || n == "expression" ||
           n == "hashtag" || n == "motto" || n == "nickname" || n == "moniker" || n == "catchphrase" ||
           n == "description" || n == "label") &&
          (d == "the" || d == "a" || d == "an" || d == "its" || d == "their" || d == "his" || d == "her" ||
           d == "this" || d == "that" || doc_.tokens[i - 2].upper)) {
        q.kind = Quote::Kind::scare;
        q.confidence = 0.4;
        article.quotes.push_back(std::move(q));
        continue;
      }
    }
    // 'Trump's "mini-strokes" tweet', 'the alleged "losers" and "suckers"
    // comment': a word or two in marks before a noun for words (a second one
    // may follow after "and"/"or") name those words, as after "the term".
    // ("the alleged": a cue word after an article is an adjective.)
    const auto cue_before = [&] {
      return has(doc_.tokens[i - 1], kCue | kPartialCue) &&
             !(i > 1 && has(doc_.tokens[i - 2], kAppositiveStart) && !doc_.tokens[i - 2].upper);
    };
    if (!starts_sentence && words <= 3 && i + 1 < doc_.tokens.size() && doc_.tokens[i + 1].kind == Tok::word &&
        !Document::ends_terminal(v) && !v.ends_with(",") && !cue_before()) {
      uint32_t n = i + 1;
      if (n + 2 < doc_.tokens.size() && doc_.tokens[n].kind == Tok::word &&
          (doc_.word_at(n) == "and" || doc_.word_at(n) == "or") && doc_.tokens[n + 1].kind == Tok::quote)
        n += 2;
      if (doc_.tokens[n].kind == Tok::word && !doc_.tokens[n].upper && speech_noun(doc_.word_at(n))) {
        q.kind = Quote::Kind::scare;
        q.confidence = 0.4;
        article.quotes.push_back(std::move(q));
        continue;
      }
    }
    bool linked = false;
    bool linked_after = false;
    int speaker = -1;
    // The fallbacks below: an event found by a weaker rule speaks the
    // quotation with at most `cap` confidence (it keeps the event for an
    // indirect quotation of its own when `claims` is false), or a person
    // named near it does.
    const auto link_event = [&](int e, double cap, Quote::Kind kind, bool claims = true) {
      Event& ev = events_[static_cast<size_t>(e)];
      attribute(q, ev, std::min(ev.confidence, cap));
      ev.used = claims;
      speaker = ev.speaker;
      q.kind = kind;
      linked = true;
    };
    const auto link_person = [&](int who, double confidence) {
      name_speaker(q, who);
      q.kind = Quote::Kind::direct;
      q.confidence = confidence;
      speaker = who;
      linked = true;
    };
    if (const int e = event_after(i); e >= 0 && after_allowed(i, span, events_[static_cast<size_t>(e)])) {
      Event& ev = events_[static_cast<size_t>(e)];
      attribute(q, ev, ev.confidence);
      ev.used = true;
      speaker = ev.speaker;
      if (const int same = continuing_speaker(prev_quote, i, prev_speaker, ev); same >= 0) {
        name_speaker(q, same);
        speaker = same;
      }
      q.kind = starts_sentence && starts_upper ? Quote::Kind::direct : Quote::Kind::partial;
      linked = true;
      linked_after = true;
    }
    bool embedded = false;
    if (!linked) {
      if (const int e = event_before(i, embedded); e >= 0) {
        Event& ev = events_[static_cast<size_t>(e)];
        const bool title_like =
            starts_upper && words <= 5 && !Document::ends_terminal(v) && !v.ends_with(",") && !ev.partial_only;
        if (embedded && title_like) {
          q.kind = Quote::Kind::scare;  // a title or a word the writer marks, not speech
        } else {
          attribute(q, ev, ev.confidence);
          ev.used = true;
          speaker = ev.speaker;
          q.kind = !embedded && starts_upper ? Quote::Kind::direct : Quote::Kind::partial;
        }
        linked = true;
      }
    }
    if (!linked && words >= 4) {
      // 'Rather than blaming "a crisis of their own making," ministers
      // should act, Dunn said.': the cue closing the sentence claims it.
      if (const int e = event_closing_sentence(i); e >= 0) link_event(e, 0.6, Quote::Kind::partial);
    }
    // 'Trump, also on Twitter, defended his plan, "..."': after a comma, only
    // a whole sentence of several words (not a title in a list).
    if (!linked && i > 0 &&
        (doc_.tokens[i - 1].kind == Tok::colon || doc_.tokens[i - 1].kind == Tok::dash ||
         (doc_.tokens[i - 1].kind == Tok::comma && words >= 5 && Document::ends_terminal(v))) &&
        sentence_like) {
      // "Lindqvist, the harbour master, is more blunt: ..." (or "... issued
      // an apology – ...") has no cue, but the sentence's subject introduces
      // the quotation.
      if (const int who = colon_speaker(i - 1); who >= 0) link_person(who, 0.6);
    }
    if (!linked && starts_sentence && sentence_like) {
      // "Her colleague Tom Baines disagreed. "It is fewer than that."": a cue
      // sentence with no quotation of its own introduces the next one.
      bool reported = false;
      // Reported speech keeps its own (indirect) quotation.
      if (const int e = event_in_previous_sentence(i, reported); e >= 0)
        link_event(e, reported ? 0.6 : 0.7, Quote::Kind::direct, !reported);
    }
    if (!linked && i > 1 && doc_.tokens[i - 1].kind == Tok::para && doc_.tokens[i - 2].kind == Tok::colon &&
        sentence_like) {
      // A paragraph ending in a colon introduces the quotation paragraph
      // after it, when no cue sentence did.
      if (const int who = colon_speaker(i - 2); who >= 0) link_person(who, 0.6);
    }
    if (!linked && starts_sentence && sentence_like && doc_.tokens[i].sentence_end) {
      // ""We will win the league." Those were the words of coach Ana Ruiz":
      // the speaker is introduced after the quotation, in the next sentence.
      if (const int who = named_in_next_sentence(i); who >= 0) link_person(who, 0.5);
    }
    if (!linked && starts_sentence && sentence_like) {
      if (const int e = event_of_unclosed_before_caption(i); e >= 0) link_event(e, 0.6, Quote::Kind::direct);
    }
    if (!linked && (starts_sentence || after_time_phrase(i)) && sentence_like && prev_quote != kNone && prev_result &&
        prev_result->speaker && follows_closely(prev_quote, i, prev_after, prev_speaker)) {
      // A floating quotation continues the previous speaker.
      q.speaker = prev_result->speaker;
      q.speaker_role = prev_result->speaker_role;
      q.speaker_kind = prev_result->speaker_kind;
      q.cue = prev_result->cue;
      q.kind = Quote::Kind::direct;
      q.confidence = 0.7;
      speaker = prev_speaker;
      linked = true;
    }
    if (!linked) {
      if (starts_sentence && sentence_like) {
        q.kind = Quote::Kind::direct;
        q.confidence = 0.4;
      } else if (words <= 6 || !starts_sentence) {
        q.kind = words <= 6 ? Quote::Kind::scare : Quote::Kind::partial;
        q.confidence = 0.4;
      }
    }
    if (!linked && starts_sentence && sentence_like && i > 0) {
      // "Paul Roe, who has lived here for 25 years, was at the beach." then
      // a paragraph that is only a quotation, or "Roe was blunt. "...": the
      // person the paragraph or sentence before introduced speaks.
      if (const int who = paragraph_subject(i - 1); who >= 0) link_person(who, 0.5);
    }
    if (q.kind != Quote::Kind::scare && !q.speaker) speaker = last_resort(q, i);
    if (q.kind != Quote::Kind::scare) {
      prev_quote = i;
      prev_result = q;
      prev_after = linked_after;
      prev_speaker = speaker;
    }
    article.quotes.push_back(std::move(q));
  }
}

}  // namespace newsflow::processors::quotes

#pragma once
// Speaker naming: parses the subject phrase of a speech cue ("Jens
// Stoltenberg, NATO's secretary general, said", "said a spokesman for the
// ministry", "he said") into a registered person or organisation and a role.
// Reads the Document; registers names in People.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "quotes/document.hpp"
#include "quotes/people.hpp"

namespace newsflow::processors::quotes {

struct Subject {
  uint32_t first = kNone;  // first token of the phrase
  uint32_t last = kNone;   // last token of the phrase
  int speaker = -1;        // index into People::named, -1 when nobody is named
  std::optional<std::string> role;
};

class SubjectParser {
 public:
  SubjectParser(const Document& doc, People& people) : doc_(doc), people_(people) {}
  void clear() {
    acronyms_.clear();
    definite_role_.reset();
  }

  // The subject phrase ending at `p` (the token before a cue), not before `floor`.
  Subject subject_before(uint32_t p, uint32_t floor);
  // Subject after an inverted cue ("said Jens Stoltenberg, NATO's chief").
  Subject subject_after(uint32_t f, uint32_t limit);
  // "said a protester using the pseudonym Katya": the name a role phrase gives.
  Subject pseudonym_after(uint32_t f, uint32_t limit);
  // "X quoted Tim Manning as saying": the subject after "quoted", or first == kNone.
  Subject quoted_as(uint32_t k, uint32_t floor);
  // German '„…“, so Roth': the "so" at k credits the quotation before it.
  bool so_credit(uint32_t k) const;
  // "She wished everyone a happy holiday, but added: ..." / "Smith paused and
  // said" / "he gave a speech, telling the crowd": a cue right after
  // "and"/"but", or a participle after a comma, takes the clause's subject.
  Subject coordinated_subject(uint32_t k, uint32_t floor);
  // The comma closing a phrase that opens the sentence at `floor` before
  // cue k ("Speaking to AFP, ...", "In a statement posted on Friday, ...");
  // `floor` when there is none.
  uint32_t past_fronted_phrase(uint32_t floor, uint32_t k) const;
  uint32_t fronted_phrase_end(uint32_t start, uint32_t k, bool& misleading) const;
  uint32_t past_time_phrase(uint32_t floor, uint32_t k) const;
  // "a statement which said": the cue at k is a document's relative clause.
  bool relative_of_document(uint32_t k) const;
  Subject group_phrase_after(uint32_t f, uint32_t limit);
  // For a cue whose parsed subject (`parsed`) names nobody: the most
  // mentioned person for an unresolved he/she, else the noun phrase before
  // the cue or opening the sentence (a name, or the phrase as a role), else
  // the person the sentence is about. first == kNone when there is none.
  Subject fallback_subject(uint32_t cue, uint32_t floor, const Subject& parsed);
  Subject relative_group(uint32_t cue, uint32_t floor) const;
  // "said the estate's caretakers", "according to the estate's caretakers":
  // a lower-case noun phrase after the cue as a role.
  Subject phrase_after(uint32_t f, uint32_t limit);
  // "according to a tweet on Monday by Secretary of State Mike Pompeo": the
  // author named after "by" in the few lower-case words (and a day) from `f`;
  // first == kNone when there is none.
  Subject author_after(uint32_t f, uint32_t limit);
  Subject owner_after(uint32_t f, uint32_t limit);
  // "Marsh's statement", "the judge's ruling": the owner of the document
  // noun at `p` (a possessive name, or a definite role the article gave to
  // someone); speaker -1 when there is none.
  Subject document_owner(uint32_t p, uint32_t floor);
  // "The Rowing Federation of Wales released a statement": the name opening
  // the sentence of the document at `d` as its issuer; -1 when there is none.
  int document_issuer(uint32_t d);
  // "The backlash led Lena Dorn to say": the object of a verb of causing
  // before "to" and the cue at `k`; first == kNone when there is none.
  Subject causative_object(uint32_t k, uint32_t floor);
  // "he was told by Minister Anna Berg of ...": the agent after a passive cue at `k`.
  Subject passive_agent(uint32_t k, uint32_t limit);
  // A multi-word name seen anywhere introduces it (for later surnames); at a
  // sentence start it is also the likely referent of the next "he"/"she".
  void note_mention(uint32_t k);
  // "The German finance ministry welcomed ...": later "the ministry" is it.
  void note_org_phrase(uint32_t k);
  void note_relative(uint32_t k);
  // "The head of the inquiry told the court ... She also said": a definite
  // role subject at token `at` is the next he/she's referent when no person
  // of that gender is named (see subject_before).
  void note_definite_role(const std::string& role, Gender gender, uint32_t at) {
    definite_role_ = role;
    definite_role_gender_ = gender;
    definite_role_at_ = at;
  }

  bool name_token(const Token& t) const;
  // "al-Adnani", "el-Sisi": a lower-case article joined to a capitalised name.
  bool article_name(const Token& t) const;
  // A lower-case word that reads as the verb after a subject ("Arians
  // directed", "Hart has"), so the name before it is that clause's subject.
  bool verb_like(uint32_t k) const;
  // The organisation a lone acronym names (its spelled-out form when the
  // text gave one), registered as an organisation.
  int acronym_org(uint32_t k);
  // "the government of New Caledonia": a lower-case organisation noun after
  // "the" and before "of" and the name run [first, last]: that organisation
  // (its phrase without the article), or a Subject with no speaker.
  Subject body_of_place(uint32_t first, uint32_t last, uint32_t floor);
  // "28-year-old": an age standing for a person.
  bool age_epithet(uint32_t k) const;
  static bool is_number(std::string_view w);
  static bool preposition(std::string_view w);
  // Capitalised org heads ("the Foreign Ministry") may end a name run.
  bool org_head(const Token& t) const;
  bool role_noun(const Token& t) const;
  // Extends a name run backwards from `last` (inclusive), not before `floor`.
  // Returns the first token, or kNone.
  uint32_t name_run_back(uint32_t last, uint32_t floor) const;

 private:
  bool plain_name_word(const Token& t) const;
  bool located(const Token& t) const;
  bool owned_by_role(uint32_t first, uint32_t floor) const;
  bool person_before_of(uint32_t last, uint32_t floor) const;
  static bool connector(std::string_view lower);
  std::optional<std::string> role_prefix(uint32_t name_first, uint32_t floor, uint32_t& role_first);
  static bool lowercase_adverb(std::string_view w);
  static bool weekday(std::string_view w);
  static bool party_tag(std::string_view w);
  bool appositive_opening(const Token& t) const;
  // "who", "which", "speaking": a clause between a subject and its cue.
  bool nonrestrictive_opening(uint32_t k) const;
  bool circumstance(uint32_t k) const;
  Subject subject_with_apposition(uint32_t comma, uint32_t floor);
  uint32_t name_after_role_comma(uint32_t comma, uint32_t limit) const;
  Subject german_role_after(uint32_t f, uint32_t limit);
  // "The researchers found ... They reported": the plural role noun opening
  // a sentence of the paragraph before "they" at `p`; role unset when none.
  Subject plural_role_before(uint32_t p) const;
  Subject role_subject(uint32_t head, uint32_t last, uint32_t floor);
  bool shares_role_modifier(uint32_t role_first, uint32_t head, const Named& n) const;
  Subject person_of_org(uint32_t p, uint32_t floor);
  Subject person_before_org(uint32_t last, uint32_t floor);
  Subject role_of_name(uint32_t name_first, uint32_t last, uint32_t floor);
  Subject person_ending_at(uint32_t last, uint32_t p, uint32_t floor);
  Subject role_with_complement(uint32_t p, uint32_t floor);
  // The person whose sentence introduced "a letter" for "the letter" at `p`, or -1.
  int issuer_of_indefinite(uint32_t p) const;
  // The person named right before a role phrase's comma, when the
  // apposition is never closed; else `role` unchanged.
  Subject named_before_role(Subject role, uint32_t floor);
  Subject phrase_before(uint32_t cue, uint32_t floor);
  Subject role_opening(uint32_t k, uint32_t floor);
  Subject sentence_opening(uint32_t floor, uint32_t cue);
  Subject phrase_subject(uint32_t first, uint32_t last);
  Subject nearest_mention(uint32_t cue, uint32_t floor);
  Subject unclosed_apposition(uint32_t name_first, uint32_t floor);
  // The spelled-out name of an acronym token from the text before it
  // ("International Committee of the Red Cross" for ICRC), or empty.
  std::string_view expand_acronym(uint32_t tok);

  static constexpr size_t kMaxAcronyms = 8;
  std::vector<std::pair<std::string, std::string>> acronyms_;  // per record: letters -> full name
  std::optional<std::string> definite_role_;
  Gender definite_role_gender_ = Gender::unknown;
  uint32_t definite_role_at_ = 0;

  const Document& doc_;
  People& people_;
};

// Inline: find_events asks these of every word of the article.
inline bool SubjectParser::name_token(const Token& t) const {
  if (t.initials) {
    // "A.Q. Shipley" but not "U.S. Senator" or "U.S. officials".
    const uint32_t n = t.index_hint + 1;
    return n < doc_.tokens.size() && plain_name_word(doc_.tokens[n]);
  }
  // Only "al-Adnani" names start in lower case: the other lower-case words
  // are answered without the out-of-line name tests.
  if (!t.upper && !article_name(t)) return false;
  return plain_name_word(t);
}

// "al-Adnani", "el-Sisi": a lower-case article joined to a capitalised name.
// Asked of every lower-case word: the length first, then bytes in place
// (a substr and two starts_with were a call per word).
inline bool SubjectParser::article_name(const Token& t) const {
  if (t.end - t.start <= 4) return false;
  const char* w = doc_.text.data() + t.start;
  return (w[0] == 'a' || w[0] == 'e') && w[1] == 'l' && w[2] == '-' && w[3] >= 'A' && w[3] <= 'Z';
}

inline bool SubjectParser::plain_name_word(const Token& t) const {
  // "Theresa May": a capitalised month after a given name is a surname.
  if ((t.classes & (kMonth | kNameTail | kNotName)) && t.upper && t.kind == Tok::word && t.index_hint > 0) {
    const Token& before = doc_.tokens[t.index_hint - 1];
    if (before.kind == Tok::word && before.upper && (before.classes & (kMaleName | kFemaleName | kHonorific)) &&
        !before.sentence_end && (t.classes & kMonth))
      return true;
    // "Martin How", "Anna Still": mid-sentence, a capitalised function word
    // after a given name is a surname spelt like it (a name, not a pronoun).
    if (before.kind == Tok::word && before.upper && (before.classes & (kMaleName | kFemaleName)) &&
        !(before.classes & kNotName) && !before.sentence_end && !before.possessive && t.end - t.start > 2 &&
        (t.classes & kNotName) && !(t.classes & (kMalePronoun | kFemalePronoun | kNeutralPronoun | kTitle | kCue)))
      return true;
    // "Human Rights Watch": a word that ends an organisation's name after capitals.
    if (before.kind == Tok::word && before.upper && !before.possessive && !(before.classes & kNotName) &&
        (t.classes & kNameTail))
      return true;
  }
  // The flag tests first: most words fail them before the text is read.
  return t.kind == Tok::word && !t.acronym && !t.possessive &&
         !(t.classes & (kTitle | kNotName | kDemonym | kHonorific | kCue | kOrgNoun | kMalePronoun | kFemalePronoun |
                        kNeutralPronoun | kAccording | kPartialCue | kGroup)) &&
         (t.upper || article_name(t)) && !located(t);
}

// "Atlanta-based": where a name is based, not part of it.
inline bool SubjectParser::located(const Token& t) const {
  return t.end - t.start > 6 && doc_.text[t.end - 1] == 'd' && doc_.text.compare(t.end - 6, 6, "-based") == 0;
}

// Capitalised org heads ("the Foreign Ministry") may end a name run.
inline bool SubjectParser::org_head(const Token& t) const { return t.kind == Tok::word && t.upper && (t.classes & kOrgNoun); }

}  // namespace newsflow::processors::quotes

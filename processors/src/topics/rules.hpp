#pragma once
// The compiled topic rules: taxonomy, terms, gazetteer, person word lists and
// every literal in a TermIndex (plus a Hyperscan database for the few it
// cannot serve). Immutable after load; shared by all workers (each worker
// allocates its own scratch).
#include <hs/hs.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <functional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "newsflow/core/article.hpp"
#include "text/tokenizer.hpp"
#include "topics/lexicon.hpp"
#include "topics/sections.hpp"
#include "topics/term_index.hpp"

namespace newsflow::processors {

namespace topics {

struct MediaTopic {
  std::string code;   // "medtop:..."
  std::string label;  // English name
  uint32_t top = 0;   // index of the level-1 ancestor
  int level = 0;
};

struct TermUse {
  uint32_t topic = 0;  // index into TopicRules::topics
  float weight = 1.0f;
};

struct TopicTerm {
  std::string text;  // as written, without the trailing '*'
  std::vector<TermUse> uses;
  std::vector<uint32_t> vetoes;  // context word indexes
  // How much the term says about one branch rather than several: 1 when
  // its rarest word occurs only in terms of one level-1 topic, less the more
  // branches share that word (see Settings::specificity). Used to rank the
  // branches, not to score the topics.
  float specificity = 1.0f;
  // Listed on an `event | terms` line of <lang>.terms: the term says what
  // happened ("sentenced", "dies", "crashes"), not who it happened to or
  // where, so in a headline it names the story (Settings::event_bonus).
  bool event = false;
};

struct GazetteerEntity {
  std::string name;
  Entity::Type type = Entity::Type::other;
  std::string country;
};

struct Settings {
  std::vector<std::string> languages{"en"};
  double title_weight = 3.0;
  double lead_weight = 2.0;
  double body_weight = 1.0;
  uint32_t lead_bytes = 600;
  uint32_t tail_from = 2500;
  double tail_weight = 0.5;
  double saturation = 2.0;
  uint32_t veto_window = 80;
  double min_evidence = 0.75;
  double relative_evidence = 0.3;
  double second_min_evidence = 1.5;
  bool second_needs_lead = false;
  uint32_t max_top_level = 3;
  double relative_in_group = 0.3;
  uint32_t max_per_group = 3;
  double score_scale = 4.0;
  // Ranking of the top-level topics (the first one is what the story is
  // filed under): the strongest specific topic of a branch counts whole, the
  // others group_rest_weight each, and evidence in the title or the lead
  // adds lead_bonus times itself.
  double group_rest_weight = 1.0;
  double lead_bonus = 0.0;
  // A term whose rarest word occurs in terms of n level-1 topics ranks its
  // branch with 1 / (1 + specificity * (n - 1)) of its evidence: "military"
  // (politics and conflict) says less about the branch than "airstrike".
  double specificity = 0.0;
  // A term in the title adds title_bonus times its weight to its branch's
  // rank, outside saturation: a title mention saturates like any other, so
  // without it one title word weighed less than two words of the body.
  double title_bonus = 0.0;
  // An event term (TopicTerm::event) in the title adds event_bonus times its
  // weight to its branch's rank on top of title_bonus: the headline's verb
  // says what the story is, its nouns often only whom it is about ("senator
  // ... dies", "doctor sentenced ... opioid prescriptions").
  double event_bonus = 0.0;
  // Weight of a URL section ("/sport/") as a term found in the title; 0
  // ignores the sections (topics/sections.hpp).
  double section_weight = 0.0;
  // The same for a site that covers one branch ("espn.com").
  double outlet_weight = 0.0;
};

// Looked up with string_view keys so scanning a token allocates nothing.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using WordSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

// word -> PersonWord bits, looked up for every token of every article: open
// addressing over a power-of-two table, so a lookup is one inline hash, a
// mask and a tag compare (std::unordered_map spent most of the name finder's
// time in its modulo and bucket chains). find() returns nullptr, which end() is, when
// the word is not listed.
class WordClasses {
 public:
  using Entry = std::pair<std::string, uint16_t>;
  void add(std::string_view word, uint16_t bits);
  const Entry* find(std::string_view word) const { return find(word, word.data() + word.size()); }
  // The word lies in a text whose bytes up to readable_end may be read: its
  // last bytes come in one masked load instead of up to three (whose
  // branches on the word's length mispredict).
  const Entry* find(std::string_view word, const char* readable_end) const {
    if (slots_.empty()) return nullptr;
    uint64_t h = hash(word, readable_end);
    // Most words of a text are in no list: a 4 KiB filter that stays in L1
    // answers for them before the 8-byte slots (tens of KiB) are touched.
    uint64_t bit = (h >> 20) & (kFilterBits - 1);
    if (!((filter_[bit >> 6] >> (bit & 63)) & 1)) return nullptr;
    auto tag = static_cast<uint32_t>(h >> 32);
    size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.entry == 0) return nullptr;
      // The tag settles nearly every miss without touching the entry's bytes.
      if (slot.tag == tag && same_bytes(entries_[slot.entry - 1].first, word)) return &entries_[slot.entry - 1];
    }
  }
  const Entry* end() const { return nullptr; }
  size_t size() const { return entries_.size(); }
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  struct Slot {
    uint32_t tag = 0;    // high half of the word's hash
    uint32_t entry = 0;  // index into entries_ + 1; 0 is empty
  };
  // Inline, eight bytes per multiply: the words are short, and both a call
  // into the library's hash and a byte-serial FNV cost more than the rest of
  // the lookup.
  static uint64_t hash(std::string_view word, const char* readable_end) {
    uint64_t h = word.size() * 0x9e3779b97f4a7c15ull;
    size_t i = 0;
    for (; i + 8 <= word.size(); i += 8) {
      h = (h ^ text::load8(word.data() + i)) * 0xff51afd7ed558ccdull;
      h ^= h >> 32;
    }
    const uint64_t tail = text::load_head(word.data() + i, word.size() - i, readable_end);
    h = (h ^ tail) * 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 29;
    h *= 0xff51afd7ed558ccdull;
    return h ^ (h >> 32);
  }
  static bool same_bytes(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); i += 8) {
      const size_t n = std::min<size_t>(8, a.size() - i);
      if (text::load_upto8(a.data() + i, n) != text::load_upto8(b.data() + i, n)) return false;
    }
    return true;
  }
  void insert(size_t entry);
  void rehash(size_t slots);
  static constexpr size_t kFilterBits = 1 << 15;
  std::vector<Entry> entries_;
  std::vector<Slot> slots_;
  std::vector<uint64_t> filter_ = std::vector<uint64_t>(kFilterBits / 64, 0);
};

// Word lists of persons.rules, as sets of exact words.
struct PersonLists {
  WordSet title, role, speech, first_name, not_name, org_head, connector, org_word, demonym, particle, place_head,
      event_head;
  // The same lists folded into one map (word -> PersonWord bits), so the
  // name finder looks each token up once.
  WordClasses classes;
};

enum PersonWord : uint16_t {
  kTitleWord = 1 << 0,
  kRoleWord = 1 << 1,
  kSpeechWord = 1 << 2,
  kFirstNameWord = 1 << 3,
  kNotNameWord = 1 << 4,
  kOrgHeadWord = 1 << 5,
  kConnectorWord = 1 << 6,
  kOrgWordWord = 1 << 7,
  kDemonymWord = 1 << 8,
  kRoleTitleWord = 1 << 9,  // a role word capitalised as a title ("Actor")
  kParticleWord = 1 << 10,  // inside a person's name ("Charles de Gaulle")
  kPlaceHeadWord = 1 << 11,  // ends a place's name ("Erie County")
};

// What a pattern id stands for. One literal can play several roles (a term
// that is also another term's context word), so each role is optional.
enum class PatternKind : uint8_t { topic_term, context_word, entity_alias };

struct Pattern {
  PatternKind kind = PatternKind::topic_term;
  uint32_t index = 0;   // into terms, context_words or aliases
  bool prefix = false;  // matches the start of a longer word
  uint32_t length = 0;  // bytes of the literal
};

struct HsDatabaseDeleter {
  void operator()(hs_database_t* db) const { hs_free_database(db); }
};

}  // namespace topics

class TopicRules {
 public:
  topics::Settings settings;
  std::vector<topics::MediaTopic> topics;
  std::unordered_map<std::string, uint32_t> topic_index;  // code -> index
  std::vector<topics::TopicTerm> terms;
  // Per term, what the branch ranking needs, packed apart from the terms so
  // that scoring an article touches 8 bytes a term, not a TopicTerm:
  // its specificity and whether it names an event.
  struct TermRank {
    float specificity = 1.0f;
    bool event = false;
  };
  std::vector<TermRank> term_rank;
  std::vector<std::string> context_words;
  topics::SectionIndex sections;  // URL section words -> their terms
  std::vector<topics::GazetteerEntity> entities;
  std::vector<uint32_t> alias_entity;               // alias index -> entity index
  std::vector<std::vector<uint32_t>> alias_vetoes;  // alias index -> context word indexes
  topics::PersonLists persons;
  std::vector<topics::Pattern> patterns;  // pattern id -> role
  topics::TermIndex term_index;           // every literal, by pattern id
  topics::TokenLexicon lexicon;           // term_index and persons.classes, one probe per token
  // The literals term_index cannot serve (those starting with punctuation),
  // under their pattern ids; null when there are none.
  std::unique_ptr<hs_database_t, topics::HsDatabaseDeleter> database;
  // The bytes database's literals start with (both ASCII cases of a caseless
  // one's), each once: a text holding none of them cannot match, and
  // finding that out costs less than the scan.
  std::string database_first_bytes;
  bool explain = false;

  bool language_supported(std::string_view language) const;
};

}  // namespace newsflow::processors

// The topics processor: title and body are tokenized once; the tokens decide
// clearly English text without CLD2 and are looked up for topic terms,
// context words and gazetteer names (topics/matcher.hpp); topic evidence is weighted by
// position, saturated per term and rolled up to the level-1 topics; names the
// gazetteer lacks come from capitalised-word patterns (topics/names.cpp).
// What the hits weigh and how topics are ranked is topics/scoring.cpp.
#include "newsflow/processors/topics.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "topics/language.hpp"
#include "topics/matcher.hpp"
#include "topics/names.hpp"
#include "topics/rules.hpp"
#include "topics/scoring.hpp"

namespace newsflow::processors {

namespace {

using topics::Hit;
using topics::Match;
using topics::PatternKind;

enum class Field : uint8_t { title, body };

struct FieldMatches {
  std::vector<Match> terms, contexts, aliases;
  void clear() {
    terms.clear();
    contexts.clear();
    aliases.clear();
  }
};

class TopicsProcessor final : public Processor {
 public:
  explicit TopicsProcessor(std::shared_ptr<const TopicRules> rules)
      : rules_(std::move(rules)),
        matcher_(*rules_),
        names_(rules_->persons),
        scorer_(*rules_),
        entity_count_(rules_->entities.size(), 0) {}

  std::string_view name() const override { return "topics"; }

  Outcome process(Article& article) override {
    article.topics.clear();
    article.entities.clear();
    // One pass per field tokenizes it and answers what the matcher, the
    // name finder and the English check ask of each token's lexicon entry.
    // The English check counts function words up to what the most tokens
    // the fields can hold (a word and a gap take two bytes) would need: the
    // count is not known until both are tokenized, and english_words_needed
    // grows with it, so the shortcut's answer below is the same as with the
    // count's own number.
    const bool detect = article.language.empty();
    const size_t most_tokens = (article.title.size() + 1) / 2 + (article.text.size() + 1) / 2;
    const size_t english = detect ? topics::english_words_needed(most_tokens) : 0;
    rules_->lexicon.tokenize_visit(article.title, rules_->term_index, english, title_tokens_, title_facts_);
    rules_->lexicon.tokenize_visit(article.text, rules_->term_index, english - title_facts_.english(), body_tokens_,
                                   body_facts_);
    if (detect) {
      std::string detected = topics::detect_language(article.title, article.text, title_tokens_.size(),
                                                     body_tokens_.size(), title_facts_.english() + body_facts_.english());
      if (!detected.empty()) {
        article.language = std::move(detected);
        article.language_detected = true;
      }
    }
    std::string language = topics::normalize_language(article.language);
    // Unknown language (CLD2 could not tell): the terms are still the best guess.
    bool supported = language.empty() || rules_->language_supported(language);
    article.topics_language_supported = supported;

    if (!collect(article.title, title_tokens_, title_facts_, title_) ||
        !collect(article.text, body_tokens_, body_facts_, body_))
      return Outcome::reject(RecordError::processor_failure, "topics: Hyperscan scan failed");

    if (supported) score_topics(article);
    find_entities(article, supported);
    return Outcome::pass();
  }

 private:
  bool collect(std::string_view text, const std::vector<text::Token>& tokens, const topics::TokenFacts& facts,
               FieldMatches& out) {
    out.clear();
    raw_.clear();
    if (!matcher_.scan(text, tokens, facts, raw_)) return false;
    for (const Match& m : raw_) {
      switch (rules_->patterns[m.pattern].kind) {
        case PatternKind::topic_term: out.terms.push_back(m); break;
        case PatternKind::context_word: out.contexts.push_back(m); break;
        case PatternKind::entity_alias: out.aliases.push_back(m); break;
      }
    }
    sort_leftmost_longest(out.terms);
    sort_leftmost_longest(out.aliases);
    sort_leftmost_longest(out.contexts);
    drop_overlaps(out.terms);
    drop_overlaps(out.aliases);
    return true;
  }

  static bool leftmost_longest(const Match& a, const Match& b) {
    return a.start != b.start ? a.start < b.start : a.end > b.end;
  }

  // What std::sort by leftmost_longest gives, mostly without it: the
  // matcher's output is nearly sorted (token order; a token's literals in
  // any order; Hyperscan's few at the end), so an insertion sort of a copy
  // is about linear where std::sort is n log n. Where no two matches share a
  // span the sorted order is unique and both agree; matches on one span ("hospital"
  // and "hospital*") are left in the order std::sort gives them from this
  // input, and so are inputs far from sorted (the copy's moves are capped).
  void sort_leftmost_longest(std::vector<Match>& matches) {
    const size_t n = matches.size();
    // The sorted head (leftmost_longest is strict, so it holds no tie) is
    // what the insertion sort would leave untouched; a field's matches are
    // often sorted whole, and then nothing is copied.
    size_t head = 1;
    while (head < n && leftmost_longest(matches[head - 1], matches[head])) ++head;
    if (head >= n) return;
    sorted_matches_.assign(matches.begin(), matches.end());
    Match* const a = sorted_matches_.data();
    size_t moves = 0;
    const size_t budget = 4 * n + 32;
    bool tie = false;
    for (size_t i = head; i < n && moves <= budget; ++i) {
      const Match x = a[i];
      size_t j = i;
      for (; j > 0 && leftmost_longest(x, a[j - 1]); --j) a[j] = a[j - 1];
      moves += i - j;
      a[j] = x;
      tie |= j > 0 && a[j - 1].start == x.start && a[j - 1].end == x.end;
      tie |= j + 1 <= i && a[j + 1].start == x.start && a[j + 1].end == x.end;
    }
    if (tie || moves > budget) {
      std::sort(matches.begin(), matches.end(), leftmost_longest);
      return;
    }
    matches.swap(sorted_matches_);
  }

  // Keeps the leftmost-longest of overlapping matches ("South China Sea"
  // over "China"), and every pattern on exactly that span ("hospital" and
  // "hospital*" in different rules). Input is sorted leftmost-longest.
  static void drop_overlaps(std::vector<Match>& matches) {
    size_t kept = 0;
    uint32_t covered_to = 0;
    for (size_t i = 0; i < matches.size(); ++i) {
      bool same_span = kept > 0 && matches[i].start == matches[kept - 1].start && matches[i].end == matches[kept - 1].end;
      if (kept > 0 && matches[i].start < covered_to && !same_span) continue;
      covered_to = matches[i].end;
      matches[kept++] = matches[i];
    }
    matches.resize(kept);
  }

  bool vetoed(const Match& m, const std::vector<uint32_t>& vetoes, const std::vector<Match>& contexts) const {
    if (vetoes.empty()) return false;
    uint32_t window = rules_->settings.veto_window;
    uint32_t from = m.start > window ? m.start - window : 0;
    uint32_t to = m.end + window;
    auto it = std::lower_bound(contexts.begin(), contexts.end(), from,
                               [](const Match& c, uint32_t pos) { return c.start < pos; });
    for (; it != contexts.end() && it->start <= to; ++it) {
      uint32_t word = rules_->patterns[it->pattern].index;
      if (std::find(vetoes.begin(), vetoes.end(), word) != vetoes.end()) return true;
    }
    return false;
  }

  void add_hits(const FieldMatches& field, Field where) {
    const auto& s = rules_->settings;
    for (const Match& m : field.terms) {
      uint32_t term = rules_->patterns[m.pattern].index;
      const auto& t = rules_->terms[term];
      if (vetoed(m, t.vetoes, field.contexts)) continue;
      double position_weight = where == Field::title    ? s.title_weight
                               : m.start < s.lead_bytes ? s.lead_weight
                               : m.start < s.tail_from  ? s.body_weight
                                                        : s.tail_weight;
      const uint32_t at = where == Field::title ? topics::title_word_at(m.start) : topics::body_word_at(m.start);
      for (const auto& use : t.uses) hits_.push_back({use.topic, term, use.weight, position_weight, at});
    }
  }

  void score_topics(Article& article) {
    hits_.clear();
    add_hits(title_, Field::title);
    add_hits(body_, Field::body);
    // The section the URL names counts as a word of the title would.
    rules_->sections.find(article.url, sections_);
    for (uint32_t k = 0; k < sections_.size(); ++k)
      for (const auto& use : rules_->terms[sections_[k].term].uses)
        hits_.push_back({use.topic, sections_[k].term, use.weight, rules_->settings.title_weight, topics::section_at(k)});
    if (!hits_.empty()) scorer_.score(hits_, article.topics);
  }

  void count_aliases(const FieldMatches& field, std::vector<topics::Span>& covered,
                     std::vector<topics::Span>& places) {
    covered.clear();
    places.clear();
    for (const Match& m : field.aliases) {
      uint32_t alias = rules_->patterns[m.pattern].index;
      uint32_t entity = rules_->alias_entity[alias];
      if (vetoed(m, rules_->alias_vetoes[alias], field.contexts)) continue;
      covered.push_back({m.start, m.end});
      if (rules_->entities[entity].type == Entity::Type::place) places.push_back({m.start, m.end});
      if (entity_count_[entity]++ == 0) entities_seen_.push_back(entity);
    }
  }

  void find_entities(Article& article, bool supported) {
    entities_seen_.clear();
    count_aliases(title_, title_covered_, title_places_);
    count_aliases(body_, body_covered_, body_places_);
    for (uint32_t entity : entities_seen_) {
      const auto& e = rules_->entities[entity];
      article.entities.push_back({e.name, e.type, entity_count_[entity], e.country});
      entity_count_[entity] = 0;
    }
    if (supported) {
      rules_->lexicon.classify(article.title, title_tokens_, title_facts_);
      rules_->lexicon.classify(article.text, body_tokens_, body_facts_);
      names_.find({article.title, title_tokens_, title_facts_.name_bits()}, title_covered_,
                  {article.text, body_tokens_, body_facts_.name_bits()}, body_covered_, body_places_, found_);
      // The gazetteer's names sorted once, each found name found by binary
      // search: a few dozen names per article, where a hash map hashed every
      // one and allocated a node for each. Equal names keep their order, so
      // a found name goes to the first entity of that name.
      emitted_.clear();
      for (size_t i = 0; i < article.entities.size(); ++i) emitted_.push_back({article.entities[i].text, i});
      std::sort(emitted_.begin(), emitted_.end());
      // Look everything up before appending: appending moves the strings the
      // views point into.
      for (auto& f : found_) {
        auto same = std::lower_bound(emitted_.begin(), emitted_.end(), std::string_view(f.text),
                                     [](const auto& e, std::string_view name) { return e.first < name; });
        if (same == emitted_.end() || same->first != f.text) continue;
        article.entities[same->second].count += f.count;
        f.count = 0;
      }
      for (auto& f : found_)
        if (f.count > 0) article.entities.push_back({std::move(f.text), f.type, f.count, {}});
    }
    order_entities(article.entities);
  }

  // A stable sort by count, most first. std::stable_sort took a buffer from
  // the allocator on every call and moved each Entity (three strings) about
  // log n times; here the keys are sorted and each entity moves once, and
  // not at all when the order stands (most articles: the gazetteer's few
  // names, then the finder's counts).
  void order_entities(std::vector<Entity>& entities) {
    order_.clear();
    for (size_t i = 0; i < entities.size(); ++i)
      order_.push_back(uint64_t{~entities[i].count} << 32 | static_cast<uint32_t>(i));
    if (std::is_sorted(order_.begin(), order_.end())) return;
    std::sort(order_.begin(), order_.end());
    sorted_.clear();
    for (uint64_t key : order_) sorted_.push_back(std::move(entities[static_cast<uint32_t>(key)]));
    entities.swap(sorted_);
  }

  std::shared_ptr<const TopicRules> rules_;
  topics::Matcher matcher_;
  topics::NameFinder names_;
  // Per-record scratch, reused so steady-state processing does not allocate.
  std::vector<text::Token> title_tokens_, body_tokens_;
  topics::TokenFacts title_facts_, body_facts_;  // rules_->lexicon's pass over the tokens
  std::vector<Match> raw_;
  std::vector<Match> sorted_matches_;  // sort_leftmost_longest's copy
  FieldMatches title_, body_;
  std::vector<Hit> hits_;
  std::vector<topics::SectionIndex::Section> sections_;
  topics::TopicScorer scorer_;
  std::vector<uint32_t> entity_count_;  // per gazetteer entity; zero between records
  std::vector<uint32_t> entities_seen_;
  std::vector<std::pair<std::string_view, size_t>> emitted_;  // gazetteer name, index in Article::entities
  std::vector<topics::Span> title_covered_, body_covered_, title_places_, body_places_;
  std::vector<topics::FoundName> found_;
  std::vector<uint64_t> order_;   // order_entities: ~count << 32 | index
  std::vector<Entity> sorted_;   // order_entities' output, swapped with the article's
};

}  // namespace

std::unique_ptr<Processor> make_topics_processor(std::shared_ptr<const TopicRules> rules) {
  return std::make_unique<TopicsProcessor>(std::move(rules));
}

struct TopicTermScanner::Buffer {
  std::vector<Match> matches;
};

TopicTermScanner::TopicTermScanner(std::shared_ptr<const TopicRules> rules)
    : rules_(std::move(rules)), matcher_(std::make_unique<topics::Matcher>(*rules_)), buffer_(std::make_unique<Buffer>()) {}

TopicTermScanner::~TopicTermScanner() = default;

size_t TopicTermScanner::count_matches(std::string_view text) {
  buffer_->matches.clear();
  matcher_->scan(text, buffer_->matches);
  return buffer_->matches.size();
}

}  // namespace newsflow::processors

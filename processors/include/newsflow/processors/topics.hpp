#pragma once
// topics: IPTC Media Topics, named entities and language.
//
// Rules are data (data/topics/, see docs/topics.md): topic terms per Media
// Topic code, an entity gazetteer, word lists for finding people, scoring
// settings and the IPTC vocabulary itself. load_topic_rules() compiles every
// literal into one Hyperscan database at start-up; each processor (one per
// worker) owns its own Hyperscan scratch.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "newsflow/processors/processor.hpp"

namespace newsflow::processors {

struct TopicsOptions {
  std::string rules_dir;  // data/topics
  bool explain = false;   // fill Topic::matched_terms
};

// Immutable compiled rules, shared by all workers.
class TopicRules;

// Throws ConfigError naming the file and line of a bad rule.
std::shared_ptr<const TopicRules> load_topic_rules(const TopicsOptions& options);
std::unique_ptr<Processor> make_topics_processor(std::shared_ptr<const TopicRules> rules);

namespace topics {
class Matcher;
}

// The multi-pattern matcher alone (every term, context word and alias, with
// word-boundary checks), for benchmarks and tests. One per thread.
class TopicTermScanner {
 public:
  explicit TopicTermScanner(std::shared_ptr<const TopicRules> rules);
  ~TopicTermScanner();
  TopicTermScanner(const TopicTermScanner&) = delete;
  TopicTermScanner& operator=(const TopicTermScanner&) = delete;

  // Number of word-bounded literal matches in text.
  size_t count_matches(std::string_view text);

 private:
  std::shared_ptr<const TopicRules> rules_;
  std::unique_ptr<topics::Matcher> matcher_;
  struct Buffer;
  std::unique_ptr<Buffer> buffer_;
};

}  // namespace newsflow::processors

#pragma once
// topics: IPTC Media Topics, entities and language.
// (Interface sketch; the topics issue fills in the rules and matcher.)
#include <memory>
#include <string>

#include "newsflow/processors/processor.hpp"

namespace newsflow::processors {

struct TopicsOptions {
  std::string rules_dir;  // data/topics
  bool explain = false;
};

// Immutable compiled rules, shared by all workers.
class TopicRules;

std::shared_ptr<const TopicRules> load_topic_rules(const TopicsOptions& options);
std::unique_ptr<Processor> make_topics_processor(std::shared_ptr<const TopicRules> rules);

}  // namespace newsflow::processors

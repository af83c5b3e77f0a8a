// Placeholder until the topics issue lands: no topics, no entities.
#include "newsflow/processors/topics.hpp"

namespace newsflow::processors {

class TopicRules {};

namespace {
class TopicsProcessor final : public Processor {
 public:
  explicit TopicsProcessor(std::shared_ptr<const TopicRules> rules) : rules_(std::move(rules)) {}
  std::string_view name() const override { return "topics"; }
  Outcome process(Article&) override { return Outcome::pass(); }

 private:
  std::shared_ptr<const TopicRules> rules_;
};
}  // namespace

std::shared_ptr<const TopicRules> load_topic_rules(const TopicsOptions&) { return std::make_shared<TopicRules>(); }
std::unique_ptr<Processor> make_topics_processor(std::shared_ptr<const TopicRules> rules) {
  return std::make_unique<TopicsProcessor>(std::move(rules));
}

}  // namespace newsflow::processors

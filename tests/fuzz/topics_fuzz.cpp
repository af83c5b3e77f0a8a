// Topics (Hyperscan terms, vetoes, scoring), entities and language detection.
#include "fuzz_common.hpp"
#include "newsflow/processors/topics.hpp"

using namespace newsflow;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static auto processor = [] {
    processors::TopicsOptions o;
    o.rules_dir = fuzz::data_path("topics");
    o.explain = true;
    return processors::make_topics_processor(processors::load_topic_rules(o));
  }();
  std::string_view text;
  if (!fuzz::utf8_input(data, size, text)) return 0;
  Article a;
  const auto nl = text.find('\n');
  a.title = std::string(text.substr(0, nl == std::string_view::npos ? 0 : nl));
  a.body = a.text = std::string(nl == std::string_view::npos ? text : text.substr(nl + 1));
  // Half the inputs leave the language to CLD2, half declare one.
  if (size % 2) a.language = "en";
  auto outcome = processor->process(a);
  if (outcome.kind == processors::Outcome::Kind::reject) return 0;
  for (const auto& t : a.topics) {
    fuzz::check(t.score >= 0 && t.score == t.score, "topic score negative or NaN");
    fuzz::check(t.id.starts_with("medtop:"), "topic id is not a media topic");
  }
  for (const auto& e : a.entities) fuzz::check(fuzz::valid_utf8(e.text), "entity text is not UTF-8");
  fuzz::check(fuzz::valid_utf8(a.language), "language is not UTF-8");
  return 0;
}

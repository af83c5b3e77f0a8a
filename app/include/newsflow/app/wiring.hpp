#pragma once
// Builds the processor chain from configuration. Rule tables and the dedup
// index are loaded once and shared; each worker gets its own Pipeline.
#include <functional>
#include <memory>
#include <string>

#include "newsflow/app/config.hpp"
#include "newsflow/processors/dedup.hpp"
#include "newsflow/processors/normalize.hpp"
#include "newsflow/processors/pipeline.hpp"
#include "newsflow/processors/quotes.hpp"
#include "newsflow/processors/topics.hpp"

namespace newsflow::app {

struct SharedResources {
  std::shared_ptr<const processors::NormalizeRules> normalize_rules;
  std::shared_ptr<const processors::TopicRules> topic_rules;     // null when topics are off
  std::shared_ptr<processors::DedupIndex> dedup_index;           // null when dedup is off
  std::shared_ptr<const processors::QuoteRules> quote_rules;      // null when quotes are off
};

// Throws ConfigError naming the setting or file at fault.
SharedResources load_resources(const Config& config);

// Returns a probe for the named processor, or null for no instrumentation.
using ProbeFactory = std::function<std::shared_ptr<processors::ProcessorProbe>(std::string_view processor)>;

// nullptr with run.passthrough=true: the engine then copies each input record
// to the output unchanged, in every command.
std::unique_ptr<processors::Pipeline> make_pipeline(const Config& config, const SharedResources& resources,
                                                    const ProbeFactory& probes);

processors::ParserOptions parser_options(const Config& config);

// Resolves a rule path setting against data_dir unless it is absolute.
std::string data_path(const Config& config, std::string_view key);

}  // namespace newsflow::app

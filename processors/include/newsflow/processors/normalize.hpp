#pragma once
// normalize: body -> text. Decodes HTML entities, collapses whitespace, drops
// page-chrome lines listed in a rules file and a title repeated in the body.
// Stateless; the rule table is immutable after load.
#include <memory>
#include <string>

#include "newsflow/processors/processor.hpp"

namespace newsflow::processors {

struct NormalizeOptions {
  std::string rules_file;  // data/normalize/chrome.rules
};

class NormalizeRules;

// Throws ConfigError naming the file and line when the rules cannot be read.
std::shared_ptr<const NormalizeRules> load_normalize_rules(const std::string& path);
std::unique_ptr<Processor> make_normalize_processor(std::shared_ptr<const NormalizeRules> rules);

}  // namespace newsflow::processors

#pragma once
// quotes: direct and partial quotations with speaker, role and cue, plus
// indirect speech. Fills Article::quotes and Article::speakers and adds every
// named speaker to Article::entities. Offsets are UTF-8 byte offsets into
// Article::text, [start, end) of the quoted words without the marks.
// Stateless; the rule table is immutable after load. Linear in the text size.
#include <memory>
#include <string>

#include "newsflow/processors/processor.hpp"

namespace newsflow::processors {

// Word lists (cue verbs, titles, pronouns, ...); see data/quotes/quote.rules.
class QuoteRules;

struct QuotesOptions {
  std::shared_ptr<const QuoteRules> rules;  // required
  bool indirect = false;                    // also emit kind "indirect" (opt-in, as quotes.indirect)
};

// Throws ConfigError naming the file and line when the rules cannot be read.
std::shared_ptr<const QuoteRules> load_quote_rules(const std::string& path);
std::unique_ptr<Processor> make_quotes_processor(const QuotesOptions& options);

}  // namespace newsflow::processors

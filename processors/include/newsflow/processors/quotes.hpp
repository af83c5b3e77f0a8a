#pragma once
// quotes: direct quotations with speaker, role and cue.
// (Interface sketch; the quotes issue fills in the extractor.)
#include <memory>

#include "newsflow/processors/processor.hpp"

namespace newsflow::processors {

struct QuotesOptions {};

std::unique_ptr<Processor> make_quotes_processor(const QuotesOptions& options);

}  // namespace newsflow::processors

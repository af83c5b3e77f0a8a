#pragma once
#include <string>

#include "newsflow/core/article.hpp"

namespace newsflow::processors {

struct SerializerOptions {
  bool explain_topics = false;
  // dedup.on_duplicate=drop: a duplicate's record is never written, so
  // Pipeline::process leaves its value empty instead of serializing it.
  bool duplicates_dropped = false;
};

// Writes the enriched output record (schemas/output.schema.json): untouched
// input fields byte-exact, then every processor's enrichment.
void serialize_output(const Article& article, const SerializerOptions& options, int64_t processed_at_ms,
                      std::string& out);

}  // namespace newsflow::processors

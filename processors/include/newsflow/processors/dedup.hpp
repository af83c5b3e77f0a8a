#pragma once
// dedup: exact and near-duplicate detection against a bounded, shared index.
// (Interface sketch; the dedup issue fills in the method and its bounds.)
#include <chrono>
#include <cstddef>
#include <memory>

#include "newsflow/processors/processor.hpp"

namespace newsflow::processors {

struct DedupOptions {
  std::chrono::milliseconds window = std::chrono::hours(24 * 7);
  size_t max_entries = 10'000'000;
};

// Shared by all workers of a process; thread-safe.
class DedupIndex;

std::shared_ptr<DedupIndex> make_dedup_index(const DedupOptions& options);
std::unique_ptr<StatefulProcessor> make_dedup_processor(std::shared_ptr<DedupIndex> index);
size_t dedup_index_size(const DedupIndex& index);

}  // namespace newsflow::processors

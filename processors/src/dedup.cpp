// Placeholder until the dedup issue lands: marks every article unique.
#include "newsflow/processors/dedup.hpp"

#include <atomic>

namespace newsflow::processors {

class DedupIndex {
 public:
  explicit DedupIndex(const DedupOptions& o) : options(o) {}
  DedupOptions options;
};

namespace {
class DedupProcessor final : public StatefulProcessor {
 public:
  explicit DedupProcessor(std::shared_ptr<DedupIndex> index) : index_(std::move(index)) {}
  std::string_view name() const override { return "dedup"; }
  Outcome process(Article& article) override {
    article.dedup.cluster_id = article.id;
    return Outcome::pass();
  }
  void drain_state_changes(std::vector<StateChange>&) override {}
  bool restore(const StateChange&) override { return false; }

 private:
  std::shared_ptr<DedupIndex> index_;
};
}  // namespace

std::shared_ptr<DedupIndex> make_dedup_index(const DedupOptions& options) {
  return std::make_shared<DedupIndex>(options);
}
std::unique_ptr<StatefulProcessor> make_dedup_processor(std::shared_ptr<DedupIndex> index) {
  return std::make_unique<DedupProcessor>(std::move(index));
}
size_t dedup_index_size(const DedupIndex&) { return 0; }

}  // namespace newsflow::processors

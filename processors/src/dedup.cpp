// The dedup processor: fingerprints the normalized text and asks the shared
// index whether the story was seen before (see dedup.hpp for the method).
#include "newsflow/processors/dedup.hpp"

#include <xxhash.h>

#include "newsflow/core/time.hpp"

namespace newsflow::processors {
namespace {

// A published_at this far ahead of the clock is a data error; trusting it
// would move the window's horizon and evict every story.
constexpr int64_t kMaxClockSkewMs = 24 * 3600 * 1000;

uint32_t origin_hash(const Origin& o) {
  uint64_t h = XXH3_64bits(o.topic.data(), o.topic.size());
  const int64_t position[2] = {o.partition, o.offset};
  h = XXH3_64bits_withSeed(position, sizeof(position), h);
  return static_cast<uint32_t>(h) | 1;
}

class DedupProcessor final : public StatefulProcessor {
 public:
  explicit DedupProcessor(std::shared_ptr<DedupIndex> index) : index_(std::move(index)) {}
  std::string_view name() const override { return "dedup"; }

  Outcome process(Article& article) override {
    const int64_t now = now_ms();
    int64_t time = now;
    if (article.published_at_ms && *article.published_at_ms >= 0 && *article.published_at_ms <= now + kMaxClockSkewMs)
      time = *article.published_at_ms;
    DedupFingerprint fp = fingerprinter_.compute(article.text, article.canonical_url, time);
    if (article.origin) fp.origin = origin_hash(*article.origin);
    DedupMatch match = index_->check_and_insert(article.id, fp, changes_);

    DedupResult& d = article.dedup;
    d = DedupResult{};
    d.evaluated = true;
    if (match.kind == DedupMatch::Kind::none) {
      d.cluster_id = article.id;
      return Outcome::pass();
    }
    d.status = match.kind == DedupMatch::Kind::near_duplicate ? DedupResult::Status::near_duplicate
                                                              : DedupResult::Status::duplicate;
    d.similarity = match.similarity;
    d.method = std::string(to_string(match.kind));
    d.cluster_id = match.first_id;
    d.duplicate_of = std::move(match.first_id);
    d.copies_seen = match.copies_seen;
    return Outcome::duplicate(d.duplicate_of);
  }

  void drain_state_changes(std::vector<StateChange>& out) override { index_->drain_changes(changes_, out); }
  bool restore(const StateChange& change) override { return index_->restore(change); }
  void commit_state() override { index_->commit_batch(changes_); }
  void rollback_state() override { index_->rollback_batch(changes_); }

 private:
  std::shared_ptr<DedupIndex> index_;
  DedupChanges changes_;  // this worker's, written with this worker's batch
  DedupFingerprinter fingerprinter_;
};

}  // namespace

std::shared_ptr<DedupIndex> make_dedup_index(const DedupOptions& options) {
  return std::make_shared<DedupIndex>(options);
}
std::unique_ptr<StatefulProcessor> make_dedup_processor(std::shared_ptr<DedupIndex> index) {
  return std::make_unique<DedupProcessor>(std::move(index));
}
size_t dedup_index_size(const DedupIndex& index) { return index.size(); }

}  // namespace newsflow::processors

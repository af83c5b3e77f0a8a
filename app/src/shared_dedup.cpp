#include "newsflow/app/shared_dedup.hpp"

#include <spdlog/spdlog.h>

#include <random>

#include "newsflow/app/kafka_wiring.hpp"
#include "newsflow/producer/kafka_sink.hpp"

namespace newsflow::app {
namespace {

constexpr int kStartupTimeoutMs = 120000;

std::string make_writer(const Config& config) {
  std::random_device rd;
  const uint64_t nonce = (static_cast<uint64_t>(rd()) << 32) ^ rd();
  return instance_name(config) + "/" + fmt::format("{:016x}", nonce);
}

std::string_view header(const RawRecord& record, std::string_view key) {
  for (const auto& h : record.headers)
    if (h.key == key) return h.value;
  return {};
}

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

SharedDedupState::SharedDedupState(const Config& config, std::string changelog_topic, processors::DedupIndex& index,
                                   Metrics* metrics)
    : config_(config), topic_(std::move(changelog_topic)), index_(index), metrics_(metrics), writer_(make_writer(config)) {}

SharedDedupState::~SharedDedupState() = default;

ChangelogRead SharedDedupState::restore(bool create_if_missing) {
  const auto started = std::chrono::steady_clock::now();
  auto properties = client_properties(config_, config_.consumer_properties(), client_id(config_, "changelog"));
  // Only committed entries: an aborted batch's fingerprints were never state.
  properties["isolation.level"] = "read_committed";
  // The follower's fetches wait at most this long for new entries: part of
  // the propagation delay, and cheap (one request per broker per wait).
  properties.try_emplace("fetch.wait.max.ms", "100");
  follower_ = std::make_unique<consumer::TopicFollower>(properties, topic_, kStartupTimeoutMs);
  ChangelogRead read;
  read.topic_exists = follower_->exists();
  if (!read.topic_exists && create_if_missing) {
    // Compacted, so the latest fingerprint per story survives indefinitely.
    producer::KafkaSink admin(producer::plain_producer(
        client_properties(config_, config_.producer_properties(), client_id(config_, "admin"))));
    admin.ensure_topic(topic_, 6, {{"cleanup.policy", "compact"}}, 15000);
    spdlog::info("created dedup changelog topic '{}'", topic_);
    // A follower assigns the partitions that exist when it starts.
    follower_ = std::make_unique<consumer::TopicFollower>(properties, topic_, kStartupTimeoutMs);
  }
  read.records = follower_->read_to_end(kStartupTimeoutMs,
                                        [&](const RawRecord& record, bool tombstone) { apply(record, tombstone, false); });
  read.skipped = skipped_;
  read.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return read;
}

void SharedDedupState::follow(const std::atomic<bool>& stop) {
  if (!follower_) return;
  while (!stop.load(std::memory_order_relaxed)) {
    const uint64_t n = follower_->poll(std::chrono::milliseconds(200),
                                       [&](const RawRecord& record, bool tombstone) { apply(record, tombstone, true); });
    if (n > 0 && metrics_) metrics_->set_dedup_index_entries(processors::dedup_index_size(index_));
  }
}

void SharedDedupState::apply(const RawRecord& record, bool tombstone, bool live) {
  // This process's own entries went into its index when its batch stored them.
  if (live && header(record, "newsflow_writer") == writer_) return;
  StateChange change{record.key.value_or(""), tombstone ? std::nullopt : std::optional<std::string>(record.value)};
  using Kind = processors::DedupIndex::RemoteApply::Kind;
  const auto applied = index_.apply(change);
  if (applied.kind == Kind::malformed) {
    ++skipped_;
    return;
  }
  if (!live || !metrics_) return;
  if (applied.kind == Kind::race_won || applied.kind == Kind::race_lost) {
    // Both copies were taken as first, each on its instance; from now on
    // every instance keeps the same one (docs/dedup.md, "The race").
    metrics_->dedup_race(applied.kind == Kind::race_won ? "theirs_kept" : "ours_kept");
    spdlog::debug("dedup race: '{}' and '{}' both stored as new; '{}' stays", record.key.value_or(""),
                  applied.other_id, applied.kind == Kind::race_won ? record.key.value_or("") : applied.other_id);
  }
  // Produce time to now: the writer's commit interval, the transaction
  // commit and this follower's fetch wait.
  if (record.origin && record.origin->timestamp_ms > 0)
    metrics_->dedup_propagated(std::max<int64_t>(0, now_ms() - record.origin->timestamp_ms) / 1e3);
  metrics_->dedup_remote_entry();
}

}  // namespace newsflow::app

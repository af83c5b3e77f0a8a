#pragma once
// A bounded Kafka input for `newsflow replay`: manual assignment (no group
// membership, so the live group is never joined or moved), every partition
// read from its start offset up to its end offset (exclusive), then done.
// Offsets are committed to the replay's own group id, so an interrupted
// replay resumes where its last batch committed. read_committed.
// Not thread-safe: one RangeSource per worker.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "newsflow/core/kafka.hpp"
#include "newsflow/core/seams.hpp"

namespace newsflow::consumer {

struct PartitionRange {
  int64_t start = 0;  // first offset (inclusive)
  int64_t end = 0;    // one past the last offset (exclusive)
};
using TopicRange = std::map<int32_t, PartitionRange>;

struct RangeProgress {
  int32_t partition;
  int64_t done;   // offsets passed (records, transaction markers, compacted gaps)
  int64_t total;  // end - start
};

class RangeSource final : public BatchSource {
 public:
  // properties must hold bootstrap.servers and the replay's group.id.
  RangeSource(std::map<std::string, std::string> properties, std::string topic, TopicRange range);
  ~RangeSource() override;
  RangeSource(const RangeSource&) = delete;
  RangeSource& operator=(const RangeSource&) = delete;

  // Records at or past a partition's end are never returned; a partition
  // whose position reached its end is paused.
  Status poll(std::vector<RawRecord>& batch, size_t max, std::chrono::milliseconds wait) override;
  bool exhausted() const override { return remaining_ == 0; }
  // Back to the committed offsets of the replay group (the range's start where
  // none is committed yet).
  Status rewind() override;
  void close() override;

  std::vector<RangeProgress> progress() const;
  rd_kafka_t* handle() { return rk_.get(); }

 private:
  void update_positions();

  std::string topic_;
  TopicRange range_;
  std::map<int32_t, int64_t> position_;  // next offset per partition
  size_t remaining_ = 0;                 // partitions not at their end yet
  kafka::Handle rk_;
  kafka::Queue queue_;
  std::vector<rd_kafka_message_t*> messages_;
  bool closed_ = false;
};

// Resolves a replay bound for every partition of a topic:
//   beginning | end (the end offsets now) | an RFC 3339 time (offsets_for_times:
//   the first record at or after it) | a duration back from now (-PT6H, -P2D) |
//   per-partition offsets "0:1200,1:880".
// `partitions` limits the range (empty: every partition, or those an offset
// list names). Returns the range or an error naming the bound at fault:
// reversed (times compared before offsets), empty, or outside the retained
// log: an offset below the log start, or a time older than the oldest
// retained record of a partition whose log start moved past 0 (retention or
// delete-records removed records the range asked for).
struct RangeRequest {
  std::string topic;
  std::string from;
  std::string to = "end";
  std::vector<int32_t> partitions;
  int64_t now_ms = 0;
};
struct ResolvedRange {
  TopicRange range;
  std::string error;  // empty when resolved
};
// rk: a consumer with enable.auto.commit=false (it is assigned to read the
// first retained record of a partition whose log start moved, then unassigned).
ResolvedRange resolve_range(rd_kafka_t* rk, const RangeRequest& request, int timeout_ms = 15000);

// Parses "-PT6H", "-P2D", "-PT30M", "-P1DT12H" into milliseconds back from now.
std::optional<int64_t> parse_lookback(std::string_view spec);

// One --from / --to before it meets the broker. A time from a duration is
// already made absolute (now_ms - the duration).
struct ReplayBound {
  enum class Kind { beginning, end, time, offsets } kind = Kind::end;
  int64_t time_ms = 0;
  std::map<int32_t, int64_t> offsets;
};
struct ParsedBound {
  std::optional<ReplayBound> bound;
  std::string error;  // names the flag, the text and the accepted forms
};
// name: "--from" or "--to", for the message.
ParsedBound parse_replay_bound(std::string_view spec, int64_t now_ms, const char* name);

}  // namespace newsflow::consumer

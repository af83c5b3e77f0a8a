#pragma once
// Records as they cross component boundaries: what a source hands the pipeline
// and what the pipeline hands a sink. Bytes stay bytes; nothing here parses.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace newsflow {

struct Header {
  std::string key;
  std::string value;
  bool operator==(const Header&) const = default;
};
using Headers = std::vector<Header>;

// Where a record came from. Absent for file input.
struct Origin {
  std::string topic;
  int32_t partition = -1;
  int64_t offset = -1;
  int64_t timestamp_ms = -1;  // the Kafka record timestamp, -1 when unknown
};

// One input message exactly as consumed. The key and value are copied out of
// librdkafka's buffer so the message can be released before processing.
struct RawRecord {
  std::optional<std::string> key;
  std::string value;
  Headers headers;
  std::optional<Origin> origin;
  uint64_t line_number = 0;  // file input: 1-based line; 0 for Kafka
};

// What the pipeline decided for one raw record, already serialised.
enum class Disposition {
  output,     // enriched record for the output topic
  duplicate,  // enriched record marked as a duplicate (dropped, routed or emitted per config)
  reject,     // dead letter: the original record plus error headers
};

struct ProcessedRecord {
  Disposition disposition = Disposition::output;
  std::string key;    // article id (output/duplicate); original key for rejects
  std::string value;  // enriched JSON (output/duplicate); original bytes for rejects
  Headers headers;
  std::string error_class;    // reject only: stable machine-readable class
  std::string error_message;  // reject only: readable reason
};

// A dedup fingerprint (or tombstone) for the compacted changelog topic.
struct StateChange {
  std::string key;
  std::optional<std::string> value;  // nullopt = tombstone
};

}  // namespace newsflow

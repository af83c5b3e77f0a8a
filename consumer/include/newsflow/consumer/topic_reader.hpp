#pragma once
// Reads every partition of a topic from the beginning, outside any consumer
// group (nothing is committed). The dedup changelog is read this way: up to
// its end at start-up (every instance reads all partitions), then followed
// for as long as the stage runs, so fingerprints committed by the other
// instances of the group reach this one's index while it works.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "newsflow/core/kafka.hpp"
#include "newsflow/core/record.hpp"

namespace newsflow::consumer {

struct TopicReadResult {
  uint64_t records = 0;
  bool topic_exists = true;
};

// on_record gets each record (key, value, headers, origin with the Kafka
// timestamp); tombstone is true for a record without a value.
using OnTopicRecord = std::function<void(const RawRecord& record, bool tombstone)>;

class TopicFollower {
 public:
  // Assigns every partition the topic has now (none when it does not exist:
  // exists() says so). Throws std::runtime_error when the metadata cannot be
  // read within timeout_ms.
  TopicFollower(const std::map<std::string, std::string>& properties, const std::string& topic, int timeout_ms);
  TopicFollower(const TopicFollower&) = delete;
  TopicFollower& operator=(const TopicFollower&) = delete;

  bool exists() const { return exists_; }
  // Reads from the beginning up to the end offsets of the moment it is
  // called (under read_committed: the last stable offset); called once,
  // before poll(). Throws std::runtime_error when that takes longer than
  // timeout_ms.
  uint64_t read_to_end(int timeout_ms, const OnTopicRecord& on_record);
  // Hands over what arrived, waiting at most `wait` for the first record.
  // Errors are transient here (librdkafka reconnects); the count is 0.
  uint64_t poll(std::chrono::milliseconds wait, const OnTopicRecord& on_record);

 private:
  std::string topic_;
  kafka::Handle rk_;
  std::vector<int32_t> partitions_;
  bool exists_ = true;
};

// One TopicFollower read to the end.
TopicReadResult read_topic_to_end(const std::map<std::string, std::string>& properties, const std::string& topic,
                                  int timeout_ms, const OnTopicRecord& on_record);

}  // namespace newsflow::consumer

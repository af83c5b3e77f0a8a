#pragma once
// Reads every partition of a topic from the beginning up to the high
// watermark seen at the start, outside any consumer group (nothing is
// committed). Used at start-up to rebuild the dedup index from its
// compacted changelog topic: every instance reads all partitions.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "newsflow/core/record.hpp"

namespace newsflow::consumer {

struct TopicReadResult {
  uint64_t records = 0;
  bool topic_exists = true;
};

// on_record gets each record (key, value, headers, origin); tombstone is true
// for a record without a value. Throws std::runtime_error when the topic
// cannot be read to its end within timeout_ms.
TopicReadResult read_topic_to_end(const std::map<std::string, std::string>& properties, const std::string& topic,
                                  int timeout_ms,
                                  const std::function<void(const RawRecord& record, bool tombstone)>& on_record);

}  // namespace newsflow::consumer

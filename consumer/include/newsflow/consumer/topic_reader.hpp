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

namespace newsflow::consumer {

struct TopicReadResult {
  uint64_t records = 0;
  bool topic_exists = true;
};

// on_record gets key and value (nullopt for a tombstone). Throws
// std::runtime_error when the topic cannot be read within timeout_ms.
TopicReadResult read_topic_to_end(
    const std::map<std::string, std::string>& properties, const std::string& topic, int timeout_ms,
    const std::function<void(std::string_view key, std::optional<std::string_view> value)>& on_record);

}  // namespace newsflow::consumer

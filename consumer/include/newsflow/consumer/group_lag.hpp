#pragma once
// A consumer group's lag on one topic, read from the brokers (committed
// offsets and end offsets), not from the group's members: it is there when
// every instance of the stage is stopped, which is when it matters most.
// `newsflow lag` prints and exports it.
#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "newsflow/core/kafka.hpp"

namespace newsflow::consumer {

struct PartitionLag {
  int32_t partition = -1;
  int64_t committed = -1;  // -1: the group has committed nothing here
  int64_t start = 0;       // low watermark
  int64_t end = 0;         // high watermark
  // Records the group has not consumed: end - committed, or end - start when
  // it has committed nothing (everything retained is still to be read).
  int64_t lag() const { return end - (committed >= 0 ? std::max(committed, start) : start); }
};

class GroupLagReader {
 public:
  // Never joins the group: it only asks its coordinator for the committed
  // offsets. Throws ConfigError for a bad property.
  GroupLagReader(std::map<std::string, std::string> properties, std::string group, std::string topic);
  // One reading of every partition, ordered by partition. Throws
  // std::runtime_error naming what failed (the topic missing, a timeout).
  std::vector<PartitionLag> read(int timeout_ms);

  const std::string& group() const { return group_; }
  const std::string& topic() const { return topic_; }

 private:
  std::string group_, topic_;
  kafka::Handle rk_;
};

}  // namespace newsflow::consumer

#include "newsflow/consumer/topic_reader.hpp"

#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include "newsflow/consumer/kafka_source.hpp"

namespace newsflow::consumer {
namespace {

bool transient(rd_kafka_resp_err_t e) {
  // Right after the topic is created, or while a leader moves, the broker
  // answers NOT_LEADER/LEADER_NOT_AVAILABLE for a moment.
  return e == RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION || e == RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE ||
         e == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART || e == RD_KAFKA_RESP_ERR_REPLICA_NOT_AVAILABLE ||
         e == RD_KAFKA_RESP_ERR__TRANSPORT;
}

}  // namespace

TopicFollower::TopicFollower(const std::map<std::string, std::string>& properties, const std::string& topic,
                             int timeout_ms)
    : topic_(topic) {
  auto props = properties;
  // librdkafka's consumer queue needs a group id even with manual assignment;
  // a private one that is never joined or committed to.
  props["group.id"] = "newsflow-reader-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
  props["enable.auto.commit"] = "false";
  props["enable.partition.eof"] = "true";
  rk_ = kafka::make_handle(RD_KAFKA_CONSUMER, kafka::make_conf(props, "topic reader"), "topic reader");

  const rd_kafka_metadata_t* md = nullptr;
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk_.get(), topic.c_str(), nullptr);
  const auto err = rd_kafka_metadata(rk_.get(), 0, rkt, &md, timeout_ms);
  rd_kafka_topic_destroy(rkt);
  if (err) throw std::runtime_error("topic '" + topic + "': metadata: " + rd_kafka_err2str(err));
  if (md->topic_cnt == 1 && md->topics[0].err == RD_KAFKA_RESP_ERR_NO_ERROR)
    for (int i = 0; i < md->topics[0].partition_cnt; ++i) partitions_.push_back(md->topics[0].partitions[i].id);
  else
    exists_ = false;
  rd_kafka_metadata_destroy(md);
  if (partitions_.empty()) return;
  kafka::PartitionList assignment(rd_kafka_topic_partition_list_new(static_cast<int>(partitions_.size())));
  for (int32_t p : partitions_)
    rd_kafka_topic_partition_list_add(assignment.get(), topic.c_str(), p)->offset = RD_KAFKA_OFFSET_BEGINNING;
  if (auto e = rd_kafka_assign(rk_.get(), assignment.get()))
    throw std::runtime_error("topic '" + topic + "': assign: " + rd_kafka_err2str(e));
}

uint64_t TopicFollower::read_to_end(int timeout_ms, const OnTopicRecord& on_record) {
  // Positions to reach: the end offsets now. A partition already there (or
  // empty) is done; the others end with their EOF event or last record.
  std::map<int32_t, int64_t> high;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (int32_t p : partitions_) {
    int64_t lo = 0, hi = 0;
    for (;;) {
      const auto e = rd_kafka_query_watermark_offsets(rk_.get(), topic_.c_str(), p, &lo, &hi, timeout_ms);
      if (!e) break;
      if (!transient(e) || std::chrono::steady_clock::now() > deadline)
        throw std::runtime_error("topic '" + topic_ + "': watermarks: " + rd_kafka_err2str(e));
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    if (hi > lo) high[p] = hi;
  }
  uint64_t records = 0;
  while (!high.empty()) {
    if (std::chrono::steady_clock::now() > deadline)
      throw std::runtime_error("topic '" + topic_ + "': not read to the end within " + std::to_string(timeout_ms) +
                               " ms");
    kafka::MessagePtr msg(rd_kafka_consumer_poll(rk_.get(), 200));
    if (!msg) continue;
    auto it = high.find(msg->partition);
    if (msg->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      if (it != high.end()) high.erase(it);
      continue;
    }
    if (msg->err) continue;  // transient; librdkafka retries
    on_record(to_raw_record(msg.get()), msg->payload == nullptr);
    ++records;
    if (it != high.end() && msg->offset + 1 >= it->second) high.erase(it);
  }
  return records;
}

uint64_t TopicFollower::poll(std::chrono::milliseconds wait, const OnTopicRecord& on_record) {
  if (partitions_.empty()) {
    std::this_thread::sleep_for(wait);
    return 0;
  }
  uint64_t records = 0;
  auto timeout = wait;
  // The first record may be waited for; the rest are only what is there.
  for (int n = 0; n < 10000; ++n) {
    kafka::MessagePtr msg(rd_kafka_consumer_poll(rk_.get(), static_cast<int>(timeout.count())));
    timeout = std::chrono::milliseconds(0);
    if (!msg) break;
    if (msg->err) continue;  // EOF, or transient: librdkafka retries
    on_record(to_raw_record(msg.get()), msg->payload == nullptr);
    ++records;
  }
  return records;
}

TopicReadResult read_topic_to_end(const std::map<std::string, std::string>& properties, const std::string& topic,
                                  int timeout_ms, const OnTopicRecord& on_record) {
  TopicFollower follower(properties, topic, timeout_ms);
  TopicReadResult result;
  result.topic_exists = follower.exists();
  result.records = follower.read_to_end(timeout_ms, on_record);
  return result;
}

}  // namespace newsflow::consumer

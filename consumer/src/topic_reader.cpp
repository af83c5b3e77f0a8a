#include "newsflow/consumer/topic_reader.hpp"

#include <chrono>
#include <stdexcept>
#include <vector>

#include "newsflow/consumer/kafka_source.hpp"
#include "newsflow/core/kafka.hpp"

namespace newsflow::consumer {

TopicReadResult read_topic_to_end(const std::map<std::string, std::string>& properties, const std::string& topic,
                                  int timeout_ms,
                                  const std::function<void(const RawRecord& record, bool tombstone)>& on_record) {
  auto props = properties;
  // librdkafka's consumer queue needs a group id even with manual assignment;
  // a private one that is never joined or committed to.
  props["group.id"] = "newsflow-reader-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
  props["enable.auto.commit"] = "false";
  props["enable.partition.eof"] = "true";
  kafka::Handle rk = kafka::make_handle(RD_KAFKA_CONSUMER, kafka::make_conf(props, "changelog reader"),
                                        "changelog reader");
  TopicReadResult result;

  const rd_kafka_metadata_t* md = nullptr;
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk.get(), topic.c_str(), nullptr);
  const auto err = rd_kafka_metadata(rk.get(), 0, rkt, &md, timeout_ms);
  rd_kafka_topic_destroy(rkt);
  if (err) throw std::runtime_error("changelog topic '" + topic + "': metadata: " + rd_kafka_err2str(err));
  std::vector<int32_t> partitions;
  if (md->topic_cnt == 1 && md->topics[0].err == RD_KAFKA_RESP_ERR_NO_ERROR)
    for (int i = 0; i < md->topics[0].partition_cnt; ++i) partitions.push_back(md->topics[0].partitions[i].id);
  else
    result.topic_exists = false;
  rd_kafka_metadata_destroy(md);
  if (partitions.empty()) return result;

  kafka::PartitionList assignment(rd_kafka_topic_partition_list_new(static_cast<int>(partitions.size())));
  size_t remaining = 0;
  std::map<int32_t, int64_t> high;
  for (int32_t p : partitions) {
    int64_t lo = 0, hi = 0;
    if (auto e = rd_kafka_query_watermark_offsets(rk.get(), topic.c_str(), p, &lo, &hi, timeout_ms))
      throw std::runtime_error("changelog topic '" + topic + "': watermarks: " + rd_kafka_err2str(e));
    if (hi <= lo) continue;
    high[p] = hi;
    rd_kafka_topic_partition_list_add(assignment.get(), topic.c_str(), p)->offset = RD_KAFKA_OFFSET_BEGINNING;
    ++remaining;
  }
  if (remaining == 0) return result;
  rd_kafka_assign(rk.get(), assignment.get());

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (remaining > 0) {
    if (std::chrono::steady_clock::now() > deadline)
      throw std::runtime_error("changelog topic '" + topic + "': not read to the end within " +
                               std::to_string(timeout_ms) + " ms");
    kafka::MessagePtr msg(rd_kafka_consumer_poll(rk.get(), 200));
    if (!msg) continue;
    auto it = high.find(msg->partition);
    if (msg->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      if (it != high.end()) {
        high.erase(it);
        --remaining;
      }
      continue;
    }
    if (msg->err) continue;  // transient; librdkafka retries
    on_record(to_raw_record(msg.get()), msg->payload == nullptr);
    ++result.records;
    if (it != high.end() && msg->offset + 1 >= it->second) {
      high.erase(it);
      --remaining;
    }
  }
  rd_kafka_assign(rk.get(), nullptr);
  return result;
}

}  // namespace newsflow::consumer

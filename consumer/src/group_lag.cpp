#include "newsflow/consumer/group_lag.hpp"

#include <stdexcept>

namespace newsflow::consumer {

GroupLagReader::GroupLagReader(std::map<std::string, std::string> properties, std::string group, std::string topic)
    : group_(std::move(group)), topic_(std::move(topic)) {
  properties["group.id"] = group_;
  properties["enable.auto.commit"] = "false";
  // read_committed would make the coordinator wait for a pending
  // transaction's offsets (up to transaction.timeout.ms, e.g. after a stage
  // was killed mid-transaction); lag wants what is committed now.
  properties["isolation.level"] = "read_uncommitted";
  rk_ = kafka::make_handle(RD_KAFKA_CONSUMER, kafka::make_conf(properties, "newsflow lag"), "newsflow lag");
}

std::vector<PartitionLag> GroupLagReader::read(int timeout_ms) {
  const rd_kafka_metadata_t* md = nullptr;
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk_.get(), topic_.c_str(), nullptr);
  const auto err = rd_kafka_metadata(rk_.get(), 0, rkt, &md, timeout_ms);
  rd_kafka_topic_destroy(rkt);
  if (err) throw std::runtime_error("topic '" + topic_ + "': metadata: " + rd_kafka_err2str(err));
  std::vector<PartitionLag> lags;
  const auto topic_err = md->topic_cnt == 1 ? md->topics[0].err : RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART;
  if (topic_err == RD_KAFKA_RESP_ERR_NO_ERROR)
    for (int i = 0; i < md->topics[0].partition_cnt; ++i) lags.push_back({md->topics[0].partitions[i].id});
  rd_kafka_metadata_destroy(md);
  if (topic_err) throw std::runtime_error("topic '" + topic_ + "': " + rd_kafka_err2str(topic_err));
  std::sort(lags.begin(), lags.end(), [](const auto& a, const auto& b) { return a.partition < b.partition; });

  kafka::PartitionList list(rd_kafka_topic_partition_list_new(static_cast<int>(lags.size())));
  for (const auto& l : lags) rd_kafka_topic_partition_list_add(list.get(), topic_.c_str(), l.partition);
  if (auto e = rd_kafka_committed(rk_.get(), list.get(), timeout_ms))
    throw std::runtime_error("group '" + group_ + "': committed offsets: " + rd_kafka_err2str(e));
  for (int i = 0; i < list->cnt; ++i) {
    const auto& tp = list->elems[i];
    if (tp.err) throw std::runtime_error("group '" + group_ + "': committed offset of partition " +
                                         std::to_string(tp.partition) + ": " + rd_kafka_err2str(tp.err));
    for (auto& l : lags)
      if (l.partition == tp.partition) l.committed = tp.offset >= 0 ? tp.offset : -1;
  }
  for (auto& l : lags)
    if (auto e = rd_kafka_query_watermark_offsets(rk_.get(), topic_.c_str(), l.partition, &l.start, &l.end, timeout_ms))
      throw std::runtime_error("topic '" + topic_ + "' partition " + std::to_string(l.partition) +
                               ": end offsets: " + rd_kafka_err2str(e));
  return lags;
}

}  // namespace newsflow::consumer

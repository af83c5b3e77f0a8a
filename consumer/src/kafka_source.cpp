#include "newsflow/consumer/kafka_source.hpp"

#include <cstring>

namespace newsflow::consumer {

RawRecord to_raw_record(const rd_kafka_message_t* msg) {
  RawRecord r;
  if (msg->key) r.key.emplace(static_cast<const char*>(msg->key), msg->key_len);
  if (msg->payload) r.value.assign(static_cast<const char*>(msg->payload), msg->len);
  rd_kafka_headers_t* hdrs = nullptr;
  if (rd_kafka_message_headers(msg, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR && hdrs) {
    const char* name;
    const void* value;
    size_t size;
    for (size_t idx = 0; rd_kafka_header_get_all(hdrs, idx, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR;
         ++idx)
      r.headers.push_back({name, value ? std::string(static_cast<const char*>(value), size) : std::string()});
  }
  Origin o;
  o.topic = rd_kafka_topic_name(msg->rkt);
  o.partition = msg->partition;
  o.offset = msg->offset;
  rd_kafka_timestamp_type_t ts_type;
  o.timestamp_ms = rd_kafka_message_timestamp(msg, &ts_type);
  r.origin = std::move(o);
  return r;
}

KafkaSource::KafkaSource(KafkaSourceOptions options) : options_(std::move(options)) {
  auto properties = options_.properties;
  // The run loop owns commits: nothing is committed before it is delivered.
  properties["enable.auto.commit"] = "false";
  properties["enable.auto.offset.store"] = "false";
  properties.try_emplace("auto.offset.reset", "earliest");
  // Eager assignment: librdkafka 2.0.2's cooperative-sticky has known hangs
  // and crashes on close (#4381, #4528, #4800); eager is correct here because
  // the loop never has records in flight while it polls (rebalances happen
  // only inside poll_batch, between committed batches).
  properties.try_emplace("partition.assignment.strategy", "range,roundrobin");
  auto conf = kafka::make_conf(properties, "kafka.consumer");
  rd_kafka_conf_set_opaque(conf.get(), this);
  rd_kafka_conf_set_rebalance_cb(conf.get(), &KafkaSource::rebalance_cb);
  if (options_.on_statistics) rd_kafka_conf_set_stats_cb(conf.get(), &KafkaSource::stats_cb);
  rk_ = kafka::make_handle(RD_KAFKA_CONSUMER, std::move(conf), "kafka consumer");
  // Route the main queue (stats, errors) into the consumer queue so one poll serves all.
  rd_kafka_poll_set_consumer(rk_.get());
  queue_.reset(rd_kafka_queue_get_consumer(rk_.get()));

  kafka::PartitionList topics(rd_kafka_topic_partition_list_new(1));
  rd_kafka_topic_partition_list_add(topics.get(), options_.topic.c_str(), RD_KAFKA_PARTITION_UA);
  if (auto err = rd_kafka_subscribe(rk_.get(), topics.get()))
    throw ConfigError("input.topic '" + options_.topic + "': cannot subscribe: " + rd_kafka_err2str(err));
}

KafkaSource::~KafkaSource() { close(); }

void KafkaSource::rebalance_cb(rd_kafka_t* rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* parts,
                               void* opaque) {
  auto* self = static_cast<KafkaSource*>(opaque);
  std::vector<std::pair<std::string, int32_t>> list;
  for (int i = 0; i < parts->cnt; ++i) list.emplace_back(parts->elems[i].topic, parts->elems[i].partition);
  if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
    rd_kafka_assign(rk, parts);
    self->assigned_ = static_cast<size_t>(parts->cnt);
    if (self->options_.on_rebalance) self->options_.on_rebalance("assigned", list);
  } else {
    // Every record polled before this point was delivered with its batch; a
    // commit the rebalance refused is retried now, while this member still
    // holds the old generation.
    if (!self->pending_.empty()) {
      const OffsetMap pending = std::move(self->pending_);
      self->pending_.clear();
      self->commit(pending);
      // Whatever the outcome, these partitions are no longer ours: a later
      // commit must not carry their offsets and move the new owner back.
      self->pending_.clear();
    }
    rd_kafka_assign(rk, nullptr);
    self->assigned_ = 0;
    if (self->options_.on_rebalance) self->options_.on_rebalance("revoked", list);
  }
}

int KafkaSource::stats_cb(rd_kafka_t*, char* json, size_t len, void* opaque) {
  auto* self = static_cast<KafkaSource*>(opaque);
  self->options_.on_statistics(std::string_view(json, len));
  return 0;  // librdkafka frees json
}

PollStatus KafkaSource::poll_batch(std::vector<RawRecord>& batch, size_t max, int timeout_ms) {
  if (messages_.size() < max) messages_.resize(max);
  const ssize_t n = rd_kafka_consume_batch_queue(queue_.get(), timeout_ms, messages_.data(), max);
  if (n < 0) {
    error_ = std::string("consume failed: ") + rd_kafka_err2str(rd_kafka_last_error());
    return PollStatus::fatal;
  }
  PollStatus status = PollStatus::ok;
  for (ssize_t i = 0; i < n; ++i) {
    kafka::MessagePtr msg(messages_[static_cast<size_t>(i)]);
    if (msg->err) {
      if (msg->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) continue;
      // Topic/partition errors and transient broker errors are retried by
      // librdkafka; only a fatal error stops the stage.
      char reason[512];
      if (msg->err == RD_KAFKA_RESP_ERR__FATAL &&
          rd_kafka_fatal_error(rk_.get(), reason, sizeof reason) != RD_KAFKA_RESP_ERR_NO_ERROR) {
        error_ = std::string("fatal consumer error: ") + reason;
        status = PollStatus::fatal;
      } else if (msg->err == RD_KAFKA_RESP_ERR__FATAL) {
        error_ = "fatal consumer error";
        status = PollStatus::fatal;
      }
      continue;
    }
    batch.push_back(to_raw_record(msg.get()));
  }
  return status;
}

bool KafkaSource::commit(const OffsetMap& offsets) {
  for (const auto& [tp, offset] : offsets) pending_[tp] = offset;
  if (pending_.empty()) return true;
  kafka::PartitionList list(rd_kafka_topic_partition_list_new(static_cast<int>(pending_.size())));
  for (const auto& [tp, offset] : pending_)
    rd_kafka_topic_partition_list_add(list.get(), tp.first.c_str(), tp.second)->offset = offset;
  const rd_kafka_resp_err_t err = rd_kafka_commit(rk_.get(), list.get(), /*async=*/0);
  if (err) {
    error_ = std::string("offset commit failed: ") + rd_kafka_err2str(err);
    return false;
  }
  pending_.clear();
  return true;
}

void KafkaSource::close() {
  if (closed_ || !rk_) return;
  closed_ = true;
  rd_kafka_consumer_close(rk_.get());
}

}  // namespace newsflow::consumer

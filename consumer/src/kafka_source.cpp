#include "newsflow/consumer/kafka_source.hpp"

#include <algorithm>
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
  // The engine owns commits: nothing is committed before it is stored.
  properties["enable.auto.commit"] = "false";
  properties["enable.auto.offset.store"] = "false";
  // Records of aborted upstream transactions (and our own, when the input is
  // another stage's output) must never be processed.
  properties["isolation.level"] = "read_committed";
  properties.try_emplace("auto.offset.reset", "earliest");
  // Eager assignment: librdkafka 2.0.2's cooperative-sticky has known hangs
  // and crashes on close (#4381, #4528, #4800); with eager, the engine
  // commits (or aborts) its open batch in the revoke callback, so nothing is
  // in flight when partitions move.
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
    // This member still holds the old generation here, so the open batch
    // can still commit its offsets (or its transaction) for these partitions.
    if (self->revoke_handler_) self->revoke_handler_(rd_kafka_assignment_lost(rk) != 0);
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

size_t KafkaSource::take(std::vector<RawRecord>& batch, size_t max, int timeout_ms, Status& status) {
  if (messages_.size() < max) messages_.resize(max);
  const ssize_t n = rd_kafka_consume_batch_queue(queue_.get(), timeout_ms, messages_.data(), max);
  if (n < 0) {
    status = Status::fatal(std::string("consume failed: ") + rd_kafka_err2str(rd_kafka_last_error()));
    return 0;
  }
  size_t taken = 0;
  for (ssize_t i = 0; i < n; ++i) {
    kafka::MessagePtr msg(messages_[static_cast<size_t>(i)]);
    if (msg->err) {
      if (msg->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) continue;
      // Topic/partition errors and transient broker errors are retried by
      // librdkafka; only a fatal error stops the worker.
      if (msg->err == RD_KAFKA_RESP_ERR__FATAL)
        status = kafka::fatal_error(rk_.get(), "fatal consumer error").value_or(Status::fatal("fatal consumer error"));
      continue;
    }
    batch.push_back(to_raw_record(msg.get()));
    ++taken;
  }
  return taken;
}

Status KafkaSource::poll(std::vector<RawRecord>& batch, size_t max, std::chrono::milliseconds wait) {
  // A refused password or certificate: librdkafka would retry for ever.
  if (auto failure = kafka::fatal_client_error()) return Status::fatal("cannot connect to Kafka: " + *failure);
  Status status = Status::ok();
  // rd_kafka_consume_batch_queue waits for the whole timeout unless `max`
  // records arrive, so first take what is there, and wait only for one.
  if (take(batch, max, 0, status) > 0 || !status.is_ok()) return status;
  if (take(batch, 1, static_cast<int>(wait.count()), status) > 0 && status.is_ok() && max > 1)
    take(batch, max - 1, 0, status);
  return status;
}

Status KafkaSource::rewind() {
  rd_kafka_topic_partition_list_t* raw = nullptr;
  if (auto err = rd_kafka_assignment(rk_.get(), &raw))
    return Status::retriable(std::string("rewind: assignment: ") + rd_kafka_err2str(err), err);
  kafka::PartitionList assignment(raw);
  if (assignment->cnt == 0) return Status::ok();
  if (auto err = rd_kafka_committed(rk_.get(), assignment.get(), 10000))
    return Status::retriable(std::string("rewind: committed offsets: ") + rd_kafka_err2str(err), err);
  for (int i = 0; i < assignment->cnt; ++i)
    if (assignment->elems[i].offset < 0) assignment->elems[i].offset = RD_KAFKA_OFFSET_BEGINNING;
  // Seeking also drops what the consumer had fetched beyond those offsets.
  kafka::ErrorPtr error(rd_kafka_seek_partitions(rk_.get(), assignment.get(), 10000));
  if (error) return Status::retriable(std::string("rewind: seek: ") + rd_kafka_error_string(error.get()));
  for (int i = 0; i < assignment->cnt; ++i)
    if (auto err = assignment->elems[i].err)
      return Status::retriable(std::string("rewind: seek: ") + rd_kafka_err2str(err), err);
  return Status::ok();
}

void KafkaSource::close() {
  if (closed_ || !rk_) return;
  closed_ = true;
  rd_kafka_consumer_close(rk_.get());
}

Status classify_commit_error(rd_kafka_resp_err_t err) {
  std::string message = std::string("offset commit failed: ") + rd_kafka_err2str(err);
  switch (err) {
    case RD_KAFKA_RESP_ERR_NO_ERROR:
    case RD_KAFKA_RESP_ERR__NO_OFFSET:
      return Status::ok();
    // The group moved on (a rebalance): the new owner starts from the last
    // committed offsets, so this batch will be processed again there.
    case RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS:
    case RD_KAFKA_RESP_ERR_ILLEGAL_GENERATION:
    case RD_KAFKA_RESP_ERR_UNKNOWN_MEMBER_ID:
    case RD_KAFKA_RESP_ERR__ASSIGNMENT_LOST:
    case RD_KAFKA_RESP_ERR_FENCED_INSTANCE_ID:
      return Status::abortable(std::move(message), err);
    case RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED:
    case RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED:
    case RD_KAFKA_RESP_ERR__FATAL:
      return Status::fatal(std::move(message), err);
    default:
      return Status::retriable(std::move(message), err);
  }
}

OffsetCommitter::OffsetCommitter(rd_kafka_t* consumer)
    : consumer_(consumer), answers_(consumer ? rd_kafka_queue_new(consumer) : nullptr) {}

kafka::PartitionList OffsetCommitter::outgoing(const OffsetMap& next_offsets) {
  OffsetMap all = std::move(resend_);
  resend_.clear();
  for (const auto& [tp, offset] : next_offsets) all[tp] = offset;  // later than anything kept
  kafka::PartitionList list(rd_kafka_topic_partition_list_new(static_cast<int>(std::max<size_t>(1, all.size()))));
  for (const auto& [tp, offset] : all) {
    rd_kafka_topic_partition_list_add(list.get(), tp.first.c_str(), tp.second)->offset = offset;
    sent_[tp] = offset;
  }
  return list;
}

Status OffsetCommitter::collect_answers() {
  Status problem = Status::ok();
  while (rd_kafka_event_t* ev = rd_kafka_queue_poll(answers_.get(), 0)) {
    if (rd_kafka_event_type(ev) == RD_KAFKA_EVENT_OFFSET_COMMIT) {
      const rd_kafka_resp_err_t err = rd_kafka_event_error(ev);
      const rd_kafka_topic_partition_list_t* list = rd_kafka_event_topic_partition_list(ev);
      for (int i = 0; list && i < list->cnt; ++i) {
        const auto& p = list->elems[i];
        Status s = classify_commit_error(p.err ? p.err : err);
        if (s.is_ok()) continue;
        const std::pair<std::string, int32_t> tp{p.topic, p.partition};
        if (s.is_retriable()) {
          // Only if no later commit of this partition went out since.
          if (auto it = sent_.find(tp); it != sent_.end() && it->second == p.offset) resend_[tp] = p.offset;
        } else if (problem.is_ok() || s.is_fatal()) {
          problem = s;
        }
      }
      if (err && (!list || list->cnt == 0) && problem.is_ok() && !classify_commit_error(err).is_retriable())
        problem = classify_commit_error(err);
    }
    rd_kafka_event_destroy(ev);
  }
  return problem;
}

Status OffsetCommitter::commit(const OffsetMap& next_offsets) {
  if (!consumer_) return Status::ok();
  if (Status earlier = collect_answers(); !earlier.is_ok()) return earlier;
  if (next_offsets.empty() && resend_.empty()) return Status::ok();
  const OffsetMap kept = resend_;
  kafka::PartitionList list = outgoing(next_offsets);
  Status s = classify_commit_error(rd_kafka_commit(consumer_, list.get(), /*async=*/0));
  // A retried commit() sends them again; what was kept stays kept.
  if (!s.is_ok())
    for (const auto& [tp, offset] : kept) resend_.emplace(tp, offset);
  return s;
}

Status OffsetCommitter::send_commit(const OffsetMap& next_offsets) {
  if (!consumer_) return Status::ok();
  if (Status earlier = collect_answers(); !earlier.is_ok()) return earlier;
  if (next_offsets.empty() && resend_.empty()) return Status::ok();
  kafka::PartitionList list = outgoing(next_offsets);
  // The answer is posted to answers_ and read by the next call.
  return classify_commit_error(rd_kafka_commit_queue(consumer_, list.get(), answers_.get(), nullptr, nullptr));
}

void OffsetCommitter::partitions_revoked() {
  if (!consumer_) return;
  // What failed retriably is sent once more while this member still holds
  // the partitions; after this, their next owner commits them.
  (void)commit({});  // best effort: at worst those records are read again
  resend_.clear();
  sent_.clear();
}

}  // namespace newsflow::consumer

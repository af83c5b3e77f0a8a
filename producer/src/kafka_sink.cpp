#include "newsflow/producer/kafka_sink.hpp"

#include "newsflow/core/time.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <thread>

namespace newsflow::producer {

namespace {

// Retrying cannot help: the same records would fail again, forever.
bool is_authorization_failure(int code) {
  return code == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED ||
         code == RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED ||
         code == RD_KAFKA_RESP_ERR_TRANSACTIONAL_ID_AUTHORIZATION_FAILED ||
         code == RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED;
}

bool is_purge(rd_kafka_resp_err_t err) {
  return err == RD_KAFKA_RESP_ERR__PURGE_QUEUE || err == RD_KAFKA_RESP_ERR__PURGE_INFLIGHT;
}

}  // namespace

KafkaSink::KafkaSink(KafkaSinkOptions options)
    : options_(std::move(options)) {
  if (!options_.changelog_writer.empty()) changelog_headers_.push_back({"newsflow_writer", options_.changelog_writer});
  auto properties = options_.properties;
  // Idempotence keeps retries from duplicating or reordering records per partition.
  properties["enable.idempotence"] = "true";
  properties.try_emplace("acks", "all");
  properties.try_emplace("linger.ms", "5");
  properties.try_emplace("compression.type", "lz4");
  auto conf = kafka::make_conf(properties, "kafka.producer");
  rd_kafka_conf_set_opaque(conf.get(), this);
  rd_kafka_conf_set_dr_msg_cb(conf.get(), &KafkaSink::delivery_cb);
  rd_kafka_conf_set_log_cb(conf.get(), &KafkaSink::log_cb);
  if (options_.on_statistics) rd_kafka_conf_set_stats_cb(conf.get(), &KafkaSink::stats_cb);
  rk_ = kafka::make_handle(RD_KAFKA_PRODUCER, std::move(conf), "kafka producer");
}

KafkaSink::~KafkaSink() {
  // Serve outstanding delivery reports before destroying (librdkafka's rule).
  if (rk_) rd_kafka_flush(rk_.get(), 5000);
}

int KafkaSink::stats_cb(rd_kafka_t*, char* json, size_t len, void* opaque) {
  static_cast<KafkaSink*>(opaque)->options_.on_statistics(std::string_view(json, len));
  return 0;  // librdkafka frees json
}

void KafkaSink::log_cb(const rd_kafka_t* rk, int level, const char* facility, const char* message) {
  // Which topic a transaction could not add is in this log line only
  // (librdkafka 2.0: 'Failed to add partition "<topic>" [0] to transaction:
  // Broker: Topic authorization failed'); the transaction's error names none.
  if (level <= 3 && std::strcmp(facility, "ADDPARTS") == 0 && std::strstr(message, "authorization failed")) {
    const std::string_view line(message);
    const auto from = line.find("partition \"");
    const auto to = from == std::string_view::npos ? from : line.find('"', from + 11);
    if (to != std::string_view::npos) {
      auto* self = static_cast<KafkaSink*>(rd_kafka_opaque(rk));
      std::lock_guard lock(self->denied_mutex_);
      if (self->denied_topic_.empty()) self->denied_topic_ = line.substr(from + 11, to - from - 11);
    }
  }
  if (auto log = kafka::log_callback()) log(rk, level, facility, message);
  else rd_kafka_log_print(rk, level, facility, message);
}

void KafkaSink::delivery_cb(rd_kafka_t*, const rd_kafka_message_t* msg, void* opaque) {
  auto* self = static_cast<KafkaSink*>(opaque);
  const uint64_t failed_before = self->deliveries_.failed_count();
  self->deliveries_.delivered(reinterpret_cast<uintptr_t>(msg->_private), msg->err != RD_KAFKA_RESP_ERR_NO_ERROR);
  if (failed_before == 0 && self->deliveries_.failed_count() > 0) {
    self->first_error_code_ = msg->err;
    self->first_error_ = std::string("delivery to '") + rd_kafka_topic_name(msg->rkt) + "' failed: " +
                         rd_kafka_err2str(msg->err);
  }
}

Status KafkaSink::classify(rd_kafka_resp_err_t err, std::string message) {
  if (auto fatal = kafka::fatal_error(rk_.get(), "fatal producer error")) return *fatal;
  if (is_authorization_failure(err)) return Status::fatal(denied(err, std::move(message)), err);
  return classify_produce_error(err, std::move(message));
}

Status classify_produce_error(rd_kafka_resp_err_t err, std::string message) {
  if (is_authorization_failure(err)) return Status::fatal(std::move(message), err);
  switch (err) {
    case RD_KAFKA_RESP_ERR__AUTHENTICATION:
      return Status::fatal(std::move(message), err);
    case RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE:
    case RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE:
      return Status::fatal(std::move(message) +
                               " (lower input.max_record_bytes below the topic's max.message.bytes)",
                           err);
    default:
      return Status::abortable(std::move(message), err);
  }
}

Status KafkaSink::produce(const std::string& topic, std::optional<std::string_view> key,
                          std::optional<std::string_view> value, const Headers& headers, int64_t timestamp_ms) {
  // The librdkafka macros cast their arguments without parentheses.
  const void* key_data = key ? key->data() : nullptr;
  const size_t key_size = key ? key->size() : 0;
  void* value_data = value ? const_cast<char*>(value->data()) : nullptr;
  const size_t value_size = value ? value->size() : 0;
  for (;;) {
    rd_kafka_headers_t* hdrs = rd_kafka_headers_new(headers.size());
    for (const auto& h : headers)
      rd_kafka_header_add(hdrs, h.key.data(), static_cast<ssize_t>(h.key.size()), h.value.data(),
                          static_cast<ssize_t>(h.value.size()));
    const uint64_t seq = deliveries_.add();
    const rd_kafka_resp_err_t err = rd_kafka_producev(
        rk_.get(), RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
        RD_KAFKA_V_KEY(key_data, key_size), RD_KAFKA_V_VALUE(value_data, value_size),
        RD_KAFKA_V_HEADERS(hdrs), RD_KAFKA_V_TIMESTAMP(timestamp_ms),
        RD_KAFKA_V_OPAQUE(reinterpret_cast<void*>(static_cast<uintptr_t>(seq))), RD_KAFKA_V_END);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return Status::ok();  // librdkafka owns hdrs now
    deliveries_.remove_last();
    rd_kafka_headers_destroy(hdrs);
    if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      // Let delivery reports drain the local queue, then try again.
      rd_kafka_poll(rk_.get(), 100);
      continue;
    }
    return classify(err, "produce to '" + topic + "': " + rd_kafka_err2str(err));
  }
}

std::string KafkaSink::denied(int code, std::string message) {
  std::lock_guard lock(denied_mutex_);
  if (code != RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED || denied_topic_.empty()) return message;
  return "writing to '" + denied_topic_ + "' is not authorized (the topic's ACLs): " + message;
}

Status KafkaSink::transaction_status(rd_kafka_error_t* error, std::string_view what) {
  if (error && is_authorization_failure(rd_kafka_error_code(error))) {
    kafka::ErrorPtr owned(error);
    const int code = rd_kafka_error_code(error);
    return Status::fatal(denied(code, std::string(what) + ": " + rd_kafka_error_string(error)), code);
  }
  return kafka::to_status(error, what);
}

std::optional<Status> KafkaSink::transaction_error(const std::string& records) {
  if (!options_.properties.contains("transactional.id")) return std::nullopt;
  // librdkafka has no call that reads the transaction's error, but
  // begin_transaction answers with it, changing nothing, in every state but
  // Ready; in Ready (no transaction open) the one it opens is aborted at once.
  rd_kafka_error_t* error = rd_kafka_begin_transaction(rk_.get());
  if (!error) {
    const kafka::ErrorPtr aborted(rd_kafka_abort_transaction(rk_.get(), 5000));
    return std::nullopt;
  }
  if (!rd_kafka_error_txn_requires_abort(error) && !rd_kafka_error_is_fatal(error)) {
    const kafka::ErrorPtr owned(error);
    return std::nullopt;
  }
  return transaction_status(error, "the transaction failed" + records);
}

Status KafkaSink::failure() {
  const uint64_t failed = deliveries_.failed_count();
  // The engine aborts on it; the other records written so far go with the batch.
  deliveries_.forget();
  // A failed transaction purges its queued records, and their reports only
  // say "Purged in queue": the transaction's own error is the cause.
  if (is_purge(first_error_code_)) {
    if (auto cause = transaction_error(" (" + std::to_string(failed) + " records not sent)")) return *cause;
  }
  return classify(first_error_code_, first_error_ + " (" + std::to_string(failed) + " records)");
}

std::optional<Status> KafkaSink::delivered(Mark mark) {
  rd_kafka_poll(rk_.get(), 0);
  if (deliveries_.failed_through(mark)) return failure();
  if (deliveries_.settled_through(mark)) return Status::ok();
  return std::nullopt;
}

Status KafkaSink::await_delivery(Mark mark, int timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  // Short flushes (they send at once, ignoring linger.ms, and serve the
  // callbacks) return soon after the last report before the mark is in, and
  // a failure does not wait for the rest.
  while (!deliveries_.settled_through(mark) && !deliveries_.failed_through(mark) &&
         std::chrono::steady_clock::now() < deadline)
    rd_kafka_flush(rk_.get(), 10);
  if (deliveries_.failed_through(mark)) return failure();
  if (!deliveries_.settled_through(mark))
    return Status::retriable("delivery not confirmed within " + std::to_string(timeout_ms) + " ms (" +
                             std::to_string(deliveries_.outstanding()) + " records outstanding)");
  return Status::ok();
}

Status KafkaSink::write(Destination destination, const RawRecord& input, const ProcessedRecord& record) {
  const std::string& topic = destination == Destination::duplicate ? options_.topics.duplicates : options_.topics.output;
  if (!options_.cloudevents.enabled) return produce(topic, record.key, record.value, record.headers);
  output_headers_ = record.headers;
  if (input.origin) {
    set_cloudevents_headers(output_headers_, options_.cloudevents, *input.origin, record.key, now_ms());
  } else {
    // A file record (replay --from-file) is identified by its line.
    const Origin line{"file", 0, static_cast<int64_t>(input.line_number), -1};
    set_cloudevents_headers(output_headers_, options_.cloudevents, line, record.key, now_ms());
  }
  return produce(topic, record.key, record.value, output_headers_);
}

Status KafkaSink::write_dead_letter(const RawRecord& input, const ProcessedRecord& rejection) {
  return produce(options_.topics.dead_letter, input.key, input.value, dead_letter_headers(input, rejection),
                 input.origin ? input.origin->timestamp_ms : 0);
}

Status KafkaSink::write_state_change(const StateChange& change) {
  if (options_.topics.changelog.empty()) return Status::ok();  // a replay keeps the live state read-only
  return produce(options_.topics.changelog, std::string_view(change.key),
                 change.value ? std::optional<std::string_view>(*change.value) : std::nullopt, changelog_headers_);
}

Status KafkaSink::write_passthrough(const RawRecord& input) {
  return produce(options_.topics.output, input.key, input.value, input.headers);
}

TransactionCommitter::TransactionCommitter(KafkaSink& sink, rd_kafka_t* consumer, int timeout_ms)
    : sink_(sink), consumer_(consumer), timeout_ms_(timeout_ms) {}

Status TransactionCommitter::init() {
  return kafka::to_status(rd_kafka_init_transactions(sink_.handle(), timeout_ms_), "init_transactions");
}

Status TransactionCommitter::begin() {
  offsets_sent_ = false;
  return sink_.transaction_status(rd_kafka_begin_transaction(sink_.handle()), "begin_transaction");
}

Status TransactionCommitter::commit(const OffsetMap& next_offsets) {
  kafka::PartitionList list(rd_kafka_topic_partition_list_new(static_cast<int>(std::max<size_t>(1, next_offsets.size()))));
  for (const auto& [tp, offset] : next_offsets)
    rd_kafka_topic_partition_list_add(list.get(), tp.first.c_str(), tp.second)->offset = offset;
  if (!offsets_sent_ && !next_offsets.empty()) {
    rd_kafka_consumer_group_metadata_t* metadata = rd_kafka_consumer_group_metadata(consumer_);
    Status sent = sink_.transaction_status(
        rd_kafka_send_offsets_to_transaction(sink_.handle(), list.get(), metadata, timeout_ms_),
        "send_offsets_to_transaction");
    rd_kafka_consumer_group_metadata_destroy(metadata);
    if (!sent.is_ok()) return sent;
    offsets_sent_ = true;
  }
  Status committed =
      sink_.transaction_status(rd_kafka_commit_transaction(sink_.handle(), timeout_ms_), "commit_transaction");
  // The consumer never sees these commits (the coordinator stores them from
  // the transaction); storing them locally keeps its lag statistics right
  // (consumer_lag_stored). Auto-commit is off, so nothing is committed twice.
  if (committed.is_ok() && consumer_ && list->cnt > 0) rd_kafka_offsets_store(consumer_, list.get());
  return committed;
}

Status TransactionCommitter::abort() {
  return kafka::to_status(rd_kafka_abort_transaction(sink_.handle(), timeout_ms_), "abort_transaction");
}

void KafkaSink::ensure_topic(const std::string& topic, int partitions,
                             const std::map<std::string, std::string>& config, int timeout_ms) {
  char err[512];
  rd_kafka_NewTopic_t* nt = rd_kafka_NewTopic_new(topic.c_str(), partitions, -1, err, sizeof err);
  if (!nt) throw ConfigError("topic '" + topic + "': " + err);
  for (const auto& [k, v] : config) rd_kafka_NewTopic_set_config(nt, k.c_str(), v.c_str());
  kafka::Queue queue(rd_kafka_queue_new(rk_.get()));
  rd_kafka_AdminOptions_t* opts = rd_kafka_AdminOptions_new(rk_.get(), RD_KAFKA_ADMIN_OP_CREATETOPICS);
  rd_kafka_AdminOptions_set_operation_timeout(opts, timeout_ms, err, sizeof err);
  rd_kafka_CreateTopics(rk_.get(), &nt, 1, opts, queue.get());
  rd_kafka_event_t* ev = rd_kafka_queue_poll(queue.get(), timeout_ms + 2000);
  std::string problem;
  if (!ev) {
    problem = "no answer from the broker";
  } else if (rd_kafka_event_error(ev)) {
    problem = rd_kafka_event_error_string(ev);
  } else if (const auto* res = rd_kafka_event_CreateTopics_result(ev)) {
    size_t n;
    const rd_kafka_topic_result_t** results = rd_kafka_CreateTopics_result_topics(res, &n);
    for (size_t i = 0; i < n; ++i) {
      const auto e = rd_kafka_topic_result_error(results[i]);
      if (e && e != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) problem = rd_kafka_err2str(e);
    }
  }
  if (ev) rd_kafka_event_destroy(ev);
  rd_kafka_AdminOptions_destroy(opts);
  rd_kafka_NewTopic_destroy(nt);
  if (!problem.empty()) throw ConfigError("cannot create topic '" + topic + "': " + problem);
}

std::vector<std::string> KafkaSink::missing_topics(const std::vector<std::string>& topics, int timeout_ms) {
  const rd_kafka_metadata_t* md = nullptr;
  // Short tries, serving error_cb in between: a refused password or broker
  // certificate then stops start-up at once instead of after timeout_ms.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (true) {
    rd_kafka_poll(rk_.get(), 0);
    if (auto failure = kafka::fatal_client_error())
      throw ConfigError("cannot connect to Kafka: " + *failure +
                        " (check security.protocol, sasl.mechanism, sasl.username, kafka.sasl_password, "
                        "ssl.ca.location)");
    // All-topics metadata: asking for one topic could trigger its auto-creation.
    const auto err = rd_kafka_metadata(rk_.get(), 1, nullptr, &md, 500);
    if (!err) break;
    if (std::chrono::steady_clock::now() >= deadline)
      throw ConfigError(std::string("kafka.brokers: cannot read cluster metadata: ") + rd_kafka_err2str(err));
  }
  std::vector<std::string> missing;
  for (const auto& topic : topics) {
    bool found = false;
    for (int i = 0; i < md->topic_cnt && !found; ++i)
      found = topic == md->topics[i].topic && md->topics[i].err == RD_KAFKA_RESP_ERR_NO_ERROR;
    if (!found) missing.push_back(topic);
  }
  rd_kafka_metadata_destroy(md);
  return missing;
}

Headers dead_letter_headers(const RawRecord& input, const ProcessedRecord& result) {
  Headers h = input.headers;
  h.push_back({"newsflow.error.class", result.error_class});
  h.push_back({"newsflow.error.message", result.error_message});
  if (input.origin) {
    h.push_back({"newsflow.origin.topic", input.origin->topic});
    h.push_back({"newsflow.origin.partition", std::to_string(input.origin->partition)});
    h.push_back({"newsflow.origin.offset", std::to_string(input.origin->offset)});
    h.push_back({"newsflow.origin.timestamp", std::to_string(input.origin->timestamp_ms)});
  }
  return h;
}

}  // namespace newsflow::producer

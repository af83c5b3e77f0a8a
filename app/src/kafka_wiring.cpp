#include "newsflow/app/kafka_wiring.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include "newsflow/consumer/kafka_source.hpp"
#include "newsflow/app/stage.hpp"
#include "newsflow/consumer/topic_reader.hpp"

namespace newsflow::app {

std::string instance_name(const Config& config) {
  if (!config.string("kafka.instance_id").empty()) return config.string("kafka.instance_id");
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0 || host[0] == '\0') return "newsflow";
  return host;
}

std::string client_id(const Config& config, std::string_view role) {
  return config.string("kafka.client_id_prefix") + "-" + instance_name(config) + "-" + std::string(role);
}

WorkerIds worker_ids(const Config& config, const std::string& group, int worker, std::string_view role) {
  const std::string index = std::to_string(worker);
  return {client_id(config, role.empty() ? index : std::string(role) + "-" + index),
          config.string("kafka.transactional_id_prefix") + "-" + group + "-" + instance_name(config) + "-" + index};
}

std::map<std::string, std::string> client_properties(const Config& config,
                                                     const std::map<std::string, std::string>& pass_through,
                                                     const std::string& client_id) {
  std::map<std::string, std::string> p;
  p["bootstrap.servers"] = config.string("kafka.brokers");
  p["client.id"] = client_id;
  if (!config.string("kafka.sasl_password").empty()) p["sasl.password"] = config.string("kafka.sasl_password");
  for (const auto& [k, v] : pass_through) p[k] = v;
  return p;
}

bool exactly_once(const Config& config) { return config.string("processing.guarantee") == "exactly_once"; }

producer::KafkaSinkOptions sink_options(const Config& config, const producer::SinkTopics& topics,
                                        const WorkerIds& ids) {
  producer::KafkaSinkOptions options;
  options.properties = client_properties(config, config.producer_properties(), ids.client_id);
  if (exactly_once(config)) options.properties["transactional.id"] = ids.transactional_id;
  options.topics = topics;
  options.flush_timeout_ms = static_cast<int>(config.duration("run.delivery_timeout").count());
  options.cloudevents = cloudevents_options(config);
  return options;
}

std::unique_ptr<Committer> make_committer(const Config& config, producer::KafkaSink& sink, rd_kafka_t* consumer,
                                          const WorkerIds& ids, const std::atomic<bool>& stop) {
  if (!exactly_once(config)) return std::make_unique<consumer::OffsetCommitter>(consumer);
  auto txn = std::make_unique<producer::TransactionCommitter>(sink, consumer);
  // Fences a zombie with the same transactional.id (a previous run of this
  // worker) and aborts whatever it left open.
  Status init = txn->init();
  for (int attempt = 1; init.is_retriable() && attempt < 20 && !stop.load(); ++attempt) {
    spdlog::warn("{}: init_transactions: {}; retrying", ids.client_id, init.message());
    init = txn->init();
  }
  if (!init.is_ok())
    throw std::runtime_error("cannot start exactly-once with transactional.id '" + ids.transactional_id + "' (" +
                             std::string(to_string(init.error_class())) + "): " + init.message());
  spdlog::info("{}: exactly-once, transactional.id '{}'", ids.client_id, ids.transactional_id);
  return txn;
}

engine::EngineOptions engine_options(const Config& config, const std::string& worker_name) {
  engine::EngineOptions options;
  options.poll_max_records = static_cast<size_t>(std::max<int64_t>(1, config.integer("run.batch_size")));
  options.poll_wait = config.duration("run.batch_timeout");
  options.commit_interval = config.duration("processing.commit_interval");
  options.commit_max_records = static_cast<size_t>(std::max<int64_t>(1, config.integer("processing.commit_records")));
  options.on_duplicate = engine::parse_duplicate_policy(config.string("dedup.on_duplicate"));
  options.passthrough = config.boolean("run.passthrough");
  options.outage_limit = config.duration("processing.outage_limit");
  options.worker_name = worker_name;
  return options;
}

bool is_fenced(const Status& status) {
  const int code = status.code();
  return code == RD_KAFKA_RESP_ERR__FENCED || code == RD_KAFKA_RESP_ERR_PRODUCER_FENCED ||
         code == RD_KAFKA_RESP_ERR_INVALID_PRODUCER_EPOCH;
}

bool restartable_after_outage(const Status& status, std::chrono::milliseconds longest_wait,
                              std::chrono::milliseconds transaction_timeout) {
  const bool aborted_by_broker = is_fenced(status) || status.code() == RD_KAFKA_RESP_ERR_INVALID_TXN_STATE;
  return aborted_by_broker && longest_wait >= transaction_timeout / 2;
}

std::chrono::milliseconds transaction_timeout(const Config& config) {
  const auto properties = config.producer_properties();
  if (auto it = properties.find("transaction.timeout.ms"); it != properties.end()) {
    try {
      return std::chrono::milliseconds(std::stoll(it->second));
    } catch (const std::exception&) {
      // librdkafka refuses the value at start-up, naming it.
    }
  }
  return std::chrono::milliseconds(60000);  // librdkafka's default
}

std::string describe_fatal(const Status& status, const WorkerIds& ids) {
  const bool fenced = is_fenced(status);
  std::string line = std::string(to_string(status.error_class())) + " error: " + status.message();
  if (fenced)
    line += " (fenced: a newer producer took transactional.id '" + ids.transactional_id +
            "'; two instances share kafka.instance_id, or this one was replaced)";
  return line;
}

}  // namespace newsflow::app

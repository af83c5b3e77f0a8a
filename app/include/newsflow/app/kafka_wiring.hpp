#pragma once
// The Kafka seams of one worker built from configuration, shared by
// `newsflow run` (stage.cpp) and `newsflow replay`: client identities, the
// sink, the committer for the configured guarantee, and the engine options.
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "newsflow/app/config.hpp"
#include "newsflow/core/seams.hpp"
#include "newsflow/engine/batch_engine.hpp"
#include "newsflow/processors/pipeline.hpp"
#include "newsflow/producer/kafka_sink.hpp"

namespace newsflow::app {

// Client identities of one worker, derived from settings and the host name.
struct WorkerIds {
  std::string client_id;         // <kafka.client_id_prefix>-<instance>-[<role>-]<worker>
  std::string transactional_id;  // <kafka.transactional_id_prefix>-<group>-<instance>-<worker>
};
// kafka.instance_id, else the host name.
std::string instance_name(const Config& config);
// <kafka.client_id_prefix>-<instance>-<role>: every client this instance
// opens gets its own, so the broker and its tools can tell them apart
// ("lag", "probe", "admin", "changelog"; workers use worker_ids).
std::string client_id(const Config& config, std::string_view role);
// group: the consumer group the worker commits to (the live group, or a
// replay's own). role: empty for a live worker, "replay" for a replay's, so
// a replay never shows up under a live worker's client.id.
WorkerIds worker_ids(const Config& config, const std::string& group, int worker, std::string_view role = {});

// bootstrap.servers, client.id, the SASL password, then the pass-through properties.
std::map<std::string, std::string> client_properties(const Config& config,
                                                     const std::map<std::string, std::string>& pass_through,
                                                     const std::string& client_id);

bool exactly_once(const Config& config);

// A worker's producer: transactional (with ids.transactional_id) under exactly-once.
producer::KafkaSinkOptions sink_options(const Config& config, const producer::SinkTopics& topics,
                                        const WorkerIds& ids);

// The committer for the configured guarantee. Under exactly-once it runs
// init_transactions first (fencing a previous incarnation of this worker);
// throws std::runtime_error naming the transactional id when that fails.
// consumer: the handle whose group the offsets go to (may be null when the
// source has no offsets, e.g. a file).
std::unique_ptr<Committer> make_committer(const Config& config, producer::KafkaSink& sink, rd_kafka_t* consumer,
                                          const WorkerIds& ids, const std::atomic<bool>& stop);

engine::EngineOptions engine_options(const Config& config, const std::string& worker_name);

// A newer producer with this worker's transactional.id took over, or the
// broker aborted this worker's transaction for running past its timeout.
bool is_fenced(const Status& status);
// The producer's transaction.timeout.ms (librdkafka's default 60 s).
std::chrono::milliseconds transaction_timeout(const Config& config);
// Whether a worker that stopped on `status` after waiting `longest_wait` for
// the broker should start its Kafka clients again: its transaction outlived
// the broker's transaction timeout during the outage (it was open before the
// wait began, so a wait of half the timeout is enough), and the producer then
// reports itself fenced, or an invalid transaction state from the abort.
bool restartable_after_outage(const Status& status, std::chrono::milliseconds longest_wait,
                              std::chrono::milliseconds transaction_timeout);

// One line for a worker's fatal error, with a hint when it was fenced.
std::string describe_fatal(const Status& status, const WorkerIds& ids);

}  // namespace newsflow::app

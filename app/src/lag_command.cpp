// `newsflow lag`: a consumer group's lag on the input topic, read from the
// brokers. The stage's own newsflow_consumer_lag disappears with the stage;
// this one keeps reporting while every instance is stopped or crash-looping,
// so "lag high" alerts still fire then (deploy/prometheus/alerts.yml,
// NewsflowGroupLagHigh). --serve runs it as a small exporter.
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <iostream>
#include <optional>
#include <thread>

#include "newsflow/app/commands.hpp"
#include "newsflow/app/kafka_wiring.hpp"
#include "newsflow/app/signals.hpp"
#include "newsflow/app/status_server.hpp"
#include "newsflow/consumer/group_lag.hpp"
#include "newsflow/core/json_writer.hpp"

namespace newsflow::app {
namespace {

constexpr int kReadTimeoutMs = 10000;

void print_table(const consumer::GroupLagReader& reader, const std::vector<consumer::PartitionLag>& lags) {
  std::cout << "group '" << reader.group() << "' on '" << reader.topic() << "'\n";
  std::printf("  %-9s %12s %12s %12s\n", "partition", "committed", "end", "lag");
  int64_t total = 0;
  for (const auto& l : lags) {
    std::printf("  %-9d %12s %12lld %12lld\n", l.partition,
                l.committed >= 0 ? std::to_string(l.committed).c_str() : "-", static_cast<long long>(l.end),
                static_cast<long long>(l.lag()));
    total += l.lag();
  }
  std::printf("  %-9s %12s %12s %12lld\n", "total", "", "", static_cast<long long>(total));
}

void print_json(const consumer::GroupLagReader& reader, const std::vector<consumer::PartitionLag>& lags) {
  std::string out;
  JsonWriter w(out);
  int64_t total = 0;
  w.begin_object().key("group").value(reader.group()).key("topic").value(reader.topic()).key("partitions").begin_array();
  for (const auto& l : lags) {
    w.begin_object().key("partition").value(static_cast<int64_t>(l.partition)).key("committed");
    if (l.committed >= 0)
      w.value(l.committed);
    else
      w.null();
    w.key("end").value(l.end).key("lag").value(l.lag()).end_object();
    total += l.lag();
  }
  w.end_array().key("lag").value(total).end_object();
  std::cout << w.finish() << "\n";
}

int serve(consumer::GroupLagReader& reader, const LagArgs& args, const std::atomic<bool>& stop) {
  auto registry = std::make_shared<prometheus::Registry>();
  auto& lag_family = prometheus::BuildGauge()
                         .Name("newsflow_group_lag")
                         .Help("Records of the input topic the consumer group has not committed, per partition, from the brokers")
                         .Register(*registry);
  auto& refreshed = prometheus::BuildGauge()
                        .Name("newsflow_group_lag_last_read_timestamp_seconds")
                        .Help("When newsflow lag last read the group's offsets successfully")
                        .Register(*registry)
                        .Add({});
  auto& errors = prometheus::BuildCounter()
                     .Name("newsflow_group_lag_read_errors_total")
                     .Help("Readings of the group's offsets that failed (the broker unreachable, the topic missing)")
                     .Register(*registry)
                     .Add({});
  StatusServer server(args.serve, registry, nullptr);
  spdlog::info("newsflow lag: group '{}' on '{}' every {} ms at {}/metrics", reader.group(), reader.topic(),
               args.interval.count(), server.base_url());
  std::map<int32_t, prometheus::Gauge*> gauges;
  while (!stop.load()) {
    try {
      for (const auto& l : reader.read(kReadTimeoutMs)) {
        auto& g = gauges[l.partition];
        if (!g) g = &lag_family.Add({{"topic", reader.topic()}, {"partition", std::to_string(l.partition)}});
        g->Set(static_cast<double>(l.lag()));
      }
      refreshed.SetToCurrentTime();
    } catch (const std::exception& e) {
      // The last values stay; the timestamp and the error count say they are old.
      errors.Increment();
      spdlog::warn("newsflow lag: {}", e.what());
    }
    for (auto waited = std::chrono::milliseconds(0); waited < args.interval && !stop.load();
         waited += std::chrono::milliseconds(100))
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return kExitOk;
}

}  // namespace

int lag_command(const Config& config, const LagArgs& args) {
  // Before librdkafka's and the HTTP server's threads exist, so only the
  // watcher receives SIGTERM (signals.hpp).
  std::atomic<bool> stop{false};
  std::optional<SignalWatcher> signals;
  if (!args.serve.empty()) signals.emplace(stop, config.duration("run.shutdown_timeout"));
  const std::string group = config.string("kafka.group_id");
  consumer::GroupLagReader reader(
      client_properties(config, config.consumer_properties(), client_id(config, "lag")), group,
      config.string("input.topic"));
  if (!args.serve.empty()) return serve(reader, args, stop);
  const auto lags = reader.read(kReadTimeoutMs);
  if (args.json)
    print_json(reader, lags);
  else
    print_table(reader, lags);
  return kExitOk;
}

}  // namespace newsflow::app

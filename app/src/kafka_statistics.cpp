// The Metrics hooks fed by librdkafka's statistics JSON (every
// kafka.statistics_interval; see librdkafka's STATISTICS.md for the fields).
// Parsed with simdjson's DOM API: one small document every few seconds.
#include <simdjson.h>

#include "newsflow/app/metrics.hpp"

namespace newsflow::app {
namespace {

// librdkafka's window percentiles are in microseconds; a window without
// samples (cnt 0) reports zeros, which are not a latency.
std::optional<std::pair<double, double>> p50_p99_seconds(simdjson::dom::element window) {
  int64_t cnt = 0, p50 = 0, p99 = 0;
  if (window["cnt"].get(cnt) || cnt <= 0 || window["p50"].get(p50) || window["p99"].get(p99)) return std::nullopt;
  return std::make_pair(static_cast<double>(p50) / 1e6, static_cast<double>(p99) / 1e6);
}

}  // namespace

// Gauges keyed by the family and label values; the caller holds mutex_.
static prometheus::Gauge& cached_gauge(std::map<std::vector<std::string>, prometheus::Gauge*>& cache,
                                       prometheus::Family<prometheus::Gauge>& family,
                                       const std::vector<std::pair<std::string, std::string>>& labels) {
  std::vector<std::string> key{family.GetName()};
  for (const auto& [k, v] : labels) key.push_back(v);
  auto it = cache.find(key);
  if (it == cache.end()) {
    std::map<std::string, std::string> l(labels.begin(), labels.end());
    it = cache.emplace(std::move(key), &family.Add(l)).first;
  }
  return *it->second;
}

// Sets the quantile="0.5" and quantile="0.99" children of a window's gauge.
static void set_quantiles(std::map<std::vector<std::string>, prometheus::Gauge*>& cache,
                          prometheus::Family<prometheus::Gauge>& family,
                          std::vector<std::pair<std::string, std::string>> labels, std::pair<double, double> q) {
  labels.emplace_back("quantile", "0.5");
  cached_gauge(cache, family, labels).Set(q.first);
  labels.back().second = "0.99";
  cached_gauge(cache, family, labels).Set(q.second);
}

KafkaStatsSummary Metrics::consumer_statistics(std::string_view json) {
  KafkaStatsSummary summary;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(json.data(), json.size()).get(doc)) return summary;
  summary.parsed = true;
  // "ts" is librdkafka's monotonic clock (CLOCK_MONOTONIC, microseconds),
  // the same clock as std::chrono::steady_clock here.
  if (int64_t ts = 0; !doc["ts"].get(ts) && ts > 0) {
    const auto now_us =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now().time_since_epoch());
    summary.age = std::chrono::duration_cast<std::chrono::milliseconds>(now_us - std::chrono::microseconds(ts));
  }
  std::lock_guard lock(mutex_);
  simdjson::dom::object brokers;
  if (!doc["brokers"].get(brokers)) {
    for (auto [name, broker] : brokers) {
      std::string_view state, source;
      int64_t nodeid = -1;
      if (broker["state"].get(state) || broker["source"].get(source) || broker["nodeid"].get(nodeid)) continue;
      if (source == "internal") continue;
      if (state == "UP") {
        ++summary.brokers_up;
        int64_t rxidle = -1;  // microseconds since the last receive; -1: none yet
        if (broker["rxidle"].get(rxidle) || rxidle < 10'000'000) ++summary.brokers_answering;
      }
      // Bootstrap entries not yet known as a node (-1) and logical
      // (coordinator) entries repeat a real broker.
      if (nodeid < 0 || source == "logical") continue;
      if (auto rtt = p50_p99_seconds(broker["rtt"]))
        set_quantiles(stats_gauges_, rtt_family_, {{"client", "consumer"}, {"broker", std::to_string(nodeid)}}, *rtt);
    }
  }
  simdjson::dom::object topics;
  if (doc["topics"].get(topics)) return summary;
  for (auto [topic_name, topic] : topics) {
    const std::string name(topic_name);
    simdjson::dom::object partitions;
    if (topic["partitions"].get(partitions)) continue;
    for (auto [key, partition] : partitions) {
      if (key == "-1") continue;  // librdkafka's internal unassigned partition
      int64_t lag = -1;
      // Under exactly-once the offsets are committed by the producer's
      // transaction, so the consumer knows them only as stored offsets.
      if (partition["consumer_lag"].get(lag) || lag < 0)
        if (partition["consumer_lag_stored"].get(lag) || lag < 0) continue;  // unknown until the first fetch
      const int p = std::stoi(std::string(key));
      auto it = lag_.find({name, p});
      if (it == lag_.end())
        it = lag_.emplace(std::make_pair(name, p), &lag_family_.Add({{"topic", name}, {"partition", std::to_string(p)}}))
                 .first;
      it->second->Set(static_cast<double>(lag));
    }
  }
  return summary;
}

void Metrics::producer_statistics(int worker, std::string_view json) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(json.data(), json.size()).get(doc)) return;
  std::lock_guard lock(mutex_);
  int64_t queued = 0;
  if (!doc["msg_cnt"].get(queued))
    cached_gauge(stats_gauges_, producer_queue_family_, {{"worker", std::to_string(worker)}})
        .Set(static_cast<double>(queued));
  simdjson::dom::object brokers;
  if (doc["brokers"].get(brokers)) return;
  for (auto [name, broker] : brokers) {
    std::string_view source;
    int64_t nodeid = -1;
    // A bootstrap broker turns into its node once known ("configured", nodeid
    // >= 0); logical (coordinator) and internal entries repeat or fake one.
    if (broker["source"].get(source) || broker["nodeid"].get(nodeid) || nodeid < 0 || source == "logical" ||
        source == "internal")
      continue;
    const std::string id = std::to_string(nodeid);
    if (auto rtt = p50_p99_seconds(broker["rtt"]))
      set_quantiles(stats_gauges_, rtt_family_, {{"client", "producer"}, {"broker", id}}, *rtt);
    if (auto queue = p50_p99_seconds(broker["int_latency"]))
      set_quantiles(stats_gauges_, int_latency_family_, {{"broker", id}}, *queue);
  }
}

void Metrics::forget_partitions(const std::vector<std::pair<std::string, int32_t>>& partitions) {
  std::lock_guard lock(mutex_);
  for (const auto& [topic, partition] : partitions) {
    auto it = lag_.find({topic, partition});
    if (it == lag_.end()) continue;
    lag_family_.Remove(it->second);
    lag_.erase(it);
  }
}

}  // namespace newsflow::app

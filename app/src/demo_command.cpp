// `newsflow demo`: the whole stage against an in-process Kafka-protocol broker
// (librdkafka's mock cluster), fed with the bundled sample articles. The mock
// cluster is fine for showing the flow; it is not a broker to prove delivery
// guarantees on (see docs/kafka.md and the integration tests for that).
#include <librdkafka/rdkafka.h>
// rdkafka_mock.h needs rdkafka.h first.
#include <librdkafka/rdkafka_mock.h>
#include <simdjson.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <thread>

#include <prometheus/text_serializer.h>

#include "newsflow/app/commands.hpp"
#include "newsflow/app/metrics.hpp"
#include "newsflow/app/signals.hpp"
#include "newsflow/app/stage.hpp"
#include "newsflow/consumer/file_source.hpp"
#include "newsflow/consumer/topic_reader.hpp"
#include "newsflow/core/kafka.hpp"
#include "newsflow/producer/kafka_sink.hpp"

namespace newsflow::app {
namespace {

struct MockClusterDeleter {
  void operator()(rd_kafka_mock_cluster_t* m) const { rd_kafka_mock_cluster_destroy(m); }
};

// The NDJSON lines of a sample file, read the way `newsflow process` reads them.
std::vector<RawRecord> read_records(const std::string& path, const std::string& flag, bool required) {
  std::vector<RawRecord> records;
  if (!required && !std::filesystem::exists(path)) return records;
  consumer::FileSource source(path, flag);
  while (source.next_batch(records, 1024)) {
  }
  return records;
}

std::string shorten(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
  return std::string(s.substr(0, cut)) + "…";
}

std::string_view str(simdjson::simdjson_result<simdjson::dom::element> e) {
  std::string_view v;
  return e.get_string().get(v) ? std::string_view{} : v;
}

void print_record(std::string_view json, std::ostream& out) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(json).get(doc)) {
    out << "  (unparseable record)\n";
    return;
  }
  simdjson::simdjson_result<simdjson::dom::element> dedup = doc["dedup"];
  out << "\n● " << str(doc["title"]) << "\n  " << str(doc["source"]) << " · id " << str(doc["id"]) << " · "
      << str(doc["language"]) << " · dedup " << str(dedup["status"]);
  if (!str(dedup["duplicate_of"]).empty()) out << " of " << str(dedup["duplicate_of"]);
  out << "\n";
  simdjson::dom::array topics;
  if (!doc["topics"].get_array().get(topics) && topics.size() > 0) {
    out << "  topics:   ";
    size_t n = 0;
    for (auto t : topics) {
      if (n++ == 4) break;
      double score = 0;
      if (t["score"].get_double().get(score)) score = 0;
      out << (n > 1 ? ", " : "") << str(t["label"]) << " (" << str(t["id"]) << ", " << std::fixed
          << std::setprecision(2) << score << ")";
    }
    out << "\n";
  }
  simdjson::dom::array entities;
  if (!doc["entities"].get_array().get(entities) && entities.size() > 0) {
    out << "  entities: ";
    size_t n = 0;
    for (auto e : entities) {
      if (n++ == 6) break;
      out << (n > 1 ? ", " : "") << str(e["text"]) << " [" << str(e["type"]);
      if (!str(e["country"]).empty()) out << " " << str(e["country"]);
      out << "]";
    }
    out << "\n";
  }
  simdjson::dom::array quotes;
  if (!doc["quotes"].get_array().get(quotes)) {
    for (auto q : quotes) {
      const auto speaker = str(q["speaker"]);
      const auto role = str(q["speaker_role"]);
      out << "  “" << shorten(str(q["text"]), 90) << "”\n      — " << (speaker.empty() ? "(unattributed)" : speaker);
      if (!role.empty() && role != speaker) out << ", " << shorten(role, 70);  // a role speaker is its own role
      out << " [" << str(q["cue"]) << ", " << str(q["kind"]) << "]\n";
    }
  }
}

}  // namespace

int demo_command(Config config, const DemoArgs& args) {
  // Before any thread starts: Ctrl-C then stops the demo cleanly at any point.
  std::atomic<bool> stop{false};
  SignalWatcher signals(stop, config.duration("run.shutdown_timeout"));
  const auto good = read_records(args.articles, "--articles", true);
  const auto bad = read_records(args.bad_articles, "--bad-articles", false);

  // The mock cluster lives inside a librdkafka handle of its own.
  kafka::Handle host = kafka::make_handle(RD_KAFKA_PRODUCER, kafka::make_conf({{"log_level", "3"}}, "demo"), "demo broker host");
  std::unique_ptr<rd_kafka_mock_cluster_t, MockClusterDeleter> cluster(rd_kafka_mock_cluster_new(host.get(), 1));
  if (!cluster) throw std::runtime_error("cannot start the in-process Kafka mock cluster");
  const std::string bootstrap = rd_kafka_mock_cluster_bootstraps(cluster.get());

  config.set("kafka.brokers", bootstrap, "demo");
  config.set("input.topic", "demo.articles.raw", "demo");
  config.set("output.topic", "demo.articles.enriched", "demo");
  config.set("dedup.on_duplicate", "route", "demo");
  config.set("kafka.statistics_interval", "1s", "demo");
  // One consumer keeps the demo's output free of the re-deliveries a second
  // consumer joining mid-batch can cause (at-least-once allows them).
  config.set("run.workers", "1", "demo");
  // The mock cluster accepts the transactional API but writes no transaction
  // markers and stores no transactional offsets: exactly-once is proven on
  // the real broker (tests/integration), not here.
  config.set("processing.guarantee", "at_least_once", "demo");
  const auto topics = stage_topics(config);
  // The mock cluster has no CreateTopics; create every topic up front.
  for (const auto& t : {topics.input, topics.output, topics.dead_letter, topics.duplicates, topics.changelog})
    rd_kafka_mock_topic_create(cluster.get(), t.c_str(), t == topics.input ? 3 : 1, 1);

  std::cout << "newsflow demo: in-process Kafka-protocol broker at " << bootstrap << "\n";
  {
    producer::KafkaSink loader(producer::plain_producer({{"bootstrap.servers", bootstrap}}));
    for (const auto& lines : {&good, &bad})
      for (const auto& record : *lines)
        if (Status s = loader.produce(topics.input, std::nullopt, record.value, {}); !s.is_ok())
          throw std::runtime_error("could not load the sample articles: " + s.message());
    if (Status s = loader.await_delivery(30000); !s.is_ok())
      throw std::runtime_error("could not load the sample articles: " + s.message());
  }
  const uint64_t total = good.size() + bad.size();
  std::cout << "loaded " << good.size() << " sample articles and " << bad.size() << " bad records into '"
            << topics.input << "'\n";

  Metrics metrics;
  try {
    metrics.serve(config.string("metrics.address"));
  } catch (const ConfigError&) {
    metrics.serve("127.0.0.1:0");  // the usual port is taken: any free one will do for a demo
  }

  Stage stage(config, metrics);
  int status = 0;
  const auto started = std::chrono::steady_clock::now();
  std::thread runner([&] { status = stage.run(stop); });
  std::cout << "running the stage (the mock broker's first group join takes about 3 s)..." << std::flush;
  const auto deadline = started + std::chrono::seconds(60);
  while (!stop.load() && stage.counters().committed.load() < total && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const bool interrupted = stop.exchange(true);
  runner.join();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << " done\n";

  std::map<std::string, std::string> reader{{"bootstrap.servers", bootstrap}};
  std::vector<std::string> outputs, duplicates;
  std::vector<std::pair<std::string, std::string>> dead;
  consumer::read_topic_to_end(reader, topics.output, 10000, [&](const RawRecord& r, bool) { outputs.push_back(r.value); });
  consumer::read_topic_to_end(reader, topics.duplicates, 10000,
                              [&](const RawRecord& r, bool) { duplicates.push_back(r.value); });
  consumer::read_topic_to_end(reader, topics.dead_letter, 10000,
                              [&](const RawRecord& r, bool) {
                                for (const auto& h : r.headers)
                                  if (h.key == "newsflow.error.class") dead.emplace_back(h.value, r.value);
                              });

  auto& out = std::cout;
  if (args.json) {
    for (const auto& r : outputs) out << r << "\n";
  } else {
    out << "\n══ enriched records on '" << topics.output << "' (" << outputs.size() << ") ══\n";
    for (const auto& r : outputs) print_record(r, out);
    out << "\n══ duplicates routed to '" << topics.duplicates << "' (" << duplicates.size() << ") ══\n";
    for (const auto& r : duplicates) print_record(r, out);
    out << "\n══ dead letters on '" << topics.dead_letter << "' (" << dead.size()
        << "): each keeps the original bytes plus newsflow.error.* headers ══\n";
    for (const auto& [error_class, value] : dead) out << "  " << error_class << ": " << shorten(value, 80) << "\n";
  }

  const auto& c = stage.counters();
  out << "\n══ metrics ══\n  endpoint: " << (metrics.endpoint().empty() ? "(off)" : metrics.endpoint()) << "\n";
  {
    // The non-zero series as a scrape shows them (histogram buckets left out).
    std::istringstream scrape(prometheus::TextSerializer().Serialize(metrics.registry()->Collect()));
    std::string line;
    while (std::getline(scrape, line))
      if (!line.empty() && line[0] != '#' && line.find("_bucket") == std::string::npos &&
          line.find("_consumer_lag") == std::string::npos && !line.ends_with(" 0"))
        out << "  " << line << "\n";
  }
  out << "\n══ summary ══\n  " << c.polled.load() << " consumed, " << c.output.load() << " enriched, "
      << c.duplicates.load() << " duplicates, " << c.dead_letters.load() << " dead letters, " << c.committed.load()
      << " committed in " << std::fixed << std::setprecision(1) << secs << " s\n";
  if (c.committed.load() < total) {
    spdlog::error("demo: only {} of {} records were processed and committed", c.committed.load(), total);
    return kExitFailure;
  }
  if (args.keep_running && !interrupted && !metrics.endpoint().empty()) {
    out << "\nmetrics stay up at " << metrics.endpoint() << " until Ctrl-C\n" << std::flush;
    stop = false;
    while (!stop.load()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return status;
}

}  // namespace newsflow::app

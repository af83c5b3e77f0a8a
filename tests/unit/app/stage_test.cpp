// The stage end to end on librdkafka's mock cluster: quick proof of the
// batch flow (outputs, dead letters with headers, committed offsets, metrics).
// Delivery guarantees across restarts are proven on a real broker in
// tests/integration.
#include "newsflow/app/stage.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>
// rdkafka_mock.h needs rdkafka.h first.
#include <librdkafka/rdkafka_mock.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "newsflow/consumer/topic_reader.hpp"
#include "newsflow/producer/kafka_sink.hpp"

namespace newsflow::app {
namespace {

struct MockCluster {
  MockCluster() {
    host = kafka::make_handle(RD_KAFKA_PRODUCER, kafka::make_conf({{"log_level", "3"}}, "test"), "test");
    cluster = rd_kafka_mock_cluster_new(host.get(), 1);
    bootstrap = rd_kafka_mock_cluster_bootstraps(cluster);
  }
  ~MockCluster() { rd_kafka_mock_cluster_destroy(cluster); }
  kafka::Handle host;
  rd_kafka_mock_cluster_t* cluster;
  std::string bootstrap;
};

std::string http_get(const std::string& endpoint) {
  // endpoint is http://127.0.0.1:PORT/metrics
  const auto colon = endpoint.rfind(':');
  const int port = std::stoi(endpoint.substr(colon + 1));
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return "";
  }
  const std::string request = "GET /metrics HTTP/1.0\r\nHost: localhost\r\n\r\n";
  (void)!write(fd, request.data(), request.size());
  std::string response;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) response.append(buf, static_cast<size_t>(n));
  close(fd);
  return response;
}

bool wait_for(const std::function<bool()>& condition, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

TEST(StageTest, ProcessesDeadLettersCommitsAndExposesMetrics) {
  MockCluster mock;
  Config config = Config::load(std::nullopt, {},
                               {{"kafka.brokers", mock.bootstrap},
                                {"kafka.group_id", "stage-test"},
                                // One consumer: a second one joining mid-batch would make the
                                // exact output counts below depend on rebalance timing.
                                {"run.workers", "1"},
                                {"input.topic", "raw"},
                                {"output.topic", "enriched"},
                                {"metrics.address", "127.0.0.1:0"},
                                {"kafka.statistics_interval", "100ms"},
                                // The mock cluster stores no transactional offsets; exactly-once is
                                // tested on the real broker (tests/integration).
                                {"processing.guarantee", "at_least_once"},
                                {"data_dir", NEWSFLOW_DATA_DIR_FOR_TESTS}});
  const auto topics = stage_topics(config);
  for (const auto& t : {topics.input, topics.output, topics.dead_letter, topics.duplicates, topics.changelog})
    rd_kafka_mock_topic_create(mock.cluster, t.c_str(), 2, 1);

  const std::vector<std::string> good = {
      R"({"id":"a1","title":"One","body":"First article text.","published_at":"2024-07-09T08:30:00Z"})",
      R"({"id":"a2","title":"Two","body":"Second article text."})",
      R"({"url":"https://example.com/three","title":"Three","text":"Third article text."})"};
  const std::vector<std::string> bad = {"not json", R"({"id":"b1"})", "{\"id\":\"b2\",\"body\":\"\xff\"}"};
  {
    producer::KafkaSinkOptions loader_options;
    loader_options.properties = {{"bootstrap.servers", mock.bootstrap}};
    producer::KafkaSink loader(loader_options);
    for (const auto& v : good)
      ASSERT_TRUE(loader.produce(topics.input, std::nullopt, v, {{"traceparent", "00-abc-def-01"}}).is_ok());
    for (const auto& v : bad)
      ASSERT_TRUE(loader.produce(topics.input, std::string_view("bad-key"), v, {{"origin-header", "x"}}).is_ok());
    ASSERT_TRUE(loader.await_delivery(10000).is_ok());
  }

  Metrics metrics;
  metrics.serve(config.string("metrics.address"));
  std::atomic<bool> stop{false};
  Stage stage(config, metrics);
  int status = -1;
  std::thread runner([&] { status = stage.run(stop); });
  const bool all_committed =
      wait_for([&] { return stage.counters().committed.load() >= good.size() + bad.size(); }, std::chrono::seconds(90));
  const std::string scrape = http_get(metrics.endpoint());
  stop = true;
  runner.join();
  ASSERT_TRUE(all_committed) << "committed " << stage.counters().committed.load();
  EXPECT_EQ(status, 0);

  std::map<std::string, std::string> reader{{"bootstrap.servers", mock.bootstrap}};
  std::vector<RawRecord> outputs, dead;
  consumer::read_topic_to_end(reader, topics.output, 10000, [&](const RawRecord& r, bool) { outputs.push_back(r); });
  consumer::read_topic_to_end(reader, topics.dead_letter, 10000, [&](const RawRecord& r, bool) { dead.push_back(r); });
  ASSERT_EQ(outputs.size(), good.size());
  ASSERT_EQ(dead.size(), bad.size());
  std::set<std::string> keys;
  for (const auto& r : outputs) {
    keys.insert(r.key.value_or(""));
    const auto has = [&](const std::string& k) {
      return std::any_of(r.headers.begin(), r.headers.end(), [&](const Header& h) { return h.key == k; });
    };
    EXPECT_TRUE(has("traceparent"));
    EXPECT_TRUE(has("content-type"));
  }
  EXPECT_TRUE(keys.contains("a1") && keys.contains("a2"));
  std::multiset<std::string> classes;
  for (const auto& r : dead) {
    EXPECT_EQ(r.key, "bad-key");
    EXPECT_TRUE(std::find(bad.begin(), bad.end(), r.value) != bad.end()) << "original bytes kept";
    std::map<std::string, std::string> h;
    for (const auto& header : r.headers) h[header.key] = header.value;
    EXPECT_EQ(h["origin-header"], "x");
    EXPECT_EQ(h["newsflow.origin.topic"], topics.input);
    EXPECT_FALSE(h["newsflow.error.message"].empty());
    EXPECT_FALSE(h["newsflow.origin.offset"].empty());
    classes.insert(h["newsflow.error.class"]);
  }
  EXPECT_EQ(classes, (std::multiset<std::string>{"invalid_utf8", "missing_field", "not_json"}));

  EXPECT_NE(scrape.find("newsflow_records_consumed_total 6"), std::string::npos) << scrape;
  EXPECT_NE(scrape.find("newsflow_records_dead_lettered_total{error_class=\"not_json\"} 1"), std::string::npos);
  EXPECT_NE(scrape.find("newsflow_processor_duration_seconds_count{processor=\"normalize\"} 3"), std::string::npos);
  EXPECT_NE(scrape.find("newsflow_build_info"), std::string::npos);

  // The group's committed offsets cover every consumed record.
  kafka::Handle probe = kafka::make_handle(
      RD_KAFKA_CONSUMER, kafka::make_conf({{"bootstrap.servers", mock.bootstrap}, {"group.id", "stage-test"}}, "t"),
      "t");
  kafka::PartitionList parts(rd_kafka_topic_partition_list_new(2));
  rd_kafka_topic_partition_list_add(parts.get(), topics.input.c_str(), 0);
  rd_kafka_topic_partition_list_add(parts.get(), topics.input.c_str(), 1);
  ASSERT_EQ(rd_kafka_committed(probe.get(), parts.get(), 10000), RD_KAFKA_RESP_ERR_NO_ERROR);
  int64_t committed = 0;
  for (int i = 0; i < parts->cnt; ++i) committed += std::max<int64_t>(0, parts->elems[i].offset);
  EXPECT_EQ(committed, static_cast<int64_t>(good.size() + bad.size()));
  rd_kafka_consumer_close(probe.get());
}

}  // namespace
}  // namespace newsflow::app

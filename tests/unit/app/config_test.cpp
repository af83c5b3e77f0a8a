#include "newsflow/app/config.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace newsflow::app {
namespace {

std::string write_temp(const std::string& name, const std::string& content) {
  const std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path) << content;
  return path;
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

TEST(ConfigTest, DefaultsAreValid) {
  const Config c = Config::defaults();
  EXPECT_EQ(c.string("input.topic"), "articles.raw");
  EXPECT_EQ(c.duration("dedup.window"), std::chrono::hours(24 * 7));
  EXPECT_EQ(c.bytes("input.max_body_bytes"), 2u << 20);
  EXPECT_EQ(c.list("input.fields.body"), (std::vector<std::string>{"body", "text", "content", "maintext"}));
}

TEST(ConfigTest, LayersFileThenEnvironmentThenFlags) {
  const auto path = write_temp("layers.yaml", R"(
kafka:
  brokers: file:9092
  group_id: from-file
  consumer:
    session.timeout.ms: 12000
input:
  topic: file-topic
  fields:
    body: [content, body]
run:
  batch_size: 50
)");
  const Config c = Config::load(path, {{"NEWSFLOW_KAFKA_GROUP_ID", "from-env"}, {"NEWSFLOW_RUN_BATCH_SIZE", "70"}},
                                {{"run.batch_size", "90"}});
  EXPECT_EQ(c.string("kafka.brokers"), "file:9092");
  EXPECT_EQ(c.string("kafka.group_id"), "from-env");
  EXPECT_EQ(c.integer("run.batch_size"), 90);
  EXPECT_EQ(c.list("input.fields.body"), (std::vector<std::string>{"content", "body"}));
  EXPECT_EQ(c.consumer_properties().at("session.timeout.ms"), "12000");
}

TEST(ConfigTest, UnknownKeyIsNamed) {
  const auto path = write_temp("unknown.yaml", "input:\n  topicc: x\n");
  const auto msg = error_of([&] { Config::load(path, {}, {}); });
  EXPECT_NE(msg.find("input.topicc"), std::string::npos) << msg;
  EXPECT_NE(msg.find(path), std::string::npos) << msg;
}

// Found by fuzz_config: an alias of a map inside that map made the
// settings walk recurse until the stack ran out.
TEST(ConfigTest, AliasesThatLoopOrMultiplyAreRefused) {
  const auto loop = write_temp("loop.yaml", "run: &r\n  workers: 2\n  again: *r\n");
  const auto msg = error_of([&] { Config::load(loop, {}, {}); });
  EXPECT_NE(msg.find("run.again"), std::string::npos) << msg;
  EXPECT_NE(msg.find(loop), std::string::npos) << msg;
  // Twelve maps each holding the one before twice: 2^12 copies of a key.
  std::string laughs = "l0: &l0 {a: 1}\n";
  for (int i = 1; i <= 12; ++i)
    laughs += "l" + std::to_string(i) + ": &l" + std::to_string(i) + " {x: *l" + std::to_string(i - 1) + ", y: *l" +
              std::to_string(i - 1) + "}\n";
  const auto many = write_temp("laughs.yaml", laughs);
  EXPECT_NE(error_of([&] { Config::load(many, {}, {}); }).find("keys"), std::string::npos);
  const auto deep = write_temp("deep.yaml", std::string("a:\n") + [] {
    std::string s;
    for (int i = 1; i < 20; ++i) s += std::string(2 * i, ' ') + "k:\n";
    return s;
  }());
  EXPECT_NE(error_of([&] { Config::load(deep, {}, {}); }).find("nests deeper"), std::string::npos);
}

TEST(ConfigTest, BadValueIsNamedWithWhatWasExpected) {
  auto msg = error_of([] { Config::load(std::nullopt, {}, {{"run.batch_size", "lots"}}); });
  EXPECT_NE(msg.find("run.batch_size"), std::string::npos) << msg;
  msg = error_of([] { Config::load(std::nullopt, {}, {{"dedup.on_duplicate", "keep"}}); });
  EXPECT_NE(msg.find("drop, route, emit"), std::string::npos) << msg;
  msg = error_of([] { Config::load(std::nullopt, {{"NEWSFLOW_RUN_BATCH_SIZE", "lots"}}, {}); });
  EXPECT_NE(msg.find("NEWSFLOW_RUN_BATCH_SIZE"), std::string::npos) << msg;
  msg = error_of([] { Config::load("/nonexistent/newsflow.yaml", {}, {}); });
  EXPECT_NE(msg.find("/nonexistent/newsflow.yaml"), std::string::npos) << msg;
}

TEST(ConfigTest, UnknownEnvironmentVariablesAreIgnoredAndListed) {
  // What a Kubernetes Service named newsflow injects into every pod, plus a typo.
  const std::map<std::string, std::string> env = {
      {"NEWSFLOW_SERVICE_HOST", "10.96.0.12"},       {"NEWSFLOW_SERVICE_PORT", "9464"},
      {"NEWSFLOW_SERVICE_PORT_METRICS", "9464"},     {"NEWSFLOW_PORT", "tcp://10.96.0.12:9464"},
      {"NEWSFLOW_PORT_9464_TCP", "tcp://10.96.0.12:9464"}, {"NEWSFLOW_PORT_9464_TCP_PROTO", "tcp"},
      {"NEWSFLOW_PORT_9464_TCP_PORT", "9464"},       {"NEWSFLOW_PORT_9464_TCP_ADDR", "10.96.0.12"},
      {"NEWSFLOW_KAFKA_GROUPID", "typo"},            {"NEWSFLOW_KAFKA_GROUP_ID", "from-env"}};
  const Config c = Config::load(std::nullopt, env, {});
  EXPECT_EQ(c.string("kafka.group_id"), "from-env");  // known ones still apply
  const std::vector<std::string> expected = {
      "NEWSFLOW_KAFKA_GROUPID",       "NEWSFLOW_PORT",         "NEWSFLOW_PORT_9464_TCP",
      "NEWSFLOW_PORT_9464_TCP_ADDR",  "NEWSFLOW_PORT_9464_TCP_PORT", "NEWSFLOW_PORT_9464_TCP_PROTO",
      "NEWSFLOW_SERVICE_HOST",        "NEWSFLOW_SERVICE_PORT", "NEWSFLOW_SERVICE_PORT_METRICS"};
  EXPECT_EQ(c.ignored_environment(), expected);
  EXPECT_TRUE(Config::load(std::nullopt, {{"NEWSFLOW_CONFIG", "/x.yaml"}}, {}).ignored_environment().empty());
}

TEST(ConfigTest, SecretsAreNeverPrinted) {
  const Config c = Config::load(std::nullopt, {}, {{"kafka.sasl_password", "hunter2"},
                                                   {"kafka.producer.sasl.password", "hunter3"}});
  const std::string described = c.describe();
  EXPECT_EQ(described.find("hunter2"), std::string::npos);
  EXPECT_EQ(described.find("hunter3"), std::string::npos);
  EXPECT_NE(described.find("kafka.sasl_password = ****"), std::string::npos);
}

TEST(ConfigTest, ParsesDurationsAndSizes) {
  EXPECT_EQ(parse_duration("250ms"), std::chrono::milliseconds(250));
  EXPECT_EQ(parse_duration("7d"), std::chrono::hours(168));
  EXPECT_FALSE(parse_duration("7 days"));
  EXPECT_EQ(parse_bytes("2MiB"), 2u << 20);
  EXPECT_FALSE(parse_bytes("2 potatoes"));
}

// The README's configuration reference is generated from the settings table;
// this keeps the two from drifting apart.
TEST(ConfigTest, ReadmeReferenceMatchesDeclaredSettings) {
  std::ifstream in(std::string(NEWSFLOW_SOURCE_DIR) + "/README.md");
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_NE(ss.str().find(settings_markdown()), std::string::npos)
      << "README.md is out of date: regenerate its configuration table with `newsflow config --markdown`";
}

}  // namespace
}  // namespace newsflow::app

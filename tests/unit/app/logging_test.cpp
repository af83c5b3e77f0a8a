// Log line formats (logging.hpp): JSON lines parse, carry the fields in scope
// and stay valid JSON whatever bytes the message holds.
#include "newsflow/app/logging.hpp"

#include <gtest/gtest.h>
#include <simdjson.h>
#include <spdlog/sinks/ostream_sink.h>

#include <sstream>

namespace newsflow::app {
namespace {

struct CapturedLog {
  explicit CapturedLog(LogFormat format) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
    sink->set_formatter(make_log_formatter(format));
    logger = std::make_shared<spdlog::logger>("test", sink);
    logger->set_level(spdlog::level::debug);
  }
  std::ostringstream out;
  std::shared_ptr<spdlog::logger> logger;
};

TEST(LoggingTest, JsonLineHasTimeLevelMessageAndScopedFields) {
  CapturedLog log(LogFormat::json);
  {
    LogFields worker{{"worker", 3}};
    LogFields record{{"topic", "articles.raw"}, {"partition", 7}, {"error_class", "not_json"}};
    log.logger->warn("dead letter: \"quoted\" and a\nnewline");
  }
  log.logger->info("outside");
  std::istringstream lines(log.out.str());
  std::string first, second, extra;
  ASSERT_TRUE(std::getline(lines, first));
  ASSERT_TRUE(std::getline(lines, second));
  EXPECT_FALSE(std::getline(lines, extra)) << "one object per line";

  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_FALSE(parser.parse(first).get(doc)) << first;
  EXPECT_EQ(std::string_view(doc["level"]), "warning");
  EXPECT_EQ(std::string_view(doc["message"]), "dead letter: \"quoted\" and a\nnewline");
  EXPECT_EQ(int64_t(doc["worker"]), 3);
  EXPECT_EQ(int64_t(doc["partition"]), 7);
  EXPECT_EQ(std::string_view(doc["topic"]), "articles.raw");
  EXPECT_EQ(std::string_view(doc["error_class"]), "not_json");
  const std::string_view time = doc["time"];
  EXPECT_EQ(time.size(), 24u) << time;  // 2026-12-01T09:00:00.123Z
  EXPECT_EQ(time.back(), 'Z');

  ASSERT_FALSE(parser.parse(second).get(doc)) << second;
  EXPECT_TRUE(doc["worker"].error()) << "a field outlived its scope: " << second;
}

TEST(LoggingTest, InnerFieldShadowsOuterAndBadUtf8StaysValidJson) {
  CapturedLog log(LogFormat::json);
  LogFields outer{{"topic", "a"}};
  LogFields inner{{"topic", "b"}};
  log.logger->error("caf\xe9 au lait");
  const std::string line = log.out.str();
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_FALSE(parser.parse(line).get(doc)) << line;
  EXPECT_EQ(std::string_view(doc["topic"]), "b");
  EXPECT_EQ(line.find("\"topic\":\"a\""), std::string::npos) << line;
}

TEST(LoggingTest, TextLineAppendsFields) {
  CapturedLog log(LogFormat::text);
  LogFields worker{{"worker", 1}};
  log.logger->info("ready");
  const std::string line = log.out.str();
  EXPECT_NE(line.find(" info ready worker=1\n"), std::string::npos) << line;
}

TEST(LoggingTest, FormatNames) {
  EXPECT_EQ(parse_log_format("json"), LogFormat::json);
  EXPECT_EQ(parse_log_format("text"), LogFormat::text);
  EXPECT_FALSE(parse_log_format("yaml"));
}

}  // namespace
}  // namespace newsflow::app

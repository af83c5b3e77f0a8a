// A worker's pipeline parses every record into the same Article and writes
// every result into the same ProcessedRecord, keeping their buffers. Nothing
// of one record may show in the next: each result must equal the one a fresh
// pipeline gives for that record alone.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "newsflow/app/config.hpp"
#include "newsflow/app/wiring.hpp"

namespace newsflow::app {
namespace {

std::vector<RawRecord> sample_records() {
  std::vector<RawRecord> records;
  // Good and bad records interleaved, so rejects (which stop the parse
  // half-way) come between articles with more and fewer fields.
  std::ifstream good(std::string(NEWSFLOW_SOURCE_DIR) + "/samples/articles.ndjson");
  std::ifstream bad(std::string(NEWSFLOW_SOURCE_DIR) + "/samples/bad-articles.ndjson");
  std::string line;
  for (bool more = true; more;) {
    more = false;
    for (std::ifstream* in : {&good, &good, &bad}) {
      if (!std::getline(*in, line)) continue;
      more = true;
      RawRecord r;
      r.value = line;
      r.key = "k" + std::to_string(records.size());
      r.line_number = records.size() + 1;
      // Every other record carries trace headers, so the header count changes too.
      if (records.size() % 2) r.headers = {{"traceparent", "00-abc-def-01"}, {"ce_id", std::to_string(records.size())}};
      records.push_back(std::move(r));
    }
  }
  return records;
}

std::string without_processed_at(const std::string& value) {
  static const std::regex stamp(R"("processed_at":"[^"]*")");
  return std::regex_replace(value, stamp, "");
}

TEST(PipelineReuse, EachRecordComesOutAsFromAFreshPipeline) {
  // Dedup off: its index remembers earlier records by design.
  const auto config = Config::load(std::nullopt, {},
                                   {{"data_dir", NEWSFLOW_DATA_DIR_FOR_TESTS}, {"dedup.enabled", "false"},
                                    {"topics.explain", "true"}});
  const auto resources = load_resources(config);
  const auto records = sample_records();
  ASSERT_GT(records.size(), 35u);
  auto reused = make_pipeline(config, resources, nullptr);
  size_t outputs = 0, rejects = 0;
  for (const auto& record : records) {
    const ProcessedRecord& got = reused->process(record);
    const ProcessedRecord want = make_pipeline(config, resources, nullptr)->process(record);
    SCOPED_TRACE("line " + std::to_string(record.line_number) + ": " + record.value.substr(0, 60));
    EXPECT_EQ(got.disposition, want.disposition);
    EXPECT_EQ(got.key, want.key);
    EXPECT_EQ(without_processed_at(got.value), without_processed_at(want.value));
    EXPECT_EQ(got.headers, want.headers);
    EXPECT_EQ(got.error_class, want.error_class);
    EXPECT_EQ(got.error_message, want.error_message);
    (got.disposition == Disposition::reject ? rejects : outputs) += 1;
  }
  EXPECT_GT(outputs, 20u);
  EXPECT_GT(rejects, 5u);
}

}  // namespace
}  // namespace newsflow::app

#include "newsflow/processors/pipeline.hpp"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <fstream>
#include <sstream>

#include "newsflow/processors/dedup.hpp"
#include "newsflow/processors/normalize.hpp"

namespace newsflow::processors {
namespace {

class PipelineTest : public ::testing::Test {
 protected:
  PipelineTest() {
    std::vector<std::unique_ptr<Processor>> chain;
    chain.push_back(make_normalize_processor(
        load_normalize_rules(std::string(NEWSFLOW_DATA_DIR_FOR_TESTS) + "/normalize/chrome.rules")));
    pipeline = std::make_unique<Pipeline>(ParserOptions{}, SerializerOptions{}, std::move(chain));
  }
  ProcessedRecord process(std::string value, Headers headers = {}) {
    RawRecord r;
    r.value = std::move(value);
    r.headers = std::move(headers);
    r.key = "k";
    return pipeline->process(r);
  }
  std::unique_ptr<Pipeline> pipeline;
};

TEST_F(PipelineTest, UntouchedFieldsRoundTripByteExact) {
  const std::string title = R"("Three Key Points on NATO’s Strategic Focus — “China” at the 2024 Summit, café")";
  const std::string extra = R"({"authors":["Ana Müller","李明"],"score":1.50e3})";
  const auto r = process(R"({"id":"x1","title":)" + title + R"(,"body":"Prose – with “quotes”.","meta":)" + extra +
                         R"(,"language":"en"})");
  ASSERT_EQ(r.disposition, Disposition::output) << r.error_message;
  EXPECT_EQ(r.key, "x1");
  EXPECT_NE(r.value.find(R"("title":)" + title), std::string::npos) << r.value;
  EXPECT_NE(r.value.find(R"("meta":)" + extra), std::string::npos) << r.value;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_FALSE(parser.parse(r.value).get(doc)) << r.value;
  std::string_view text;
  ASSERT_FALSE(doc["text"].get(text));
  EXPECT_EQ(text, "Prose – with “quotes”.");
  for (const char* key : {"canonical_url", "processed_at", "newsflow_version", "normalize", "dedup", "topics",
                          "entities", "quotes", "speakers"})
    EXPECT_FALSE(doc[key].error()) << key;
}

// With dedup.on_duplicate=drop a duplicate's record is never written, so it
// is not serialized either: a fifth of the dedup evaluation set's records
// were, each as costly as a record written.
TEST(PipelineDuplicatesTest, DroppedDuplicatesAreNotSerialized) {
  for (const bool dropped : {false, true}) {
    std::vector<std::unique_ptr<Processor>> chain;
    chain.push_back(make_normalize_processor(
        load_normalize_rules(std::string(NEWSFLOW_DATA_DIR_FOR_TESTS) + "/normalize/chrome.rules")));
    chain.push_back(make_dedup_processor(make_dedup_index(DedupOptions{})));
    SerializerOptions options;
    options.duplicates_dropped = dropped;
    Pipeline pipeline(ParserOptions{}, options, std::move(chain));
    RawRecord r;
    r.value = R"({"id":"a1","title":"Lock gates","body":"The canal's lock gates were replaced over the winter, )"
              R"(the waterways trust said, and boats can pass again from Friday morning."})";
    ASSERT_EQ(pipeline.process(r).disposition, Disposition::output);
    const std::string first = pipeline.process(r).value;  // the same record again: a duplicate
    r.value.replace(r.value.find("a1"), 2, "a2");
    const ProcessedRecord& copy = pipeline.process(r);
    ASSERT_EQ(copy.disposition, Disposition::duplicate) << dropped;
    EXPECT_EQ(copy.key, "a2");
    if (dropped) {
      EXPECT_TRUE(copy.value.empty()) << copy.value;
      EXPECT_TRUE(first.empty());
    } else {
      EXPECT_NE(copy.value.find(R"("status":"duplicate")"), std::string::npos) << copy.value;
    }
  }
}

// A dropped duplicate is never written, so the processors after the one that
// found it (topics and quotes, most of a record's cost) are not run for it;
// a duplicate that is emitted or routed is written enriched, so they run.
TEST(PipelineDuplicatesTest, ProcessorsAfterADroppedDuplicateDoNotRun) {
  struct Counting final : Processor {
    int* calls;
    explicit Counting(int* c) : calls(c) {}
    std::string_view name() const override { return "counting"; }
    Outcome process(Article& article) override {
      ++*calls;
      article.topics.push_back(Topic{});
      return Outcome::pass();
    }
  };
  for (const bool dropped : {false, true}) {
    int calls = 0;
    std::vector<std::unique_ptr<Processor>> chain;
    chain.push_back(make_normalize_processor(
        load_normalize_rules(std::string(NEWSFLOW_DATA_DIR_FOR_TESTS) + "/normalize/chrome.rules")));
    chain.push_back(make_dedup_processor(make_dedup_index(DedupOptions{})));
    chain.push_back(std::make_unique<Counting>(&calls));
    SerializerOptions options;
    options.duplicates_dropped = dropped;
    Pipeline pipeline(ParserOptions{}, options, std::move(chain));
    RawRecord r;
    r.value = R"({"id":"b1","title":"Ferry timetable","body":"The island ferry will run an extra crossing on )"
              R"(Saturdays from June, the operator said, after a summer of full sailings."})";
    ASSERT_EQ(pipeline.process(r).disposition, Disposition::output);
    EXPECT_EQ(calls, 1);
    r.value.replace(r.value.find("b1"), 2, "b2");
    ASSERT_EQ(pipeline.process(r).disposition, Disposition::duplicate) << dropped;
    EXPECT_EQ(calls, dropped ? 1 : 2) << dropped;
    // What a probe sees of the dropped record holds nothing a skipped
    // processor would have added.
    EXPECT_EQ(pipeline.last_article().topics.empty(), dropped) << dropped;
  }
}

// A field the body may come from, once a preferred one gave the body, is
// passed through like any other field, whatever its type: an object or array
// there was written as `"content":` with no value, a record no reader parses.
TEST(PipelineBodyFieldsTest, UnusedBodyFieldsPassThroughWhateverTheirType) {
  std::vector<std::unique_ptr<Processor>> chain;
  chain.push_back(make_normalize_processor(
      load_normalize_rules(std::string(NEWSFLOW_DATA_DIR_FOR_TESTS) + "/normalize/chrome.rules")));
  ParserOptions parser_options;
  parser_options.fields.body = {"body", "content", "maintext"};
  Pipeline pipeline(parser_options, SerializerOptions{}, std::move(chain));
  RawRecord r;
  r.value = R"({"id":"p1","body":"The tram line reopened on Sunday after a week of repairs, the city said.",)"
            R"( "content" : { "blocks" : [ "a\"b", {"n": 2} ] } ,"maintext":[ 1.5e3 , null ] })";
  const ProcessedRecord& out = pipeline.process(r);
  ASSERT_EQ(out.disposition, Disposition::output) << out.error_message;
  EXPECT_NE(out.value.find(R"("content":{ "blocks" : [ "a\"b", {"n": 2} ] })"), std::string::npos) << out.value;
  EXPECT_NE(out.value.find(R"("maintext":[ 1.5e3 , null ])"), std::string::npos) << out.value;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  EXPECT_FALSE(parser.parse(out.value).get(doc)) << out.value;
}

TEST_F(PipelineTest, RejectKeepsOriginalBytesAndReason) {
  const auto r = process("{not json");
  EXPECT_EQ(r.disposition, Disposition::reject);
  EXPECT_EQ(r.value, "{not json");
  EXPECT_EQ(r.key, "k");
  EXPECT_EQ(r.error_class, "not_json");
}

TEST_F(PipelineTest, CarriesTraceContextHeaders) {
  const auto r = process(R"({"id":"a","body":"b"})", {{"traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"},
                                                      {"x-internal", "no"}});
  ASSERT_EQ(r.disposition, Disposition::output);
  bool trace = false, internal = false;
  for (const auto& h : r.headers) {
    trace |= h.key == "traceparent";
    internal |= h.key == "x-internal";
  }
  EXPECT_TRUE(trace);
  EXPECT_FALSE(internal);
}

// Thousands of quote marks, entities and markup fragments: the record still
// comes out as valid JSON with the text intact. (Cost growth is shown by the
// benchmarks, not timed here.)
TEST_F(PipelineTest, HostileBodyStillYieldsValidRecord) {
  std::string json = R"({"id":"h","body":")";
  for (int i = 0; i < 20000; ++i) json += i % 3 ? "\\\"“" : "<&amp;\\n";
  json += "\"}";
  const auto r = process(json);
  ASSERT_EQ(r.disposition, Disposition::output) << r.error_message;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  EXPECT_FALSE(parser.parse(r.value).get(doc));
}

}  // namespace
}  // namespace newsflow::processors

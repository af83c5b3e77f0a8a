#include "newsflow/producer/file_sink.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "newsflow/producer/kafka_sink.hpp"

namespace newsflow::producer {
namespace {

TEST(FileSinkTest, RejectLineCarriesReasonAndOriginalRecord) {
  RawRecord in;
  in.value = R"({"id":"a"})";
  in.line_number = 7;
  ProcessedRecord r;
  r.error_class = "missing_field";
  r.error_message = "no body field";
  EXPECT_EQ(format_reject_line(in, r),
            R"({"line":7,"error_class":"missing_field","error_message":"no body field","record":"{\"id\":\"a\"}"})");
}

TEST(FileSinkTest, InvalidUtf8RecordIsKeptAsHex) {
  RawRecord in;
  in.value = "\xff\x41";
  in.line_number = 1;
  ProcessedRecord r;
  r.error_class = "invalid_utf8";
  EXPECT_NE(format_reject_line(in, r).find(R"("record_hex":"ff41")"), std::string::npos);
}

std::string file_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A batch's state entries reach the file only at its flush, after its
// outputs: a kill never leaves a story in the state file whose output was
// not written.
TEST(FileRecordSinkTest, StateEntriesAreWrittenAtTheFlushAfterTheOutput) {
  const auto dir = std::filesystem::temp_directory_path() / ("file-sink-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string out_path = dir / "out.ndjson", state_path = dir / "state.ndjson";
  {
    FileSink out(out_path, "--output"), state(state_path, "--state", /*append=*/true);
    FileRecordSink sink({&out, nullptr, nullptr, &state});
    ProcessedRecord r;
    r.value = R"({"id":"a"})";
    ASSERT_TRUE(sink.write(Destination::output, RawRecord{}, r).is_ok());
    ASSERT_TRUE(sink.write_state_change({"dedup:a", std::string("v2 1")}).is_ok());
    EXPECT_EQ(file_text(state_path), "");
    ASSERT_TRUE(sink.flush().is_ok());
    EXPECT_EQ(file_text(out_path), "{\"id\":\"a\"}\n");
    EXPECT_EQ(file_text(state_path), "{\"key\":\"dedup:a\",\"value\":\"v2 1\"}\n");
    ASSERT_TRUE(sink.flush().is_ok());  // nothing held: nothing written twice
    EXPECT_EQ(file_text(state_path), "{\"key\":\"dedup:a\",\"value\":\"v2 1\"}\n");
  }
  std::filesystem::remove_all(dir);
}

TEST(DeadLetterTest, HeadersKeepOriginalsAndAddReasonAndOrigin) {
  RawRecord in;
  in.headers = {{"traceparent", "t"}};
  in.origin = Origin{"raw", 2, 41, 1720513800000};
  ProcessedRecord r;
  r.error_class = "not_json";
  r.error_message = "not JSON: TAPE_ERROR";
  const Headers h = dead_letter_headers(in, r);
  const Headers expected = {{"traceparent", "t"},
                            {"newsflow.error.class", "not_json"},
                            {"newsflow.error.message", "not JSON: TAPE_ERROR"},
                            {"newsflow.origin.topic", "raw"},
                            {"newsflow.origin.partition", "2"},
                            {"newsflow.origin.offset", "41"},
                            {"newsflow.origin.timestamp", "1720513800000"}};
  EXPECT_EQ(h, expected);
}

}  // namespace
}  // namespace newsflow::producer

#include "newsflow/producer/file_sink.hpp"

#include <gtest/gtest.h>

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

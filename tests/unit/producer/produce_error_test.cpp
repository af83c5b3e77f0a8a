// A failed produce or delivery (a client without a fatal error): fatal when
// retrying cannot help, else abortable; the transactional-API errors are
// kafka::to_status's (tests/unit/core/kafka_status_test.cpp).
#include <gtest/gtest.h>

#include "newsflow/producer/kafka_sink.hpp"

namespace newsflow::producer {
namespace {

TEST(ProduceErrorTest, AuthorizationAndOversizedRecordsAreFatal) {
  for (auto err : {RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED, RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED,
                   RD_KAFKA_RESP_ERR_TRANSACTIONAL_ID_AUTHORIZATION_FAILED, RD_KAFKA_RESP_ERR__AUTHENTICATION}) {
    const Status s = classify_produce_error(err, "produce to 'out'");
    EXPECT_TRUE(s.is_fatal()) << rd_kafka_err2name(err);
    EXPECT_EQ(s.code(), err);
  }
  const Status big = classify_produce_error(RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, "produce to 'out'");
  EXPECT_TRUE(big.is_fatal());
  EXPECT_NE(big.message().find("input.max_record_bytes"), std::string::npos) << big.message();
  EXPECT_TRUE(classify_produce_error(RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE, "x").is_fatal());
}

TEST(ProduceErrorTest, OtherFailuresAbortTheBatch) {
  for (auto err : {RD_KAFKA_RESP_ERR__MSG_TIMED_OUT, RD_KAFKA_RESP_ERR__TRANSPORT,
                   RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION, RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC}) {
    const Status s = classify_produce_error(err, "delivery to 'out' failed");
    EXPECT_TRUE(s.requires_abort()) << rd_kafka_err2name(err);
    EXPECT_EQ(s.message(), "delivery to 'out' failed");
  }
}

}  // namespace
}  // namespace newsflow::producer

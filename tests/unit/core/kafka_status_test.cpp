// kafka::to_status keeps librdkafka's class of a transactional-API error
// (fatal, then requires-abort, then retriable; none of them: fatal). The
// errors come from librdkafka itself: its in-process mock cluster for the
// abortable one, a missing broker for the retriable one and its fatal-error
// test hook for fencing, so a change in how librdkafka flags them fails here.
#include "newsflow/core/kafka.hpp"

#include <gtest/gtest.h>
#include <librdkafka/rdkafka_mock.h>

namespace newsflow::kafka {
namespace {

Handle transactional_producer(const std::map<std::string, std::string>& extra) {
  std::map<std::string, std::string> properties = {{"transactional.id", "kafka-status-test"},
                                                   {"message.timeout.ms", "2000"}};
  properties.insert(extra.begin(), extra.end());
  return make_handle(RD_KAFKA_PRODUCER, make_conf(properties, "test producer"), "test producer");
}

TEST(KafkaStatusTest, ErrorWithoutAClassIsFatal) {
  EXPECT_TRUE(to_status(nullptr, "commit").is_ok());
  const Status s = to_status(rd_kafka_error_new(RD_KAFKA_RESP_ERR__STATE, "not in a transaction"), "commit");
  EXPECT_TRUE(s.is_fatal());
  EXPECT_EQ(s.code(), RD_KAFKA_RESP_ERR__STATE);
  EXPECT_EQ(s.message(), "commit: not in a transaction");
}

TEST(KafkaStatusTest, CoordinatorOutOfReachIsRetriable) {
  // Nothing listens on port 1: init_transactions times out, which librdkafka
  // flags retriable (the same call may succeed once the broker is back).
  Handle rk = transactional_producer({{"bootstrap.servers", "127.0.0.1:1"}});
  const Status s = to_status(rd_kafka_init_transactions(rk.get(), 300), "init_transactions");
  EXPECT_TRUE(s.is_retriable()) << s.message() << " (" << to_string(s.error_class()) << ")";
  EXPECT_EQ(s.code(), RD_KAFKA_RESP_ERR__TIMED_OUT);
}

TEST(KafkaStatusTest, FencedProducerIsFatal) {
  Handle rk = transactional_producer({{"bootstrap.servers", "127.0.0.1:1"}});
  // What a newer instance with the same transactional.id does to this one.
  ASSERT_EQ(rd_kafka_test_fatal_error(rk.get(), RD_KAFKA_RESP_ERR_PRODUCER_FENCED, "fenced by a newer epoch"),
            RD_KAFKA_RESP_ERR_NO_ERROR);
  const Status s = to_status(rd_kafka_begin_transaction(rk.get()), "begin_transaction");
  EXPECT_TRUE(s.is_fatal()) << s.message() << " (" << to_string(s.error_class()) << ")";
  const auto fatal = fatal_error(rk.get(), "fatal producer error");
  ASSERT_TRUE(fatal.has_value());
  EXPECT_TRUE(fatal->is_fatal());
  EXPECT_EQ(fatal->code(), RD_KAFKA_RESP_ERR_PRODUCER_FENCED);
}

TEST(KafkaStatusTest, FailedRecordInATransactionRequiresAbort) {
  Handle rk = transactional_producer({{"test.mock.num.brokers", "1"}});
  rd_kafka_mock_cluster_t* cluster = rd_kafka_handle_mock_cluster(rk.get());
  ASSERT_NE(cluster, nullptr);
  ASSERT_TRUE(to_status(rd_kafka_init_transactions(rk.get(), 10000), "init").is_ok());
  ASSERT_TRUE(to_status(rd_kafka_begin_transaction(rk.get()), "begin").is_ok());
  // The broker refuses the record for good: the transaction cannot commit.
  constexpr int16_t kProduceApiKey = 0;  // RD_KAFKAP_Produce, from a header librdkafka does not install
  rd_kafka_mock_push_request_errors(cluster, kProduceApiKey, 1, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE);
  ASSERT_EQ(rd_kafka_producev(rk.get(), RD_KAFKA_V_TOPIC("out"), RD_KAFKA_V_VALUE(const_cast<char*>("x"), 1),
                              RD_KAFKA_V_END),
            RD_KAFKA_RESP_ERR_NO_ERROR);
  const Status s = to_status(rd_kafka_commit_transaction(rk.get(), 10000), "commit_transaction");
  EXPECT_TRUE(s.requires_abort()) << s.message() << " (" << to_string(s.error_class()) << ")";
  EXPECT_TRUE(to_status(rd_kafka_abort_transaction(rk.get(), 10000), "abort").is_ok());
}

}  // namespace
}  // namespace newsflow::kafka

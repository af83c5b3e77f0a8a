// The at-least-once commit's librdkafka error codes by what the loop does:
// a rebalance makes the batch abortable (the new owner starts from the
// committed offsets), an authorization failure is fatal, the rest retriable.
#include <gtest/gtest.h>

#include "newsflow/consumer/kafka_source.hpp"

namespace newsflow::consumer {
namespace {

TEST(CommitErrorTest, ClassifiesByWhatTheLoopDoes) {
  EXPECT_TRUE(classify_commit_error(RD_KAFKA_RESP_ERR_NO_ERROR).is_ok());
  EXPECT_TRUE(classify_commit_error(RD_KAFKA_RESP_ERR__NO_OFFSET).is_ok());  // nothing new to commit
  for (auto err : {RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS, RD_KAFKA_RESP_ERR_ILLEGAL_GENERATION,
                   RD_KAFKA_RESP_ERR_UNKNOWN_MEMBER_ID, RD_KAFKA_RESP_ERR__ASSIGNMENT_LOST,
                   RD_KAFKA_RESP_ERR_FENCED_INSTANCE_ID})
    EXPECT_TRUE(classify_commit_error(err).requires_abort()) << rd_kafka_err2name(err);
  for (auto err : {RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED, RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED,
                   RD_KAFKA_RESP_ERR__FATAL})
    EXPECT_TRUE(classify_commit_error(err).is_fatal()) << rd_kafka_err2name(err);
  for (auto err : {RD_KAFKA_RESP_ERR__TIMED_OUT, RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS,
                   RD_KAFKA_RESP_ERR_NOT_COORDINATOR, RD_KAFKA_RESP_ERR__TRANSPORT})
    EXPECT_TRUE(classify_commit_error(err).is_retriable()) << rd_kafka_err2name(err);
  const Status s = classify_commit_error(RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS);
  EXPECT_EQ(s.code(), RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS);
  EXPECT_NE(s.message().find("offset commit failed"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace newsflow::consumer

// Client identities (issue 16): every client an instance opens has its own
// client.id, derived from kafka.client_id_prefix, the instance name (the host
// name unless kafka.instance_id is set) and the worker index or role.
#include "newsflow/app/kafka_wiring.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <set>

namespace newsflow::app {
namespace {

std::string host_name() {
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0 || host[0] == '\0') return "newsflow";
  return host;
}

TEST(KafkaWiringTest, ClientIdsDefaultToPrefixHostAndWorker) {
  const Config c = Config::defaults();
  const std::string host = host_name();
  EXPECT_EQ(instance_name(c), host);
  EXPECT_EQ(worker_ids(c, "newsflow", 0).client_id, "newsflow-" + host + "-0");
  EXPECT_EQ(worker_ids(c, "newsflow", 3).client_id, "newsflow-" + host + "-3");
  EXPECT_EQ(worker_ids(c, "newsflow", 3).transactional_id, "newsflow-newsflow-" + host + "-3");
  EXPECT_EQ(worker_ids(c, "newsflow.replay", 1, "replay").client_id, "newsflow-" + host + "-replay-1");
  EXPECT_EQ(client_id(c, "lag"), "newsflow-" + host + "-lag");
}

TEST(KafkaWiringTest, PrefixAndInstanceIdAreUsed) {
  const Config c = Config::load(std::nullopt, {},
                                {{"kafka.client_id_prefix", "edge"},
                                 {"kafka.instance_id", "pod-7"},
                                 {"kafka.transactional_id_prefix", "tx"}});
  EXPECT_EQ(instance_name(c), "pod-7");
  EXPECT_EQ(worker_ids(c, "live", 2).client_id, "edge-pod-7-2");
  EXPECT_EQ(worker_ids(c, "live", 2).transactional_id, "tx-live-pod-7-2");
  EXPECT_EQ(worker_ids(c, "r1", 0, "replay").client_id, "edge-pod-7-replay-0");
  EXPECT_EQ(worker_ids(c, "r1", 0, "replay").transactional_id, "tx-r1-pod-7-0");
  EXPECT_EQ(client_id(c, "lag"), "edge-pod-7-lag");
  // The environment sets the prefix like any other setting.
  const Config env = Config::load(std::nullopt, {{"NEWSFLOW_KAFKA_CLIENT_ID_PREFIX", "from-env"}}, {});
  EXPECT_EQ(worker_ids(env, "live", 0).client_id, "from-env-" + host_name() + "-0");
}

TEST(KafkaWiringTest, NoTwoClientsOfAnInstanceShareAnId) {
  const Config c = Config::load(std::nullopt, {}, {{"kafka.instance_id", "a"}});
  std::set<std::string> ids;
  for (int w = 0; w < 4; ++w) {
    ids.insert(worker_ids(c, "live", w).client_id);
    ids.insert(worker_ids(c, "replay-group", w, "replay").client_id);
  }
  for (const char* role : {"lag", "probe", "admin", "changelog"}) ids.insert(client_id(c, role));
  EXPECT_EQ(ids.size(), 12u);
  // Another instance's clients differ from all of them.
  const Config other = Config::load(std::nullopt, {}, {{"kafka.instance_id", "b"}});
  EXPECT_EQ(ids.count(worker_ids(other, "live", 0).client_id), 0u);
  EXPECT_EQ(client_properties(c, {}, worker_ids(c, "live", 1).client_id).at("client.id"), "newsflow-a-1");
  // A pass-through client.id (-X client.id=...) still wins: pass-through properties come last.
  EXPECT_EQ(client_properties(c, {{"client.id", "mine"}}, worker_ids(c, "live", 1).client_id).at("client.id"), "mine");
}

}  // namespace
}  // namespace newsflow::app

namespace newsflow::app {
namespace {

// The broker aborts a transaction open past transaction.timeout.ms; after
// such an outage the worker starts its clients again instead of exiting
// (a clean broker restart once ended in INVALID_TXN_STATE from the abort
// after a 59.9 s wait: the transaction had been open before the wait began).
TEST(KafkaWiringTest, OnlyAnOutageLongEnoughForTheBrokerToAbortRestartsTheWorker) {
  using std::chrono::milliseconds;
  const milliseconds timeout{60000};
  const Status fenced = Status::fatal("fenced", RD_KAFKA_RESP_ERR__FENCED);
  const Status invalid_state = Status::fatal("abort_transaction: invalid state", RD_KAFKA_RESP_ERR_INVALID_TXN_STATE);
  const Status denied = Status::fatal("not authorized", RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED);
  EXPECT_TRUE(restartable_after_outage(fenced, milliseconds(61000), timeout));
  EXPECT_TRUE(restartable_after_outage(invalid_state, milliseconds(59900), timeout));
  EXPECT_TRUE(restartable_after_outage(invalid_state, milliseconds(30000), timeout));
  // A twin with the same instance id fences without any outage: not fought.
  EXPECT_FALSE(restartable_after_outage(fenced, milliseconds(0), timeout));
  EXPECT_FALSE(restartable_after_outage(invalid_state, milliseconds(5000), timeout));
  EXPECT_FALSE(restartable_after_outage(denied, milliseconds(120000), timeout));
}

}  // namespace
}  // namespace newsflow::app

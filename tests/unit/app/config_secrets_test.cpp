// What `newsflow config` and the start-up log must never print.
#include <gtest/gtest.h>

#include "newsflow/app/config.hpp"

namespace newsflow::app {
namespace {

TEST(ConfigSecrets, LibrdkafkaSecretsAreMasked) {
  auto c = Config::load(std::nullopt, {{"NEWSFLOW_KAFKA_SASL_PASSWORD", "pw-from-env"}},
                        {{"kafka.consumer.sasl.password", "pw-consumer"},
                         {"kafka.producer.ssl.key.password", "pw-key"},
                         {"kafka.producer.ssl.key.pem", "-----BEGIN PRIVATE KEY-----abc"},
                         {"kafka.consumer.sasl.oauthbearer.config", "clientSecret=s3"},
                         {"kafka.producer.sasl.oauthbearer.client.secret", "oauth-secret-value"},
                         {"kafka.consumer.sasl.username", "newsflow"}});
  const std::string described = c.describe();
  for (const char* secret : {"pw-from-env", "pw-consumer", "pw-key", "PRIVATE KEY", "clientSecret", "oauth-secret-value"})
    EXPECT_EQ(described.find(secret), std::string::npos) << secret << " printed in:\n" << described;
  EXPECT_NE(described.find("kafka.consumer.sasl.username = newsflow"), std::string::npos) << described;
  EXPECT_NE(described.find("kafka.sasl_password = ****"), std::string::npos) << described;
}

}  // namespace
}  // namespace newsflow::app

#include "newsflow/producer/cloudevents.hpp"

#include <gtest/gtest.h>

namespace newsflow::producer {
namespace {

std::vector<std::string> values_of(const Headers& headers, const std::string& key) {
  std::vector<std::string> out;
  for (const auto& h : headers)
    if (h.key == key) out.push_back(h.value);
  return out;
}

const Origin kInput{"articles.raw", 3, 1234, 1700000000000};
const Headers kCarried = {{"content-type", "application/json"},
                          {"traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"},
                          {"ce_id", "crawler-1"},
                          {"ce_type", "news.article.raw"},
                          {"ce_source", "/crawler"},
                          {"ce_specversion", "1.0"}};

TEST(CloudEventsTest, ReplacesTheInputsAttributesWithThisStagesEvent) {
  Headers h = kCarried;
  set_cloudevents_headers(h, {true, "/newsflow/group", "news.article.enriched"}, kInput, "article-1", 1700000000123);
  EXPECT_EQ(values_of(h, "ce_id"), std::vector<std::string>{"articles.raw/3/1234"});
  EXPECT_EQ(values_of(h, "ce_source"), std::vector<std::string>{"/newsflow/group"});
  EXPECT_EQ(values_of(h, "ce_type"), std::vector<std::string>{"news.article.enriched"});
  EXPECT_EQ(values_of(h, "ce_specversion"), std::vector<std::string>{"1.0"});
  EXPECT_EQ(values_of(h, "ce_subject"), std::vector<std::string>{"article-1"});
  EXPECT_EQ(values_of(h, "ce_time"), std::vector<std::string>{"2023-11-14T22:13:20.123Z"});
  EXPECT_EQ(values_of(h, "content-type"), std::vector<std::string>{"application/json"});
  EXPECT_EQ(values_of(h, "traceparent").size(), 1u);
}

TEST(CloudEventsTest, DisabledLeavesTheHeadersAsCarried) {
  Headers h = kCarried;
  set_cloudevents_headers(h, {false, "/x", "y"}, kInput, "article-1", 0);
  EXPECT_EQ(h, kCarried);
}

TEST(CloudEventsTest, TheSameInputRecordGivesTheSameId) {
  Headers a, b;
  set_cloudevents_headers(a, {}, kInput, "k", 1);
  set_cloudevents_headers(b, {}, kInput, "k", 2);  // a redelivery, later
  EXPECT_EQ(values_of(a, "ce_id"), values_of(b, "ce_id"));
  EXPECT_EQ(values_of(a, "content-type"), std::vector<std::string>{"application/json"});
}

}  // namespace
}  // namespace newsflow::producer

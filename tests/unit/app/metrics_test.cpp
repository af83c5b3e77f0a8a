#include "newsflow/app/metrics.hpp"

#include <gtest/gtest.h>

namespace newsflow::app {
namespace {

double counter_value(const Metrics& m, const std::string& name) {
  for (const auto& family : m.registry()->Collect())
    if (family.name == name && !family.metric.empty()) return family.metric.front().counter.value;
  ADD_FAILURE() << name << " is not registered";
  return -1;
}

TEST(MetricsTest, CountsArticlesNormalizeFlaggedSuspect) {
  Metrics m;
  Article a;
  m.article_processed(a);
  EXPECT_EQ(counter_value(m, "newsflow_normalize_suspect_total"), 0);
  a.normalize_suspect = true;
  m.article_processed(a);
  m.article_processed(a);
  EXPECT_EQ(counter_value(m, "newsflow_normalize_suspect_total"), 2);
}

}  // namespace
}  // namespace newsflow::app

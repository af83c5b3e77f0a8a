#include "newsflow/producer/delivery_tracker.hpp"

#include <gtest/gtest.h>

namespace newsflow::producer {
namespace {

TEST(DeliveryTrackerTest, AMarkIsSettledOnlyWhenEveryEarlierRecordIs) {
  DeliveryTracker t;
  const uint64_t a = t.add(), b = t.add();
  const uint64_t end_of_first = t.mark();
  const uint64_t c = t.add();
  EXPECT_FALSE(t.settled_through(end_of_first));
  // Reports across partitions come in any order.
  t.delivered(c, false);
  t.delivered(b, false);
  EXPECT_FALSE(t.settled_through(end_of_first));
  EXPECT_EQ(t.outstanding(), 1u);
  t.delivered(a, false);
  EXPECT_TRUE(t.settled_through(end_of_first));
  EXPECT_TRUE(t.settled_through(t.mark()));
  EXPECT_EQ(t.outstanding(), 0u);
}

TEST(DeliveryTrackerTest, AFailureCountsForTheMarksAfterIt) {
  DeliveryTracker t;
  const uint64_t a = t.add();
  const uint64_t first = t.mark();
  const uint64_t b = t.add();
  t.delivered(a, false);
  t.delivered(b, true);
  EXPECT_FALSE(t.failed_through(first));  // the first batch is fine
  EXPECT_TRUE(t.failed_through(t.mark()));
  EXPECT_EQ(t.failed_count(), 1u);
}

TEST(DeliveryTrackerTest, ForgottenRecordsNeverFailALaterBatch) {
  DeliveryTracker t;
  const uint64_t a = t.add();
  t.forget();  // the batch holding a was aborted while a was in flight
  const uint64_t b = t.add();
  t.delivered(a, true);  // e.g. purged by the aborted transaction
  t.delivered(b, false);
  EXPECT_FALSE(t.failed_through(t.mark()));
  EXPECT_TRUE(t.settled_through(t.mark()));
}

TEST(DeliveryTrackerTest, ARefusedRecordLeavesNoGap) {
  DeliveryTracker t;
  const uint64_t a = t.add();
  t.add();
  t.remove_last();  // the producer refused it before queueing
  t.delivered(a, false);
  EXPECT_TRUE(t.settled_through(t.mark()));
  EXPECT_EQ(t.mark(), a);
}

}  // namespace
}  // namespace newsflow::producer

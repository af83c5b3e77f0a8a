// The dedup index's key table (processors/src/dedup/key_table.hpp) on its
// own: every key added is found, and a lookup never reads a page of the
// table before the first write to it (reading first maps the zero page,
// which the write must then replace: a TLB shootdown per page in a process
// with several threads).
#include "dedup/key_table.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <cstdint>
#include <vector>

namespace newsflow::processors::dedup_detail {
namespace {

long minor_faults() {
  rusage usage{};
  getrusage(RUSAGE_THREAD, &usage);
  return usage.ru_minflt;
}

uint64_t mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  return x ^ (x >> 33);
}

TEST(DedupKeyTableTest, EveryKeyAddedIsFoundWithItsRef) {
  KeyTable table(22, 50000);
  const auto never_gone = [](uint32_t) { return false; };
  for (uint32_t i = 0; i < 50000; ++i) table.add(mix(i), i, never_gone);
  for (uint32_t i = 0; i < 50000; ++i) {
    bool found = false;
    table.find(mix(i), 1, [&](uint32_t ref) { return found = ref == i; });
    EXPECT_TRUE(found) << i;
  }
}

TEST(DedupKeyTableTest, LookupsInAFreshTableMapNoPage) {
  // Sized for ten million stories (about 42 MB of slots), as the default
  // dedup.max_entries makes it; a few thousand lookups touch pages all over.
  KeyTable table(24, 10'000'000);
  const long before = minor_faults();
  uint32_t confirmed = 0;
  for (uint64_t i = 0; i < 4000; ++i) confirmed += table.find(mix(i), 1, [](uint32_t) { return true; });
  EXPECT_EQ(confirmed, 0u);
  EXPECT_LT(minor_faults() - before, 50) << "lookups read pages never written";
}

TEST(DedupKeyTableTest, AStoryAddedToAFreshPageIsFoundAndOthersOnItStayEmpty) {
  KeyTable table(24, 10'000'000);
  const auto never_gone = [](uint32_t) { return false; };
  table.add(mix(7), 7, never_gone);
  std::vector<uint32_t> refs;
  table.find(mix(7), 4, [&](uint32_t ref) {
    refs.push_back(ref);
    return true;
  });
  EXPECT_EQ(refs, std::vector<uint32_t>{7});
  EXPECT_EQ(table.find(mix(8), 4, [](uint32_t) { return true; }), 0u);
}

}  // namespace
}  // namespace newsflow::processors::dedup_detail

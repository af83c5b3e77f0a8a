// The dedup index's state: remote changelog entries (DedupIndex::apply and
// the race tie-break), the changelog's bound under eviction, and the compact
// storage (id arena, refs that wrap around).
#include <gtest/gtest.h>

#include <map>

#include "newsflow/processors/dedup.hpp"

namespace newsflow::processors {
namespace {

using Kind = DedupIndex::RemoteApply::Kind;

constexpr int64_t kMinute = 60 * 1000LL;
constexpr int64_t kT0 = 1'700'000'000'000LL;

// Unrelated texts of 120 words from a small vocabulary (seeded LCG).
std::string words(int seed, int count = 120) {
  static const char* vocabulary[] = {"river", "market", "council", "storm", "budget", "school", "court", "harbour",
                                     "minister", "festival", "border", "vaccine", "railway", "election", "drought",
                                     "factory", "museum", "protest", "satellite", "treaty", "orchestra", "bridge",
                                     "airline", "forest", "senate", "league", "hospital", "pipeline", "village"};
  uint64_t state = 0x9e3779b97f4a7c15ULL * static_cast<uint64_t>(seed + 1);
  std::string out;
  for (int i = 0; i < count; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    out += vocabulary[(state >> 33) % 29];
    out += ' ';
  }
  return out;
}

DedupFingerprint print(const std::string& text, int64_t time_ms, const std::string& url = "") {
  DedupFingerprinter f;
  return f.compute(text, url, time_ms);
}

// A story's changelog entry as this version writes it (v2: no count) and
// as earlier versions did (v1: the count in the value).
StateChange entry(const std::string& id, const DedupFingerprint& fp) { return {"dedup:" + id, DedupIndex::encode(fp)}; }
StateChange entry_v1(const std::string& id, const DedupFingerprint& fp, uint64_t copies) {
  return {"dedup:" + id, DedupIndex::encode_v1(fp, copies)};
}
StateChange count(const std::string& id, uint64_t copies) {
  return {"dedup-copies:" + id, DedupIndex::encode_copies(copies)};
}

std::vector<StateChange> drained(DedupIndex& index) {
  std::vector<StateChange> out;
  index.drain_changes(out);
  return out;
}

bool has_tombstone(const std::vector<StateChange>& changes, const std::string& key) {
  for (const auto& c : changes)
    if (c.key == key && !c.value) return true;
  return false;
}

// Which stored story a further copy is filed under.
std::string first_id_of_copy(DedupIndex& index, const DedupFingerprint& fp) {
  return index.check_and_insert("probe", fp).first_id;
}

// A story and a syndicated copy: another site, another id, a cut and an
// added line, stored a minute later.
struct Race {
  std::string text = words(1, 300);
  DedupFingerprint x = print(text, kT0, "https://a.example/story");
  DedupFingerprint y = print("By Staff Writer " + text.substr(0, text.size() * 4 / 5), kT0 + kMinute,
                             "https://b.example/other");
};

TEST(DedupApplyTest, KindsOfPlainEntries) {
  auto index = make_dedup_index({});
  const DedupFingerprint fp = print(words(2), kT0);
  EXPECT_EQ(index->apply(entry("a", fp)).kind, Kind::stored);
  EXPECT_EQ(index->apply(entry("a", fp)).kind, Kind::unchanged);
  EXPECT_EQ(index->apply(count("a", 2)).kind, Kind::updated);
  EXPECT_EQ(index->apply(count("a", 2)).kind, Kind::unchanged);
  EXPECT_EQ(index->apply(count("a", 5)).kind, Kind::updated);
  EXPECT_EQ(index->apply(count("a", 3)).kind, Kind::unchanged);  // the larger count stays
  EXPECT_EQ(index->apply(entry("a", fp)).kind, Kind::unchanged);  // a v2 value carries no count to lower it
  EXPECT_EQ(index->check_and_insert("b", fp).copies_seen, 6u);
  EXPECT_EQ(index->apply({"dedup:a", std::nullopt}).kind, Kind::tombstone);
  EXPECT_EQ(index->apply({"dedup-copies:a", std::nullopt}).kind, Kind::tombstone);
  EXPECT_EQ(dedup_index_size(*index), 0u);
  EXPECT_EQ(index->apply({"topics:a", std::string("x")}).kind, Kind::malformed);
  EXPECT_EQ(index->apply({"dedup:a", std::string("v1 zz")}).kind, Kind::malformed);
  EXPECT_EQ(index->apply({"dedup:a", std::string("v3 ") + DedupIndex::encode(fp).substr(3)}).kind, Kind::malformed);
  EXPECT_EQ(index->apply({"dedup-copies:a", std::string("v2 zz")}).kind, Kind::malformed);
  EXPECT_EQ(index->apply(count("a", 0)).kind, Kind::malformed);
  EXPECT_TRUE(drained(*index).empty());  // applied entries are not written back
}

// Changelogs written by earlier versions hold v1 values, the count inside.
TEST(DedupApplyTest, V1ValuesAreStillRead) {
  auto index = make_dedup_index({});
  const DedupFingerprint fp = print(words(2), kT0, "https://a.example/v1");
  EXPECT_EQ(index->apply(entry_v1("a", fp, 2)).kind, Kind::stored);
  EXPECT_EQ(index->apply(entry_v1("a", fp, 2)).kind, Kind::unchanged);
  EXPECT_EQ(index->apply(entry_v1("a", fp, 4)).kind, Kind::updated);
  EXPECT_EQ(index->apply(count("a", 3)).kind, Kind::unchanged);  // a v2 count after it: the larger stays
  const DedupMatch copy = index->check_and_insert("b", fp);
  EXPECT_EQ(copy.first_id, "a");
  EXPECT_EQ(copy.kind, DedupMatch::Kind::canonical_url);
  EXPECT_EQ(copy.copies_seen, 5u);
  // A v1 and a v2 entry of one story race like two v2 entries.
  const Race r;
  EXPECT_EQ(index->apply(entry("y", r.y)).kind, Kind::stored);
  const DedupIndex::RemoteApply applied = index->apply(entry_v1("x", r.x, 3));
  EXPECT_EQ(applied.kind, Kind::race_won);
  EXPECT_EQ(applied.other_id, "y");
  EXPECT_EQ(index->check_and_insert("z", r.y).copies_seen, 4u);
}

// Its count and its story land on different partitions of the changelog,
// so a restore or the follower may read the count first.
TEST(DedupApplyTest, ACountBeforeItsStoryIsHeldUntilTheStoryComes) {
  auto index = make_dedup_index({});
  const DedupFingerprint a = print(words(2), kT0), b = print(words(3), kT0);
  EXPECT_EQ(index->apply(count("a", 7)).kind, Kind::held);
  EXPECT_EQ(index->apply(count("a", 5)).kind, Kind::held);
  EXPECT_EQ(dedup_index_size(*index), 0u);
  EXPECT_EQ(index->apply(entry("a", a)).kind, Kind::stored);
  EXPECT_EQ(index->check_and_insert("a2", a).copies_seen, 8u);
  // A count whose story was tombstoned meanwhile is not held for a later
  // story of the same id.
  EXPECT_EQ(index->apply(count("b", 9)).kind, Kind::held);
  EXPECT_EQ(index->apply({"dedup-copies:b", std::nullopt}).kind, Kind::tombstone);
  EXPECT_EQ(index->apply(entry("b", b)).kind, Kind::stored);
  EXPECT_EQ(index->check_and_insert("b2", b).copies_seen, 2u);
  // The held counts are bounded by max_entries: the oldest go first.
  DedupOptions o;
  o.max_entries = 3;
  auto small = make_dedup_index(o);
  for (int i = 0; i < 5; ++i) small->apply(count("s" + std::to_string(i), 10 + i));
  small->apply(entry("s0", a));
  small->apply(entry("s4", b));
  EXPECT_EQ(small->check_and_insert("c0", a).copies_seen, 2u);   // its count was dropped
  EXPECT_EQ(small->check_and_insert("c4", b).copies_seen, 15u);  // 14 held, plus this copy
}

TEST(DedupApplyTest, TwoInstancesConvergeOnTheEarlierCopy) {
  const Race r;
  auto a = make_dedup_index({});
  auto b = make_dedup_index({});
  // Each instance takes its copy as new: neither saw the other's entry yet.
  EXPECT_EQ(a->check_and_insert("x", r.x).kind, DedupMatch::Kind::none);
  EXPECT_EQ(b->check_and_insert("y", r.y).kind, DedupMatch::Kind::none);
  const std::vector<StateChange> from_a = drained(*a), from_b = drained(*b);
  ASSERT_EQ(from_a.size(), 1u);
  ASSERT_EQ(from_b.size(), 1u);

  const DedupIndex::RemoteApply at_a = a->apply(from_b[0]);
  EXPECT_EQ(at_a.kind, Kind::race_lost);
  EXPECT_EQ(at_a.other_id, "x");
  const DedupIndex::RemoteApply at_b = b->apply(from_a[0]);
  EXPECT_EQ(at_b.kind, Kind::race_won);
  EXPECT_EQ(at_b.other_id, "y");

  // Both changelogs lose y's key; both indexes hold x alone.
  EXPECT_TRUE(has_tombstone(drained(*a), "dedup:y"));
  EXPECT_TRUE(has_tombstone(drained(*b), "dedup:y"));
  EXPECT_EQ(dedup_index_size(*a), 1u);
  EXPECT_EQ(dedup_index_size(*b), 1u);
  EXPECT_EQ(first_id_of_copy(*a, r.y), "x");
  EXPECT_EQ(first_id_of_copy(*b, r.y), "x");
}

TEST(DedupApplyTest, EitherArrivalOrderGivesTheSameIndex) {
  const Race r;
  for (const bool x_first : {true, false}) {
    auto index = make_dedup_index({});
    const StateChange ex = entry("x", r.x), ey = entry("y", r.y);
    EXPECT_TRUE(index->restore(x_first ? ex : ey));
    const DedupIndex::RemoteApply second = index->apply(x_first ? ey : ex);
    EXPECT_EQ(second.kind, x_first ? Kind::race_lost : Kind::race_won) << x_first;
    EXPECT_EQ(second.other_id, x_first ? "x" : "y");
    EXPECT_EQ(dedup_index_size(*index), 1u);
    EXPECT_TRUE(has_tombstone(drained(*index), "dedup:y"));
    EXPECT_EQ(first_id_of_copy(*index, r.y), "x") << x_first;
  }
}

TEST(DedupApplyTest, SameMinuteFallsBackToTheSmallerId) {
  const Race r;
  DedupFingerprint late = r.y;
  late.time_ms = r.x.time_ms + 1000;  // same minute
  auto index = make_dedup_index({});
  index->apply(entry("m", r.x));
  const DedupIndex::RemoteApply applied = index->apply(entry("k", late));
  EXPECT_EQ(applied.kind, Kind::race_won);
  EXPECT_EQ(applied.other_id, "m");
  EXPECT_EQ(first_id_of_copy(*index, r.y), "k");
}

TEST(DedupApplyTest, ReapplyingIsIdempotentAndCountsMergeByMax) {
  const Race r;
  auto index = make_dedup_index({});
  index->apply(entry("y", r.y));
  index->apply(count("y", 4));
  EXPECT_EQ(index->apply(entry("x", r.x)).kind, Kind::race_won);
  // x takes y's larger count and writes it, so other instances get it too;
  // both of y's keys leave the changelog; x's value is already there.
  const std::vector<StateChange> out = drained(*index);
  EXPECT_TRUE(has_tombstone(out, "dedup:y"));
  EXPECT_TRUE(has_tombstone(out, "dedup-copies:y"));
  uint64_t copies = 0;
  bool wrote_x = false;
  for (const auto& c : out) {
    EXPECT_NE(c.key, "dedup:x");
    if (c.key == "dedup-copies:x" && c.value) wrote_x = DedupIndex::decode_copies(*c.value, copies);
  }
  ASSERT_TRUE(wrote_x);
  EXPECT_EQ(copies, 4u);

  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(index->apply(entry("x", r.x)).kind, Kind::unchanged);
    EXPECT_EQ(index->apply(count("x", 4)).kind, Kind::unchanged);
    EXPECT_EQ(index->apply(entry("y", r.y)).kind, Kind::race_lost);
    EXPECT_EQ(index->apply({"dedup:y", std::nullopt}).kind, Kind::tombstone);
  }
  EXPECT_EQ(dedup_index_size(*index), 1u);
  const DedupMatch copy = index->check_and_insert("z", r.y);
  EXPECT_EQ(copy.first_id, "x");
  EXPECT_EQ(copy.copies_seen, 5u);
}

TEST(DedupApplyTest, DifferentStoriesAreNoRace) {
  auto index = make_dedup_index({});
  index->apply(entry("x", print(words(3), kT0, "https://a.example/1")));
  EXPECT_EQ(index->apply(entry("y", print(words(4), kT0, "https://a.example/2"))).kind, Kind::stored);
  EXPECT_EQ(dedup_index_size(*index), 2u);
  EXPECT_TRUE(drained(*index).empty());
}

TEST(DedupApplyTest, CopiesFurtherApartThanTheWindowAreNoRace) {
  const Race r;
  DedupOptions o;
  o.window = std::chrono::hours(1);
  auto index = make_dedup_index(o);
  DedupFingerprint later = r.y;
  later.time_ms = r.x.time_ms + 2 * 3600 * 1000;
  index->apply(entry("x", r.x));
  EXPECT_EQ(index->apply(entry("y", later)).kind, Kind::stored);
  EXPECT_EQ(dedup_index_size(*index), 2u);
  EXPECT_FALSE(has_tombstone(drained(*index), "dedup:y"));
}

TEST(DedupApplyTest, ASameUrlEntryIsARace) {
  auto index = make_dedup_index({});
  index->apply(entry("b", print(words(5), kT0, "https://a.example/p")));
  const DedupIndex::RemoteApply applied = index->apply(entry("a", print(words(6), kT0, "https://a.example/p")));
  EXPECT_EQ(applied.kind, Kind::race_won);  // same minute, "a" < "b"
  EXPECT_EQ(applied.other_id, "b");
}

// A compacted topic keeps the last value per key and forgets a key at its
// tombstone: its live key count must never exceed what the index may hold.
TEST(DedupChangelogTest, TombstonesKeepTheCompactedChangelogWithinTheBound) {
  DedupOptions o;
  o.max_entries = 40;
  o.window = std::chrono::hours(2);
  auto index = make_dedup_index(o);
  auto processor = make_dedup_processor(index);
  std::map<std::string, std::string> compacted;
  size_t most = 0, counts = 0;
  for (int i = 0; i < 1500; ++i) {
    Article a;
    a.id = "s" + std::to_string(i);
    // Every fifth article copies an earlier one; time jumps now and then so
    // the window, not only max_entries, evicts.
    a.text = words(i % 5 == 4 ? i - 3 : i);
    a.published_at_ms = kT0 + (i / 100) * 3 * 3600 * 1000LL + i * kMinute / 4;
    processor->process(a);
    if (i % 7 != 6) continue;
    std::vector<StateChange> out;
    processor->drain_state_changes(out);
    processor->commit_state();
    for (auto& c : out) {
      if (c.value)
        compacted[c.key] = *c.value;
      else
        compacted.erase(c.key);
    }
    // Story keys: exactly the stored stories; count keys: only of those.
    size_t stories = 0;
    for (const auto& [key, value] : compacted) {
      if (key.starts_with("dedup:")) {
        ++stories;
        continue;
      }
      ASSERT_TRUE(key.starts_with("dedup-copies:")) << key;
      ASSERT_TRUE(compacted.contains("dedup:" + key.substr(13))) << key << " outlived its story, " << i;
      ++counts;
    }
    most = std::max(most, stories);
    ASSERT_LE(stories, o.max_entries) << i;
    ASSERT_EQ(stories, dedup_index_size(*index)) << i;
  }
  EXPECT_EQ(most, o.max_entries);  // the bound was reached, so eviction was tested
  EXPECT_GT(counts, 0u);           // and so were count keys
}

TEST(DedupStorageTest, RefsWrapAroundAndOldStoriesLeave) {
  DedupOptions o;
  o.max_entries = 10;
  auto index = make_dedup_index(o);
  std::vector<DedupFingerprint> prints;
  for (int i = 0; i < 2000; ++i) {
    prints.push_back(print(words(1000 + i), kT0 + i));
    ASSERT_EQ(index->check_and_insert("id-" + std::to_string(i), prints.back()).kind, DedupMatch::Kind::none) << i;
  }
  EXPECT_EQ(dedup_index_size(*index), 10u);
  for (int i = 1990; i < 2000; ++i) EXPECT_EQ(first_id_of_copy(*index, prints[i]), "id-" + std::to_string(i));
  // Evicted stories are gone, although stale slots under their refs may
  // remain: each old one comes back as new.
  for (int i = 0; i < 1990; i += 97)
    EXPECT_EQ(index->check_and_insert("old-" + std::to_string(i), prints[i]).kind, DedupMatch::Kind::none) << i;
}

// The key tables are sized once, for max_entries, and run full under
// steady eviction: every story held must stay findable by each of its keys,
// and no evicted one by any.
// 20,000 stories start in the small first tables and move on to the full
// ones (the first 16,384 stories' keys stay in the small ones).
class DedupFullTablesTest : public testing::TestWithParam<size_t> {};
INSTANTIATE_TEST_SUITE_P(MaxEntries, DedupFullTablesTest, testing::Values(5000, 20000));
TEST_P(DedupFullTablesTest, EveryKeyOfTheStoriesHeldIsFound) {
  DedupOptions o;
  o.max_entries = GetParam();
  const int n = static_cast<int>(o.max_entries), total = 4 * n;
  auto index = make_dedup_index(o);
  uint64_t state = 12345;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state ^ (state >> 29);
  };
  std::vector<DedupFingerprint> prints;
  for (int i = 0; i < total; ++i) {
    if (i == n) {  // while the first tables hold stories too
      DedupFingerprint copy = prints[n / 2];
      copy.url_hash = 0;
      EXPECT_EQ(index->check_and_insert("c", copy).first_id, "id-" + std::to_string(n / 2));
    }
    DedupFingerprint fp;
    fp.url_hash = next() | 1;
    fp.content_hash = next() | 1;
    for (auto& b : fp.bands) b = static_cast<uint32_t>(next());
    for (auto& s : fp.sketch) s = static_cast<uint8_t>(next());
    fp.shingles = 300;
    fp.time_ms = kT0 + i;
    prints.push_back(fp);
    ASSERT_EQ(index->check_and_insert("id-" + std::to_string(i), fp).kind, DedupMatch::Kind::none) << i;
  }
  EXPECT_EQ(dedup_index_size(*index), o.max_entries);
  for (int i = total - n; i < total; ++i) {
    DedupFingerprint by_url = prints[i], by_band = prints[i];
    by_url.content_hash = 1;  // no band in common
    for (auto& b : by_url.bands) b = ~b;
    by_band.url_hash = 0;
    for (size_t k = 0; k + 1 < kDedupBands; ++k) by_band.bands[k] = ~by_band.bands[k];  // only the last band
    ASSERT_EQ(index->check_and_insert("u" + std::to_string(i), by_url).first_id, "id-" + std::to_string(i));
    const DedupMatch m = index->check_and_insert("b" + std::to_string(i), by_band);
    ASSERT_EQ(m.first_id, "id-" + std::to_string(i));
    ASSERT_EQ(m.kind, DedupMatch::Kind::content_hash);
  }
  for (int i = 0; i < total - n; i += 37) {
    DedupFingerprint fp = prints[i];
    fp.time_ms = kT0 + total;
    EXPECT_EQ(index->check_and_insert("id-" + std::to_string(i), fp).kind, DedupMatch::Kind::none) << i;
  }
}

TEST(DedupStorageTest, LongIdsRoundTrip) {
  auto index = make_dedup_index({});
  const std::string huge(70'000, 'h'), long_id(300, 'l');
  const DedupFingerprint a = print(words(7), kT0), b = print(words(8), kT0);
  index->check_and_insert(huge, a);
  index->check_and_insert(long_id, b);
  EXPECT_EQ(first_id_of_copy(*index, a), huge);
  EXPECT_EQ(first_id_of_copy(*index, b), long_id);
  EXPECT_EQ(index->check_and_insert(huge, b).kind, DedupMatch::Kind::id);
  std::vector<StateChange> out = drained(*index);
  auto restored = make_dedup_index({});
  ASSERT_EQ(out.size(), 4u);  // two stories and their counts (the probes above are copies)
  for (const auto& c : out) EXPECT_EQ(restored->apply(c).kind, c.key.starts_with("dedup:") ? Kind::stored : Kind::updated);
  EXPECT_EQ(first_id_of_copy(*restored, a), huge);
}

TEST(DedupStorageTest, MaxEntriesBeyondTheRefSpaceIsAStartupError) {
  DedupOptions o;
  o.max_entries = size_t{1} << 30;
  try {
    make_dedup_index(o);
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("dedup.max_entries"), std::string::npos);
  }
}

}  // namespace
}  // namespace newsflow::processors

#include "newsflow/processors/dedup.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "newsflow/core/time.hpp"
#include "newsflow/processors/url.hpp"

namespace newsflow::processors {
namespace {

constexpr int64_t kDay = 24 * 3600 * 1000LL;
constexpr int64_t kT0 = 1'700'000'000'000LL;

// A wire story of realistic length: nine paragraphs of distinct sentences.
std::string story(const std::string& subject, const std::string& place, int paragraphs = 9) {
  static const char* templates[] = {
      "{S} said on Tuesday that talks in {P} would resume after a pause of several weeks.",
      "Officials in {P} confirmed that {S} had met with regional leaders late into the night.",
      "The announcement surprised analysts, who had expected {S} to delay any decision until spring.",
      "Residents of {P} gathered outside the municipal building as news of the agreement spread.",
      "A spokesperson for {S} declined to give details of the financial terms under discussion.",
      "Critics argued that the plan for {P} did little to address rising costs for families.",
      "{S} has faced mounting pressure since a report last year questioned its spending.",
      "Negotiators are expected to return to {P} next month to finalise the remaining points.",
      "Markets reacted calmly, with shares of companies linked to {S} little changed by midday.",
      "Local newspapers in {P} described the mood as cautiously optimistic but far from settled.",
      "Previous rounds of talks collapsed over disagreements about oversight and timelines.",
  };
  std::string out;
  for (int i = 0; i < paragraphs; ++i) {
    std::string p = templates[i % 11];
    for (auto pos = p.find("{S}"); pos != std::string::npos; pos = p.find("{S}")) p.replace(pos, 3, subject);
    for (auto pos = p.find("{P}"); pos != std::string::npos; pos = p.find("{P}")) p.replace(pos, 3, place);
    out += p + " Paragraph " + std::to_string(i) + " adds context specific to this report.\n\n";
  }
  return out;
}

// Unrelated texts: 120 words drawn from a small vocabulary by a seeded LCG.
std::string distinct(int seed) {
  static const char* words[] = {"river", "market", "council", "storm", "budget", "school", "court", "harbour",
                                "minister", "festival", "border", "vaccine", "railway", "election", "drought",
                                "factory", "museum", "protest", "satellite", "treaty", "orchestra", "bridge",
                                "airline", "forest", "senate", "league", "hospital", "pipeline", "village", "bank"};
  uint64_t state = 0x9e3779b97f4a7c15ULL * static_cast<uint64_t>(seed + 1);
  std::string out;
  for (int i = 0; i < 120; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    out += words[(state >> 33) % 30];
    out += i % 12 == 11 ? ". " : " ";
  }
  return out;
}

struct Harness {
  std::shared_ptr<DedupIndex> index;
  std::unique_ptr<StatefulProcessor> processor;
  explicit Harness(DedupOptions o = {}) : index(make_dedup_index(o)), processor(make_dedup_processor(index)) {}

  Article run(std::string id, std::string text, std::string url = "", std::optional<int64_t> time = kT0) {
    Article a;
    a.id = std::move(id);
    a.text = std::move(text);
    a.canonical_url = url.empty() ? "" : canonicalize_url(url);
    a.published_at_ms = time;
    const Outcome outcome = processor->process(a);
    EXPECT_EQ(outcome.kind == Outcome::Kind::duplicate, a.dedup.status != DedupResult::Status::unique);
    EXPECT_TRUE(a.dedup.evaluated);
    return a;
  }
};

TEST(DedupTest, FirstArticleIsUniqueAndItsOwnCluster) {
  Harness h;
  const Article a = h.run("a", story("The council", "Lyon"), "https://news.example/a");
  EXPECT_EQ(a.dedup.status, DedupResult::Status::unique);
  EXPECT_EQ(a.dedup.cluster_id, "a");
  EXPECT_TRUE(a.dedup.duplicate_of.empty());
  EXPECT_EQ(a.dedup.copies_seen, 1u);
  EXPECT_EQ(dedup_index_size(*h.index), 1u);
}

TEST(DedupTest, ExactMatchesNameTheirMethod) {
  Harness h;
  h.run("a", story("The council", "Lyon"), "https://news.example/a");
  const Article same_id = h.run("a", "A corrected text that shares nothing with the first version at all here.");
  EXPECT_EQ(same_id.dedup.method, "id");
  const Article same_url =
      h.run("b", "Other words entirely for this page.", "http://www.news.example/a/?utm_source=x#top");
  EXPECT_EQ(same_url.dedup.method, "canonical_url");
  const Article same_text = h.run("c", "  " + story("The council", "Lyon") + "\n", "https://other.example/c");
  EXPECT_EQ(same_text.dedup.status, DedupResult::Status::duplicate);
  EXPECT_EQ(same_text.dedup.method, "content_hash");
  EXPECT_EQ(same_text.dedup.duplicate_of, "a");
  EXPECT_EQ(same_text.dedup.cluster_id, "a");
  EXPECT_EQ(same_text.dedup.copies_seen, 4u);
  EXPECT_DOUBLE_EQ(same_text.dedup.similarity, 1.0);
}

TEST(DedupTest, QuoteMarksCaseAndSpacingDoNotMatter) {
  Harness h;
  h.run("a", "He said \"we will stay\" and the crowd cheered loudly at the rally in the square tonight.");
  const Article b = h.run("b", "He said  “We will stay”   and the crowd cheered loudly at the rally in the square tonight!");
  EXPECT_EQ(b.dedup.method, "content_hash");
}

TEST(DedupTest, TruncatedCopyIsNearDuplicateEitherOrder) {
  const std::string full = story("The council", "Lyon");
  const std::string half = full.substr(0, full.size() / 2);
  {
    Harness h;
    h.run("full", full);
    const Article copy = h.run("half", half);
    EXPECT_EQ(copy.dedup.status, DedupResult::Status::near_duplicate);
    EXPECT_EQ(copy.dedup.duplicate_of, "full");
    EXPECT_GE(copy.dedup.similarity, 0.7);
  }
  {
    Harness h;
    h.run("half", half);
    const Article later = h.run("full", full);
    EXPECT_EQ(later.dedup.status, DedupResult::Status::near_duplicate);
    EXPECT_EQ(later.dedup.duplicate_of, "half");
  }
}

TEST(DedupTest, LightEditsAndChromeAreNearDuplicates) {
  Harness h;
  const std::string original = story("The council", "Lyon");
  h.run("orig", original);
  std::string typo = original;
  typo.replace(typo.find("analysts"), 8, "analyts");
  EXPECT_EQ(h.run("typo", typo).dedup.duplicate_of, "orig");
  EXPECT_EQ(h.run("chrome", "Advertisement\n\nSubscribe now\n\n" + original + "Copyright 2024 Metro Wire.").dedup.duplicate_of,
            "orig");
  EXPECT_EQ(h.run("added", "LYON (AP) — " + original + "This story has been updated.").dedup.duplicate_of, "orig");
}

TEST(DedupTest, DifferentReportsOfTheSameEventStayApart) {
  Harness h;
  h.run("a", story("The council", "Lyon"));
  // Same names and places, different reporting: one shared sentence at most.
  std::string other =
      "The council said on Tuesday that talks in Lyon would resume after a pause of several weeks. "
      "Union representatives in Lyon told reporters they remained sceptical of the council's proposal. "
      "Several hundred workers marched through the old town, chanting slogans against the budget cuts. "
      "The mayor of Lyon urged calm and promised a public consultation before any final vote takes place. "
      "Transport services were disrupted for much of the afternoon as police closed the main bridges. "
      "Opposition members accused the council of negotiating in secret and demanded the documents. "
      "A regional court is due to rule next week on a challenge brought by two residents' associations.";
  const Article b = h.run("b", other);
  EXPECT_EQ(b.dedup.status, DedupResult::Status::unique) << b.dedup.similarity;
  std::string third =
      "Talks in Lyon will resume, the council said on Tuesday, ending weeks of deadlock over the budget. "
      "In a statement, the council's negotiators said regional leaders had agreed to a new timetable. "
      "Analysts in Lyon said the decision came sooner than expected and welcomed the change of tone. "
      "The municipal workers' union said it would wait for the written proposal before commenting. "
      "The agreement covers transport, housing and school funding for the next three years. "
      "Some councillors warned that the costs for families could still rise if the plan stalls.";
  const Article c = h.run("c", third);
  EXPECT_EQ(c.dedup.status, DedupResult::Status::unique) << c.dedup.similarity;
}

TEST(DedupTest, ShortTextsOnlyMatchExactly) {
  Harness h;
  h.run("a", "Police said no one was injured in the fire.");
  EXPECT_EQ(h.run("b", "Police said no one was injured in the crash.").dedup.status, DedupResult::Status::unique);
  EXPECT_EQ(h.run("c", "Police said no one was injured in the fire!").dedup.method, "content_hash");
  EXPECT_EQ(h.run("d", "").dedup.status, DedupResult::Status::unique);
  EXPECT_EQ(h.run("e", "").dedup.status, DedupResult::Status::unique);
}

TEST(DedupTest, ASharedOpeningDoesNotMergeOrHideStories) {
  // A site that opens every article with the same long disclaimer: the
  // prefix band keys of all its stories collide.
  std::string opening;
  for (int i = 0; i < 12; ++i)
    opening += "This archive page is provided for reference and may contain outdated information " +
               std::to_string(i) + ".\n\n";
  Harness h;
  for (int i = 0; i < 60; ++i) {
    const Article a = h.run("s" + std::to_string(i), opening + distinct(100 + i) + distinct(200 + i));
    EXPECT_EQ(a.dedup.status, DedupResult::Status::unique) << i << " " << a.dedup.duplicate_of;
  }
  const Article copy = h.run("copy", opening + distinct(100 + 30) + distinct(200 + 30) + "\n\nAdvertisement");
  EXPECT_EQ(copy.dedup.duplicate_of, "s30");
}

TEST(DedupTest, StoriesOutsideTheWindowAreForgotten) {
  DedupOptions o;
  o.window = std::chrono::hours(24 * 2);
  Harness h(o);
  const std::string text = story("The council", "Lyon");
  h.run("a", text, "", kT0);
  // A copy published beyond the window is a new story even before eviction.
  EXPECT_EQ(h.run("b", text, "", kT0 + 3 * kDay).dedup.status, DedupResult::Status::unique);
  for (int i = 0; i < 20; ++i) h.run("x" + std::to_string(i), distinct(i), "", kT0 + 3 * kDay);
  EXPECT_EQ(dedup_index_size(*h.index), 21u);  // "a" evicted, "b" and the 20 kept
}

TEST(DedupTest, IngestTimeStandsInForMissingOrFuturePublishedAt) {
  DedupOptions o;
  o.window = std::chrono::hours(24);
  Harness h(o);
  const std::string text = story("The council", "Lyon");
  h.run("a", text, "", std::nullopt);
  // A date years in the future is not trusted: the copy is compared at ingest time too.
  EXPECT_EQ(h.run("b", text, "", now_ms() + 3650 * kDay).dedup.duplicate_of, "a");
  // An old published_at is trusted and is outside the window of the first copy.
  EXPECT_EQ(h.run("c", text, "", kT0).dedup.status, DedupResult::Status::unique);
}

TEST(DedupTest, MaxEntriesEvictsOldestFirst) {
  DedupOptions o;
  o.max_entries = 3;
  Harness h(o);
  for (int i = 0; i < 5; ++i) h.run("s" + std::to_string(i), distinct(i));
  EXPECT_EQ(dedup_index_size(*h.index), 3u);
  EXPECT_EQ(h.run("again0", distinct(0)).dedup.status, DedupResult::Status::unique);
  EXPECT_EQ(h.run("again4", distinct(4)).dedup.duplicate_of, "s4");
}

TEST(DedupTest, StateRoundTripCatchesCopiesAfterRestart) {
  std::vector<StateChange> changes;
  const std::string text = story("The council", "Lyon");
  {
    Harness h;
    h.run("a", text, "https://news.example/a");
    h.run("b", distinct(7));
    h.run("a2", text.substr(0, text.size() * 2 / 3));
    h.processor->drain_state_changes(changes);
  }
  ASSERT_EQ(changes.size(), 3u);  // a's and b's values, a's copy count under its own key
  Harness restarted;
  for (const auto& c : changes) EXPECT_TRUE(restarted.processor->restore(c));
  for (const auto& c : changes) EXPECT_TRUE(restarted.processor->restore(c));  // replayed twice: idempotent
  EXPECT_EQ(dedup_index_size(*restarted.index), 2u);
  std::vector<StateChange> again;
  restarted.processor->drain_state_changes(again);
  EXPECT_TRUE(again.empty());  // restored entries are not written back

  const Article copy = restarted.run("a3", "Advertisement\n\n" + text);
  EXPECT_EQ(copy.dedup.duplicate_of, "a");
  EXPECT_EQ(copy.dedup.copies_seen, 3u);
  EXPECT_EQ(restarted.run("a4", "x", "https://www.news.example/a/").dedup.method, "canonical_url");
}

TEST(DedupTest, EvictionWritesTombstonesAndRestoreHonoursThem) {
  DedupOptions o;
  o.max_entries = 1;
  Harness h(o);
  std::vector<StateChange> changes;
  h.run("a", distinct(1));
  h.processor->drain_state_changes(changes);
  h.run("b", distinct(2));
  h.processor->drain_state_changes(changes);
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(changes[1].key, "dedup:a");
  EXPECT_FALSE(changes[1].value.has_value());

  Harness restarted;
  for (const auto& c : changes) EXPECT_TRUE(restarted.processor->restore(c));
  EXPECT_EQ(dedup_index_size(*restarted.index), 1u);
  EXPECT_EQ(restarted.run("a2", distinct(1)).dedup.status, DedupResult::Status::unique);
  EXPECT_EQ(restarted.run("b2", distinct(2)).dedup.duplicate_of, "b");
}

TEST(DedupTest, RedeliveredRecordIsNotADuplicateOfItself) {
  // Consumed, fingerprint written to the changelog, then the stage stopped
  // before committing the offset: after the restart the same record comes again.
  std::vector<StateChange> changes;
  const std::string text = story("The council", "Lyon");
  auto from_kafka = [&](Harness& h, std::string id, int64_t offset) {
    Article a;
    a.id = std::move(id);
    a.text = text;
    a.published_at_ms = kT0;
    a.origin = Origin{"news.raw", 3, offset, kT0};
    h.processor->process(a);
    return a;
  };
  {
    Harness h;
    EXPECT_EQ(from_kafka(h, "a", 100).dedup.status, DedupResult::Status::unique);
    h.processor->drain_state_changes(changes);
  }
  Harness restarted;
  for (const auto& c : changes) restarted.processor->restore(c);
  const Article again = from_kafka(restarted, "a", 100);
  EXPECT_EQ(again.dedup.status, DedupResult::Status::unique);
  EXPECT_EQ(again.dedup.cluster_id, "a");
  const Article resent = from_kafka(restarted, "a", 250);  // the source sent it again
  EXPECT_EQ(resent.dedup.method, "id");
  EXPECT_EQ(resent.dedup.copies_seen, 2u);
}

TEST(DedupTest, RestoreRejectsForeignAndMalformedEntries) {
  Harness h;
  EXPECT_FALSE(h.processor->restore({"topics:x", std::string("v1")}));
  EXPECT_FALSE(h.processor->restore({"dedup:x", std::string("v1 zz")}));
  EXPECT_FALSE(h.processor->restore({"dedup:x", std::string("")}));
  EXPECT_EQ(dedup_index_size(*h.index), 0u);
}

TEST(DedupTest, EncodeDecodeRoundTrip) {
  DedupFingerprinter f;
  DedupFingerprint fp = f.compute(story("The council", "Lyon"), "https://a.example/x", kT0);
  fp.origin = 0xabcdef01;
  for (const bool v1 : {false, true}) {
    DedupFingerprint back;
    uint64_t copies = 99;
    const std::string value = v1 ? DedupIndex::encode_v1(fp, 7) : DedupIndex::encode(fp);
    EXPECT_TRUE(value.starts_with(v1 ? "v1 " : "v2 "));
    ASSERT_TRUE(DedupIndex::decode(value, back, copies)) << value;
    EXPECT_EQ(copies, v1 ? 7u : 0u);
    EXPECT_EQ(back.time_ms, fp.time_ms);
    EXPECT_EQ(back.url_hash, fp.url_hash);
    EXPECT_EQ(back.content_hash, fp.content_hash);
    EXPECT_EQ(back.shingles, fp.shingles);
    EXPECT_EQ(back.origin, fp.origin);
    EXPECT_EQ(back.bands, fp.bands);
    EXPECT_EQ(back.sketch, fp.sketch);
    EXPECT_FALSE(DedupIndex::decode(value.substr(0, value.size() - 1), back, copies));
  }
  uint64_t copies = 0;
  ASSERT_TRUE(DedupIndex::decode_copies(DedupIndex::encode_copies(123456789), copies));
  EXPECT_EQ(copies, 123456789u);
  EXPECT_FALSE(DedupIndex::decode_copies("v2 00000000000001", copies));
}

// The story's value is written once, when it is stored, from the article's
// own fingerprint (the index keeps less of it); copies only write the count.
TEST(DedupTest, AStoryIsWrittenOnceAndItsCopiesUnderTheirOwnKey) {
  DedupOptions o;
  o.max_entries = 1;
  Harness h(o);
  const std::string text = story("The council", "Lyon");
  h.run("a", text, "https://news.example/a");
  h.run("a2", text);
  std::vector<StateChange> changes;
  h.processor->drain_state_changes(changes);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].key, "dedup:a");
  DedupFingerprinter f;
  const DedupFingerprint expected = f.compute(text, canonicalize_url("https://news.example/a"), kT0);
  DedupFingerprint back;
  uint64_t copies = 0;
  ASSERT_TRUE(DedupIndex::decode(changes[0].value.value_or(""), back, copies));
  EXPECT_EQ(back.bands, expected.bands);
  EXPECT_EQ(back.url_hash, expected.url_hash);
  EXPECT_EQ(back.content_hash, expected.content_hash);
  EXPECT_EQ(back.time_ms, kT0);
  EXPECT_EQ(changes[1].key, "dedup-copies:a");
  ASSERT_TRUE(DedupIndex::decode_copies(changes[1].value.value_or(""), copies));
  EXPECT_EQ(copies, 2u);

  h.run("a3", text);
  changes.clear();
  h.processor->drain_state_changes(changes);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].key, "dedup-copies:a");
  // Evicted: both of its keys get a tombstone.
  h.run("b", distinct(2));
  changes.clear();
  h.processor->drain_state_changes(changes);
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(changes[0].key, "dedup:a");
  EXPECT_FALSE(changes[0].value.has_value());
  EXPECT_EQ(changes[1].key, "dedup-copies:a");
  EXPECT_FALSE(changes[1].value.has_value());
  EXPECT_EQ(changes[2].key, "dedup:b");
}

TEST(DedupTest, ConcurrentCopiesAreCountedOnce) {
  auto index = make_dedup_index({});
  const std::string text = story("The council", "Lyon");
  std::atomic<int> unique{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < 4; ++t)
    workers.emplace_back([&, t] {
      auto p = make_dedup_processor(index);
      for (int i = 0; i < 50; ++i) {
        Article a;
        a.id = "w" + std::to_string(t) + "-" + std::to_string(i);
        a.text = text;
        a.published_at_ms = kT0;
        if (p->process(a).kind == Outcome::Kind::pass) ++unique;
      }
    });
  for (auto& w : workers) w.join();
  EXPECT_EQ(unique.load(), 1);
  EXPECT_EQ(dedup_index_size(*index), 1u);
}

// Two workers share one index, but each writes only its own changes: the
// fingerprints of one worker's batch travel with that batch's commit.
TEST(DedupChangesTest, EachProcessorDrainsOnlyItsOwnChanges) {
  Harness a;
  auto b = make_dedup_processor(a.index);
  a.run("a1", distinct(1));
  Article other;
  other.id = "b1";
  other.text = distinct(2);
  other.published_at_ms = kT0;
  b->process(other);

  std::vector<StateChange> from_a, from_b;
  a.processor->drain_state_changes(from_a);
  b->drain_state_changes(from_b);
  ASSERT_EQ(from_a.size(), 1u);
  ASSERT_EQ(from_b.size(), 1u);
  EXPECT_NE(from_a[0].key.find("a1"), std::string::npos);
  EXPECT_NE(from_b[0].key.find("b1"), std::string::npos);
}

}  // namespace
}  // namespace newsflow::processors

namespace newsflow::processors {
namespace {

// Under exactly-once an aborted batch's fingerprints never reached the
// changelog; the retried batch must find its articles new again.
TEST(DedupRollbackTest, AbortedBatchLeavesNoFingerprints) {
  Harness h;
  h.run("kept", distinct(3));
  std::vector<StateChange> drained;
  h.processor->drain_state_changes(drained);
  h.processor->commit_state();

  const Article copy = h.run("copy", distinct(3));
  EXPECT_NE(copy.dedup.status, DedupResult::Status::unique);
  h.run("fresh", distinct(7));
  drained.clear();
  h.processor->drain_state_changes(drained);  // written into the transaction, then aborted
  EXPECT_FALSE(drained.empty());
  h.processor->rollback_state();

  // The retry sees the state as before the batch: "fresh" is new again,
  // "copy" is still a copy of "kept", and kept's count did not double.
  const Article fresh = h.run("fresh", distinct(7));
  EXPECT_EQ(fresh.dedup.status, DedupResult::Status::unique);
  const Article again = h.run("copy", distinct(3));
  EXPECT_EQ(again.dedup.duplicate_of, "kept");
  EXPECT_EQ(again.dedup.copies_seen, 2u);
  EXPECT_EQ(dedup_index_size(*h.index), 2u);
}

TEST(DedupRollbackTest, RollbackBeforeDrainAlsoUndoes) {
  Harness h;
  h.run("a", distinct(3));
  h.processor->rollback_state();
  EXPECT_EQ(dedup_index_size(*h.index), 0u);
  // Nothing stale is left to write: the next drain holds only new changes.
  h.run("b", distinct(7));
  std::vector<StateChange> drained;
  h.processor->drain_state_changes(drained);
  ASSERT_EQ(drained.size(), 1u);
  EXPECT_EQ(drained[0].key, "dedup:b");
}

// Exactly-once commits a batch's transaction while the next batch is
// processed: the commit makes durable only what was drained into it, so a
// later abort of the next batch still undoes that batch's stories.
TEST(DedupRollbackTest, CommitKeepsWhatWasNotDrainedUndoable) {
  Harness h;
  h.run("first", distinct(3));
  std::vector<StateChange> drained;
  h.processor->drain_state_changes(drained);  // into the committing transaction
  h.run("second", distinct(7));               // the next batch, meanwhile
  h.processor->commit_state();                // the first batch's commit returns
  h.processor->rollback_state();              // the next batch aborts
  EXPECT_EQ(dedup_index_size(*h.index), 1u);
  EXPECT_EQ(h.run("second", distinct(7)).dedup.status, DedupResult::Status::unique);
  EXPECT_NE(h.run("first again", distinct(3)).dedup.status, DedupResult::Status::unique);
}

TEST(DedupRollbackTest, TombstonesOfAnAbortedBatchGoOutWithTheNext) {
  DedupOptions o;
  o.max_entries = 1;
  Harness h(o);
  h.run("old", distinct(3));
  std::vector<StateChange> drained;
  h.processor->drain_state_changes(drained);
  h.processor->commit_state();
  h.run("new", distinct(7));  // evicts "old"
  drained.clear();
  h.processor->drain_state_changes(drained);
  h.processor->rollback_state();
  drained.clear();
  h.processor->drain_state_changes(drained);
  ASSERT_EQ(drained.size(), 1u);
  EXPECT_EQ(drained[0].key, "dedup:old");
  EXPECT_FALSE(drained[0].value.has_value());
}

}  // namespace
}  // namespace newsflow::processors

// Dedup speed: the processor on the real articles of the evaluation set
// (articles/s and bytes/s, decisions checked against the gold labels), the
// cost of one lookup-and-insert against an index already holding 10
// thousand, 1 million and (with NEWSFLOW_BENCH_DEDUP_10M=1, ~3 min and
// ~1.2 GB to build) 10 million stories, with bytes per stored story measured
// from the allocator, and start-up: 1 million changelog entries restored.
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <simdjson.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <stdexcept>

#include "newsflow/core/time.hpp"
#include "newsflow/processors/dedup.hpp"
#include "newsflow/processors/normalize.hpp"
#include "newsflow/processors/url.hpp"

namespace {

using namespace newsflow;
using namespace newsflow::processors;

struct Corpus {
  std::vector<Article> articles;
  std::vector<bool> gold_duplicate;
  size_t bytes = 0;
};

const Corpus& corpus() {
  static const Corpus c = [] {
    Corpus c;
    const std::string dir = std::string(NEWSFLOW_SOURCE_DIR) + "/tests/eval/dedup/";
    auto normalize = make_normalize_processor(load_normalize_rules(std::string(NEWSFLOW_DATA_DIR_FOR_TESTS) +
                                                                   "/normalize/chrome.rules"));
    simdjson::ondemand::parser parser;
    std::ifstream in(dir + "articles.ndjson");
    std::string line;
    while (std::getline(in, line)) {
      simdjson::padded_string padded(line);
      simdjson::ondemand::document doc = parser.iterate(padded);
      Article a;
      a.id = std::string(doc["id"].get_string().value());
      a.url = std::string(doc["url"].get_string().value());
      a.title = std::string(doc["title"].get_string().value());
      a.body = std::string(doc["body"].get_string().value());
      a.published_at_ms = parse_rfc3339_ms(doc["published_at"].get_string().value());
      a.canonical_url = canonicalize_url(a.url);
      normalize->process(a);
      c.bytes += a.text.size();
      c.articles.push_back(std::move(a));
    }
    std::ifstream gold(dir + "gold.tsv");
    std::getline(gold, line);
    std::map<std::string, bool> seen;
    while (std::getline(gold, line)) {
      const auto story_start = line.find('\t', line.find('\t') + 1) + 1;
      const std::string story = line.substr(story_start, line.find('\t', story_start) - story_start);
      c.gold_duplicate.push_back(seen[story]);
      seen[story] = true;
    }
    if (c.articles.empty() || c.articles.size() != c.gold_duplicate.size())
      throw std::runtime_error("dedup_bench: cannot read tests/eval/dedup");
    return c;
  }();
  return c;
}

void BM_DedupProcessor(benchmark::State& state) {
  const Corpus& c = corpus();
  std::vector<Article> work = c.articles;
  size_t agree = 0, passes = 0;
  for (auto _ : state) {
    auto processor = make_dedup_processor(make_dedup_index({}));
    for (size_t i = 0; i < work.size(); ++i) {
      const Outcome o = processor->process(work[i]);
      agree += (o.kind == Outcome::Kind::duplicate) == c.gold_duplicate[i];
    }
    ++passes;
  }
  // A fast wrong answer must not pass: decisions agree with the gold labels
  // as well as the evaluation reports (above 98% of records).
  if (agree < passes * work.size() * 98 / 100) state.SkipWithError("dedup decisions disagree with gold labels");
  state.SetItemsProcessed(static_cast<int64_t>(passes * work.size()));
  state.SetBytesProcessed(static_cast<int64_t>(passes * c.bytes));
  state.counters["agreement"] = static_cast<double>(agree) / static_cast<double>(passes * work.size());
}
BENCHMARK(BM_DedupProcessor)->Unit(benchmark::kMillisecond);

// Fingerprinting alone (the part of the processor outside the index lock).
void BM_DedupFingerprint(benchmark::State& state) {
  const Corpus& c = corpus();
  DedupFingerprinter fingerprinter;
  uint64_t sink = 0;
  for (auto _ : state)
    for (const Article& a : c.articles) sink += fingerprinter.compute(a.text, a.canonical_url, a.published_at_ms.value_or(0)).bands[0];
  benchmark::DoNotOptimize(sink);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * c.articles.size()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
}
BENCHMARK(BM_DedupFingerprint)->Unit(benchmark::kMillisecond);

DedupFingerprint synthetic(std::mt19937_64& rng, int64_t time_ms) {
  DedupFingerprint fp;
  fp.url_hash = rng() | 1;
  fp.content_hash = rng() | 1;
  for (auto& b : fp.bands) b = static_cast<uint32_t>(rng());
  for (auto& s : fp.sketch) s = static_cast<uint8_t>(rng());
  fp.shingles = 400;
  fp.time_ms = time_ms;
  return fp;
}

constexpr int64_t kT0 = 1'700'000'000'000LL;

struct Filled {
  std::shared_ptr<DedupIndex> index;
  std::vector<DedupFingerprint> stored;  // a sample, to look up as hits
  // Allocator: heap in use minus before, per story, when the index first
  // holds n stories and after n / 2 more evicted as many (steady state).
  double bytes_per_story = 0, steady_bytes_per_story = 0;
  double index_bytes_per_story = 0;  // what DedupIndex::memory_bytes() counts, steady state
  // The ids' own bytes among those (the aim is stated per story plus its id).
  double id_bytes_per_story = 0, steady_id_bytes_per_story = 0;
};

// Heap bytes in use (small blocks and mmapped large ones).
size_t heap_in_use() {
  const struct mallinfo2 mi = mallinfo2();
  return mi.uordblks + mi.hblkhd;
}

std::string story_id(size_t i) { return "article-" + std::to_string(i); }  // 9-16 bytes, like real ids

// Built once per size and shared by the miss and hit benchmarks.
Filled& filled(size_t n) {
  static std::map<size_t, Filled> cache;
  auto it = cache.find(n);
  if (it != cache.end()) return it->second;
  Filled f;
  f.stored.reserve(1001);
  const size_t before = heap_in_use();
  DedupOptions o;
  o.max_entries = n;
  f.index = make_dedup_index(o);
  std::mt19937_64 rng(n);
  {
    std::vector<StateChange> changes;
    auto drain = [&] {
      changes.clear();
      f.index->drain_changes(changes);
    };
    const size_t total = n + n / 2;
    for (size_t i = 0; i < total; ++i) {
      // The run loop drains the changelog every batch; so does the fill.
      if (i % 4096 == 0) drain();
      if (i == n) {
        drain();
        std::vector<StateChange>().swap(changes);
        f.bytes_per_story = static_cast<double>(heap_in_use() - before) / static_cast<double>(n);
      }
      const DedupFingerprint fp = synthetic(rng, kT0 + static_cast<int64_t>(i));
      const std::string id = story_id(i);
      if (i < n) f.id_bytes_per_story += static_cast<double>(id.size()) / static_cast<double>(n);
      if (i >= total - n) f.steady_id_bytes_per_story += static_cast<double>(id.size()) / static_cast<double>(n);
      f.index->check_and_insert(id, fp);
      if (i >= total - n && (i - (total - n)) % (n / 1000) == 0) f.stored.push_back(fp);
    }
    drain();
  }
  f.steady_bytes_per_story = static_cast<double>(heap_in_use() - before) / static_cast<double>(n);
  f.index_bytes_per_story = static_cast<double>(f.index->memory_bytes()) / static_cast<double>(n);
  return cache.emplace(n, std::move(f)).first->second;
}

bool size_enabled(size_t n) { return n < 10'000'000 || std::getenv("NEWSFLOW_BENCH_DEDUP_10M"); }

// A new story: lookup of id, URL and six band keys, then insert (and, at
// max_entries, evict the oldest).
void BM_DedupLookupMiss(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  if (!size_enabled(n)) {
    state.SkipWithError("10M is opt-in: set NEWSFLOW_BENCH_DEDUP_10M=1");
    return;
  }
  Filled& f = filled(n);
  static std::mt19937_64 rng(42);
  static size_t i = 0;  // ids stay new across the runs Google Benchmark makes
  bool wrong = false;
  for (auto _ : state) {
    const DedupFingerprint fp = synthetic(rng, kT0 + static_cast<int64_t>(n + i));
    wrong |= f.index->check_and_insert("new-" + std::to_string(i++), fp).kind != DedupMatch::Kind::none;
  }
  if (wrong || dedup_index_size(*f.index) != n) state.SkipWithError("synthetic new story matched or size drifted");
  state.SetItemsProcessed(state.iterations());
  state.counters["stories"] = static_cast<double>(n);
  state.counters["bytes_per_story"] = f.bytes_per_story;
  state.counters["steady_bytes_per_story"] = f.steady_bytes_per_story;
  state.counters["index_bytes_per_story"] = f.index_bytes_per_story;
  state.counters["id_bytes_per_story"] = f.id_bytes_per_story;
  state.counters["steady_id_bytes_per_story"] = f.steady_id_bytes_per_story;
}

// A copy of a stored story: found through its content, nothing inserted.
void BM_DedupLookupHit(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  if (!size_enabled(n)) {
    state.SkipWithError("10M is opt-in: set NEWSFLOW_BENCH_DEDUP_10M=1");
    return;
  }
  Filled& f = filled(n);
  size_t i = 0, found = 0;
  for (auto _ : state) {
    DedupFingerprint fp = f.stored[(f.stored.size() - 1 - i++ % 100)];  // recent ones: not evicted by misses
    fp.url_hash = 0;
    found += f.index->check_and_insert("copy", fp).kind == DedupMatch::Kind::content_hash;
  }
  if (found != static_cast<size_t>(state.iterations())) state.SkipWithError("stored story not found");
  state.SetItemsProcessed(state.iterations());
  state.counters["stories"] = static_cast<double>(n);
}

// Hits first: the miss runs insert and so evict the oldest stories.
BENCHMARK(BM_DedupLookupHit)->Arg(10'000)->Arg(1'000'000)->Arg(10'000'000);
BENCHMARK(BM_DedupLookupMiss)->Arg(10'000)->Arg(1'000'000)->Arg(10'000'000);

// Start-up: the changelog of 1 M stories, as restore() gets it from the
// consumer (key and value strings), decoded and applied to an empty index.
// Arg 2: the v2 format, where one story in four also has a copy count under
// its own key (every other one read before its story, as from another
// partition); arg 1: v1 values, the format earlier versions wrote.
void BM_DedupRestore(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  const bool v1 = state.range(1) == 1;
  std::vector<StateChange> changelog;
  changelog.reserve(n + n / 4);
  std::mt19937_64 rng(7);
  for (size_t i = 0; i < n; ++i) {
    const DedupFingerprint fp = synthetic(rng, kT0 + static_cast<int64_t>(i));
    if (v1) {
      changelog.push_back({"dedup:" + story_id(i), DedupIndex::encode_v1(fp, 1 + i % 3)});
      continue;
    }
    const StateChange count{"dedup-copies:" + story_id(i), DedupIndex::encode_copies(2 + i % 3)};
    if (i % 8 == 0) changelog.push_back(count);
    changelog.push_back({"dedup:" + story_id(i), DedupIndex::encode(fp)});
    if (i % 8 == 4) changelog.push_back(count);
  }
  bool wrong = false;
  using Kind = DedupIndex::RemoteApply::Kind;
  for (auto _ : state) {
    DedupOptions o;
    o.max_entries = n;
    auto index = make_dedup_index(o);
    for (const StateChange& c : changelog) {
      const Kind k = index->apply(c).kind;
      wrong |= k != Kind::stored && k != Kind::held && k != Kind::updated;
    }
    wrong |= dedup_index_size(*index) != n;
    state.PauseTiming();
    index.reset();  // freeing 1 M stories is not start-up
    state.ResumeTiming();
  }
  if (wrong) state.SkipWithError("a restored story was not stored");
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * changelog.size()));
  state.counters["stories"] = static_cast<double>(n);
}
BENCHMARK(BM_DedupRestore)->Args({1'000'000, 2})->Args({1'000'000, 1})->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();

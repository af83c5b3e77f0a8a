// The whole processor chain as `newsflow run` builds it, on the bundled
// sample articles: parse only, normalize only, serialization only, the full
// chain, and the chain with each processor's share of its time. Each
// benchmark checks its result so a fast wrong answer cannot pass.
#include <benchmark/benchmark.h>

#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <map>
#include <memory>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "newsflow/app/config.hpp"
#include "newsflow/app/wiring.hpp"
#include "newsflow/processors/normalize.hpp"
#include "newsflow/processors/parser.hpp"
#include "newsflow/processors/serializer.hpp"

namespace {

using namespace newsflow;

const std::vector<RawRecord>& corpus() {
  static const std::vector<RawRecord> records = [] {
    // NEWSFLOW_BENCH_CORPUS (files separated by ':') lets scripts/bench-compare
    // feed two versions the same articles.
    std::vector<std::string> files;
    if (const char* env = std::getenv("NEWSFLOW_BENCH_CORPUS")) {
      std::stringstream list(env);
      for (std::string f; std::getline(list, f, ':');)
        if (!f.empty()) files.push_back(f);
    } else {
      for (const char* name : {"/samples/seed.ndjson", "/samples/articles.ndjson"})
        files.push_back(std::string(NEWSFLOW_SOURCE_DIR) + name);
    }
    std::vector<RawRecord> out;
    for (const auto& file : files) {
      std::ifstream in(file);
      std::string line;
      while (std::getline(in, line))
        if (!line.empty()) out.push_back(RawRecord{std::nullopt, line, {}, std::nullopt, 0});
    }
    if (out.empty()) throw std::runtime_error("no sample articles found");
    return out;
  }();
  return records;
}

size_t corpus_bytes() {
  size_t n = 0;
  for (const auto& r : corpus()) n += r.value.size();
  return n;
}

app::Config bench_config() {
  return app::Config::load(std::nullopt, {}, {{"data_dir", NEWSFLOW_DATA_DIR_FOR_TESTS}});
}

void BM_Parse(benchmark::State& state) {
  processors::ArticleParser parser(app::parser_options(bench_config()));
  Article article;
  for (auto _ : state) {
    for (const auto& r : corpus()) {
      if (parser.parse(r, article)) state.SkipWithError("a sample article was rejected by the parser");
      benchmark::DoNotOptimize(article.body.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(corpus().size()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(corpus_bytes()));
}
BENCHMARK(BM_Parse);

void BM_Normalize(benchmark::State& state) {
  const auto config = bench_config();
  processors::ArticleParser parser(app::parser_options(config));
  auto normalize =
      processors::make_normalize_processor(processors::load_normalize_rules(app::data_path(config, "normalize.rules_file")));
  std::vector<Article> articles(corpus().size());
  for (size_t i = 0; i < corpus().size(); ++i) (void)parser.parse(corpus()[i], articles[i]);
  for (auto _ : state) {
    for (auto& a : articles) {
      if (normalize->process(a).kind != processors::Outcome::Kind::pass || a.text.empty())
        state.SkipWithError("normalize lost a sample article");
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(articles.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(corpus_bytes()));
}
BENCHMARK(BM_Normalize);

// The chain as `newsflow run` builds it, with dedup off so every pass does
// the same work (the dedup benchmark measures the index on its own).
std::unique_ptr<processors::Pipeline> chain_without_dedup(const app::ProbeFactory& probes = nullptr) {
  auto config = bench_config();
  config.set("dedup.enabled", "false", "bench");
  return app::make_pipeline(config, app::load_resources(config), probes);
}

void BM_Pipeline(benchmark::State& state) {
  auto pipeline = chain_without_dedup();
  for (auto _ : state) {
    for (const auto& r : corpus()) {
      const ProcessedRecord& out = pipeline->process(r);
      if (out.disposition != Disposition::output || out.value.size() < r.value.size() / 2)
        state.SkipWithError("the pipeline did not produce an enriched record for a sample article");
      benchmark::DoNotOptimize(out.value.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(corpus().size()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(corpus_bytes()));
}
BENCHMARK(BM_Pipeline);

// This thread's CPU time: on a shared machine a wall clock would measure the
// scheduler, not the article.
double thread_cpu_micros() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_nsec) / 1e3;
}

// The full chain's CPU cost per article as a distribution (counters p50_us,
// p99_us, max_us over every article of every iteration): a record's added
// latency is its own cost plus that of the records polled before it, so the
// slowest articles matter to the latency tail more than the mean does.
void BM_PipelinePerArticle(benchmark::State& state) {
  auto pipeline = chain_without_dedup();
  std::vector<double> micros;
  micros.reserve(corpus().size());
  for (auto _ : state) {
    for (const auto& r : corpus()) {
      const double started = thread_cpu_micros();
      const ProcessedRecord& out = pipeline->process(r);
      micros.push_back(thread_cpu_micros() - started);
      if (out.disposition != Disposition::output) state.SkipWithError("a sample article was not enriched");
      benchmark::DoNotOptimize(out.value.data());
    }
  }
  std::sort(micros.begin(), micros.end());
  const auto at = [&](double q) { return micros[static_cast<size_t>(q * static_cast<double>(micros.size() - 1))]; };
  state.counters["p50_us"] = at(0.5);
  state.counters["p99_us"] = at(0.99);
  state.counters["max_us"] = micros.back();
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(corpus().size()));
}
BENCHMARK(BM_PipelinePerArticle);

// Serialization alone, over articles the chain has enriched (topics,
// entities, quotes), so it writes what the stage writes.
void BM_Serialize(benchmark::State& state) {
  auto config = bench_config();
  config.set("dedup.enabled", "false", "bench");
  const auto resources = app::load_resources(config);
  processors::ArticleParser parser(app::parser_options(config));
  std::vector<std::unique_ptr<processors::Processor>> chain;
  chain.push_back(processors::make_normalize_processor(resources.normalize_rules));
  chain.push_back(processors::make_topics_processor(resources.topic_rules));
  chain.push_back(processors::make_quotes_processor({resources.quote_rules, false}));
  std::vector<Article> articles(corpus().size());
  size_t enriched = 0;
  for (size_t i = 0; i < corpus().size(); ++i) {
    (void)parser.parse(corpus()[i], articles[i]);
    for (auto& p : chain) p->process(articles[i]);
    enriched += !articles[i].topics.empty() && !articles[i].quotes.empty();
  }
  if (enriched < articles.size() / 3) state.SkipWithError("too few sample articles have topics and quotes");
  const processors::SerializerOptions options;
  std::string out;
  size_t bytes = 0;
  simdjson::ondemand::parser check;
  for (auto _ : state) {
    bytes = 0;
    for (const auto& a : articles) {
      processors::serialize_output(a, options, 1'790'000'000'000, out);
      bytes += out.size();
      benchmark::DoNotOptimize(out.data());
    }
  }
  // The last record must be one JSON object holding the enrichment.
  simdjson::padded_string json(out);
  simdjson::ondemand::document doc;
  std::string_view id;
  if (check.iterate(json).get(doc) || doc["id"].get_string().get(id) || id != articles.back().id)
    state.SkipWithError("serialize_output wrote no valid record");
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(articles.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes));
}
BENCHMARK(BM_Serialize);

// The full chain again, with each processor's share of the chain's time as a
// counter (share_<name>; parse and serialize are the rest). The bar:
// no processor above 0.40.
class ShareProbe final : public processors::ProcessorProbe {
 public:
  void observe(processors::Outcome::Kind, std::chrono::nanoseconds elapsed) override { total += elapsed; }
  std::chrono::nanoseconds total{0};
};

void BM_PipelineShares(benchmark::State& state) {
  std::map<std::string, std::shared_ptr<ShareProbe>, std::less<>> probes;
  auto pipeline = chain_without_dedup([&](std::string_view name) {
    auto probe = std::make_shared<ShareProbe>();
    probes.emplace(std::string(name), probe);
    return probe;
  });
  auto start = std::chrono::steady_clock::now();
  for (auto _ : state) {
    for (const auto& r : corpus()) {
      const ProcessedRecord& out = pipeline->process(r);
      if (out.disposition != Disposition::output) state.SkipWithError("a sample article was not enriched");
      benchmark::DoNotOptimize(out.value.data());
    }
  }
  auto wall = std::chrono::steady_clock::now() - start;
  std::chrono::nanoseconds in_processors{0};
  for (const auto& [name, probe] : probes) {
    state.counters["share_" + name] = static_cast<double>(probe->total.count()) / static_cast<double>(wall.count());
    in_processors += probe->total;
  }
  state.counters["share_parse_serialize_other"] =
      1.0 - static_cast<double>(in_processors.count()) / static_cast<double>(wall.count());
  if (probes.size() < 3) state.SkipWithError("the chain lost a processor");
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(corpus().size()));
}
BENCHMARK(BM_PipelineShares);

}  // namespace

BENCHMARK_MAIN();

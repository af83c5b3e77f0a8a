// The whole processor chain as `newsflow run` builds it, on the bundled
// sample articles: parse only, normalize only, and the full chain. Each
// benchmark checks its result so a fast wrong answer cannot pass.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "newsflow/app/config.hpp"
#include "newsflow/app/wiring.hpp"
#include "newsflow/processors/normalize.hpp"
#include "newsflow/processors/parser.hpp"

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

// The full chain; dedup is off so every pass does the same work (the dedup
// benchmark measures the index on its own).
void BM_Pipeline(benchmark::State& state) {
  auto config = bench_config();
  config.set("dedup.enabled", "false", "bench");
  const auto resources = app::load_resources(config);
  auto pipeline = app::make_pipeline(config, resources, nullptr);
  for (auto _ : state) {
    for (const auto& r : corpus()) {
      const ProcessedRecord out = pipeline->process(r);
      if (out.disposition != Disposition::output || out.value.size() < r.value.size() / 2)
        state.SkipWithError("the pipeline did not produce an enriched record for a sample article");
      benchmark::DoNotOptimize(out.value.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(corpus().size()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(corpus_bytes()));
}
BENCHMARK(BM_Pipeline);

}  // namespace

BENCHMARK_MAIN();

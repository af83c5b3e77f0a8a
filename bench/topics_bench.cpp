// Topics benchmarks over the evaluation articles (real news text):
//   BM_TopicMatcher       the compiled Hyperscan database alone (MB/s)
//   BM_NaiveFindPerTerm   the alternative it replaces: one search per term (MB/s)
//   BM_TopicsProcessor    the whole processor: language, topics, entities (articles/s)
#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "newsflow/processors/normalize.hpp"
#include "newsflow/processors/topics.hpp"

namespace {

using namespace newsflow;
using namespace newsflow::processors;

const std::string kData = NEWSFLOW_DATA_DIR_FOR_TESTS;

struct Corpus {
  std::vector<Article> articles;
  std::string text;  // every title and body, concatenated
  std::shared_ptr<const TopicRules> rules;
  std::vector<std::string> terms;  // lower-cased topic terms, for the naive baseline
};

const Corpus& corpus() {
  static const Corpus c = [] {
    Corpus c;
    c.rules = load_topic_rules({kData + "/topics", false});
    auto normalize = make_normalize_processor(load_normalize_rules(kData + "/normalize/chrome.rules"));
    std::ifstream in(std::string(NEWSFLOW_SOURCE_DIR) + "/tests/eval/topics/articles.ndjson");
    simdjson::ondemand::parser parser;
    std::string line;
    while (std::getline(in, line)) {
      simdjson::padded_string json(line);
      auto doc = parser.iterate(json);
      Article a;
      a.id = std::string(std::string_view(doc["id"]));
      // The URL's section is evidence too (topics/sections.hpp).
      a.url = std::string(std::string_view(doc["url"]));
      a.title = std::string(std::string_view(doc["title"]));
      a.body = std::string(std::string_view(doc["body"]));
      normalize->process(a);
      c.text += a.title;
      c.text += "\n\n";
      c.text += a.text;
      c.text += "\n\n";
      c.articles.push_back(std::move(a));
    }
    std::ifstream terms(kData + "/topics/en.terms");
    while (std::getline(terms, line)) {
      if (!line.starts_with("medtop:")) continue;
      std::stringstream list(line.substr(line.rfind('|') + 1));
      std::string term;
      while (std::getline(list, term, ',')) {
        term.erase(0, term.find_first_not_of(' '));
        if (!term.empty() && term.back() == '*') term.pop_back();
        std::transform(term.begin(), term.end(), term.begin(), [](unsigned char ch) { return std::tolower(ch); });
        if (!term.empty()) c.terms.push_back(term);
      }
    }
    return c;
  }();
  return c;
}

void BM_TopicMatcher(benchmark::State& state) {
  const Corpus& c = corpus();
  TopicTermScanner scanner(c.rules);
  size_t matches = 0;
  for (auto _ : state) {
    matches = scanner.count_matches(c.text);
    benchmark::DoNotOptimize(matches);
  }
  if (matches < c.articles.size()) state.SkipWithError("implausibly few matches");
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(c.text.size()));
  state.counters["matches"] = static_cast<double>(matches);
  state.counters["corpus_bytes"] = static_cast<double>(c.text.size());
}
BENCHMARK(BM_TopicMatcher)->Unit(benchmark::kMillisecond);

// What the one-database design avoids: a separate scan per term. Run on a
// 16 KiB slice so the smoke run stays short; the rate is per byte anyway.
void BM_NaiveFindPerTerm(benchmark::State& state) {
  const Corpus& c = corpus();
  std::string slice = c.text.substr(0, 16 * 1024);
  std::transform(slice.begin(), slice.end(), slice.begin(), [](unsigned char ch) { return std::tolower(ch); });
  size_t matches = 0;
  for (auto _ : state) {
    matches = 0;
    for (const auto& term : c.terms)
      for (size_t pos = slice.find(term); pos != std::string::npos; pos = slice.find(term, pos + 1)) ++matches;
    benchmark::DoNotOptimize(matches);
  }
  if (matches == 0) state.SkipWithError("no matches");
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(slice.size()));
  state.counters["terms"] = static_cast<double>(c.terms.size());
}
BENCHMARK(BM_NaiveFindPerTerm)->Unit(benchmark::kMillisecond);

void BM_TopicsProcessor(benchmark::State& state) {
  const Corpus& c = corpus();
  auto processor = make_topics_processor(c.rules);
  std::vector<Article> work = c.articles;
  size_t i = 0, with_topics = 0, processed = 0, bytes = 0;
  for (auto _ : state) {
    Article& a = work[i];
    a.language.clear();  // exercise detection every time
    processor->process(a);
    with_topics += !a.topics.empty();
    bytes += a.title.size() + a.text.size();
    ++processed;
    i = (i + 1) % work.size();
  }
  // Nearly every evaluation article is English news about something.
  if (processed >= work.size() && with_topics < processed * 9 / 10) state.SkipWithError("too few articles got topics");
  state.SetItemsProcessed(static_cast<int64_t>(processed));
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_TopicsProcessor);

}  // namespace

BENCHMARK_MAIN();

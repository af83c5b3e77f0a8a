// The quotes processor alone: on realistic articles (the seed and the
// evaluation set), and on hostile bodies of growing size (10 KB .. 5 MB) to
// show the cost grows linearly. The realistic run checks the seed article's
// quotes every iteration so a fast wrong answer cannot pass.
#include <benchmark/benchmark.h>

#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "newsflow/app/config.hpp"
#include "newsflow/app/wiring.hpp"
#include "newsflow/processors/normalize.hpp"
#include "newsflow/processors/parser.hpp"
#include "newsflow/processors/quotes.hpp"

namespace {

using namespace newsflow;

std::shared_ptr<const processors::QuoteRules> rules() {
  static const auto r = processors::load_quote_rules(std::string(NEWSFLOW_DATA_DIR_FOR_TESTS) + "/quotes/quote.rules");
  return r;
}

std::unique_ptr<processors::Processor> make_processor() {
  processors::QuotesOptions o;
  o.rules = rules();
  return processors::make_quotes_processor(o);
}

// The seed article (parsed and normalized) followed by the bodies of the
// quotes evaluation set (tests/eval/quotes/articles_*.txt, gold markup removed).
std::string strip_gold_markup(const std::string& body) {
  std::string out;
  out.reserve(body.size());
  for (size_t i = 0; i < body.size();) {
    if (body.compare(i, 2, "{{") == 0 || body.compare(i, 2, "[[") == 0) {
      const std::string close = body[i] == '{' ? "}}" : "]]";
      const size_t end = body.find(close, i);
      const size_t bar = body.find('|', i);
      if (end == std::string::npos || bar == std::string::npos || bar > end) throw std::runtime_error("bad markup");
      out.append(body, i + 2, bar - i - 2);
      i = end + 2;
    } else {
      out.push_back(body[i++]);
    }
  }
  return out;
}

const std::vector<Article>& corpus() {
  static const std::vector<Article> articles = [] {
    const auto config = app::Config::load(std::nullopt, {}, {{"data_dir", NEWSFLOW_DATA_DIR_FOR_TESTS}});
    processors::ArticleParser parser(app::parser_options(config));
    auto normalize = processors::make_normalize_processor(
        processors::load_normalize_rules(std::string(NEWSFLOW_DATA_DIR_FOR_TESTS) + "/normalize/chrome.rules"));
    std::vector<Article> out;
    std::ifstream seed(std::string(NEWSFLOW_SOURCE_DIR) + "/samples/seed.ndjson");
    std::string line;
    std::getline(seed, line);
    Article a;
    if (parser.parse(RawRecord{std::nullopt, line, {}, std::nullopt, 0}, a) ||
        normalize->process(a).kind != processors::Outcome::Kind::pass)
      throw std::runtime_error("seed article did not parse");
    out.push_back(std::move(a));
    for (const char* name : {"dev", "test", "holdout", "real", "real_holdout"}) {
      std::ifstream in(std::string(NEWSFLOW_SOURCE_DIR) + "/tests/eval/quotes/articles_" + name + ".txt");
      std::string body;
      auto flush = [&] {
        if (body.empty()) return;
        Article e;
        e.text = strip_gold_markup(body);
        out.push_back(std::move(e));
        body.clear();
      };
      while (std::getline(in, line)) {
        if (line.starts_with("=== ")) {
          flush();
        } else if (!line.starts_with("#") || !body.empty()) {
          if (!body.empty()) body += '\n';
          body += line;
        }
      }
      flush();
    }
    return out;
  }();
  return articles;
}

bool seed_is_right(const Article& a) {
  size_t direct_or_partial = 0, sacks = 0;
  for (const auto& q : a.quotes) {
    if (q.kind != Quote::Kind::direct && q.kind != Quote::Kind::partial) continue;
    ++direct_or_partial;
    if (q.speaker == "David Sacks") ++sacks;
  }
  return direct_or_partial == 9 && sacks == 4;
}

void BM_QuotesRealistic(benchmark::State& state) {
  auto processor = make_processor();
  std::vector<Article> work = corpus();
  int64_t bytes = 0;
  for (const auto& a : work) bytes += static_cast<int64_t>(a.text.size());
  size_t quotes = 0;
  for (auto _ : state) {
    quotes = 0;
    for (auto& a : work) {
      processor->process(a);
      quotes += a.quotes.size();
    }
    if (!seed_is_right(work.front())) state.SkipWithError("seed article quotes are wrong");
  }
  state.counters["quotes_per_pass"] = static_cast<double>(quotes);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(work.size()));
  state.SetBytesProcessed(state.iterations() * bytes);
}
BENCHMARK(BM_QuotesRealistic);

enum class Hostile { open_marks, mixed_marks, quoted_prose };

std::string hostile_text(Hostile kind, size_t size) {
  std::string piece;
  switch (kind) {
    case Hostile::open_marks:  // thousands of opening marks, no closer
      piece = "\u201C word \u201E \u00AB \u2018 \" ' ";
      break;
    case Hostile::mixed_marks:  // every style, unbalanced, with apostrophes and cues
      piece = "\u201D he said \u2019s \u201C \u00BB she\u2019s said, \" \u2039 \u201A told ' x\u2019 \u201C ";
      break;
    case Hostile::quoted_prose:  // realistic quoting, one endless paragraph
      piece =
          "\u201CWe will not back down,\u201D said Anna Berg, a spokeswoman for the ministry. "
          "\u201CThe plan is sound.\u201D Berg said the talks would resume. ";
      break;
  }
  std::string out;
  out.reserve(size + piece.size());
  while (out.size() < size) out += piece;
  return out;
}

void BM_QuotesHostile(benchmark::State& state, Hostile kind) {
  auto processor = make_processor();
  const std::string text = hostile_text(kind, static_cast<size_t>(state.range(0)));
  Article a;
  for (auto _ : state) {
    a.text = text;
    a.entities.clear();
    processor->process(a);
    benchmark::DoNotOptimize(a.quotes.data());
  }
  // Sanity: quotes never overlap and stay inside the text.
  uint32_t last_end = 0;
  for (const auto& q : a.quotes) {
    if (q.kind == Quote::Kind::indirect) continue;
    if (q.start < last_end || q.end > a.text.size()) state.SkipWithError("overlapping or out-of-range quote");
    last_end = q.end;
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
  state.SetComplexityN(state.range(0));
}

void hostile_sizes(benchmark::internal::Benchmark* b) {
  b->Arg(10 << 10)->Arg(100 << 10)->Arg(1 << 20)->Arg(5 << 20)->Unit(benchmark::kMillisecond)->Complexity(
      benchmark::oN);
}
BENCHMARK_CAPTURE(BM_QuotesHostile, open_marks, Hostile::open_marks)->Apply(hostile_sizes);
BENCHMARK_CAPTURE(BM_QuotesHostile, mixed_marks, Hostile::mixed_marks)->Apply(hostile_sizes);
BENCHMARK_CAPTURE(BM_QuotesHostile, quoted_prose, Hostile::quoted_prose)->Apply(hostile_sizes);

}  // namespace

BENCHMARK_MAIN();

#pragma once
// Helpers shared by the quotes processor's unit tests.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "newsflow/processors/quotes.hpp"

namespace newsflow::processors::quotes_test {

inline std::shared_ptr<const QuoteRules> rules() {
  static auto r = load_quote_rules(std::string(NEWSFLOW_DATA_DIR_FOR_TESTS) + "/quotes/quote.rules");
  return r;
}

// indirect: also emit reported speech (opt-in in the stage, quotes.indirect).
inline Article run(const std::string& text, bool indirect = false) {
  QuotesOptions o;
  o.rules = rules();
  o.indirect = indirect;
  auto p = make_quotes_processor(o);
  Article a;
  a.text = text;
  EXPECT_EQ(p->process(a).kind, Outcome::Kind::pass);
  return a;
}

inline std::vector<Quote> of_kind(const Article& a, Quote::Kind kind) {
  std::vector<Quote> out;
  for (const auto& q : a.quotes)
    if (q.kind == kind) out.push_back(q);
  return out;
}

inline const Quote* find(const Article& a, std::string_view prefix) {
  for (const auto& q : a.quotes)
    if (q.text.starts_with(prefix)) return &q;
  return nullptr;
}

inline std::string speaker(const Article& a, std::string_view prefix) {
  const Quote* q = find(a, prefix);
  if (!q) return "<no quote>";
  return q->speaker.value_or("<null>");
}

inline std::string speaker_role(const Article& a, std::string_view prefix) {
  const Quote* q = find(a, prefix);
  if (!q) return "<no quote>";
  return q->speaker_role.value_or("<null>");
}

}  // namespace newsflow::processors::quotes_test

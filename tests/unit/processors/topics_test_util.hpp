#pragma once
// Helpers shared by the topics processor's unit tests.
#include <gtest/gtest.h>

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "newsflow/processors/topics.hpp"

namespace newsflow::processors::topics_test {

inline const std::string kData = NEWSFLOW_DATA_DIR_FOR_TESTS;
inline const std::string kRulesDir = kData + "/topics";

inline std::shared_ptr<const TopicRules> shared_rules(bool explain = false) {
  static auto plain = load_topic_rules({kRulesDir, false});
  static auto explained = load_topic_rules({kRulesDir, true});
  return explain ? explained : plain;
}

inline Article make_article(std::string title, std::string text, std::string language = "") {
  Article a;
  a.id = "t";
  a.title = std::move(title);
  a.text = std::move(text);
  a.language = std::move(language);
  return a;
}

inline Article run(Article a, bool explain = false) {
  auto p = make_topics_processor(shared_rules(explain));
  EXPECT_EQ(p->process(a).kind, Outcome::Kind::pass);
  return a;
}

inline const Entity* find_entity(const Article& a, std::string_view text) {
  for (const auto& e : a.entities)
    if (e.text == text) return &e;
  return nullptr;
}

// A story and the top-level branch its first topic must be in.
struct FirstBranchCase {
  const char* top;
  const char* title;
  const char* text;
};

inline void expect_first_branches(std::span<const FirstBranchCase> cases) {
  for (const FirstBranchCase& c : cases) {
    const Article a = run(make_article(c.title, c.text, "en"));
    EXPECT_EQ(a.topics.empty() ? "" : a.topics[0].top, c.top) << c.title;
  }
}

}  // namespace newsflow::processors::topics_test

// The name finder's reused map (topics/name_index.hpp): it must answer as a
// fresh map after every clear(), however many names an earlier article had.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "topics/name_index.hpp"

namespace newsflow::processors::topics {
namespace {

TEST(NameIndexTest, KeepsTheFirstValueAndTellsWhetherItInserted) {
  NameIndex index;
  EXPECT_TRUE(index.empty());
  EXPECT_EQ(index.find("Anna Berg"), nullptr);
  auto [first, inserted] = index.try_emplace("Anna Berg", 3);
  EXPECT_TRUE(inserted);
  EXPECT_EQ(*first, 3u);
  auto [again, inserted_again] = index.try_emplace("Anna Berg", 9);
  EXPECT_FALSE(inserted_again);
  EXPECT_EQ(*again, 3u);
  *again = 5;
  ASSERT_NE(index.find("Anna Berg"), nullptr);
  EXPECT_EQ(*index.find("Anna Berg"), 5u);
}

TEST(NameIndexTest, CaseAndPrefixesAreOtherKeys) {
  NameIndex index;
  index.try_emplace("Berg", 1);
  // The hash folds case; the keys must not.
  EXPECT_FALSE(index.contains("BERG"));
  EXPECT_FALSE(index.contains("berg"));
  EXPECT_FALSE(index.contains("Ber"));
  EXPECT_FALSE(index.contains("Bergen"));
  EXPECT_FALSE(index.contains(""));
  EXPECT_TRUE(index.contains("Berg"));
}

TEST(NameIndexTest, AnswersAsAFreshMapAfterClearAndGrowth) {
  NameIndex index;
  for (int round = 0; round < 3; ++round) {
    index.clear();
    EXPECT_TRUE(index.empty());
    std::map<std::string, size_t> expected;
    // Rounds of different sizes: the slots grow in the big one and must be
    // empty again for the small ones after it.
    const int names = round == 1 ? 500 : 7;
    for (int i = 0; i < names; ++i) {
      std::string name = "Person " + std::to_string(i * 7 + round);
      auto [at, inserted] = index.try_emplace(name, static_cast<size_t>(i));
      EXPECT_EQ(inserted, expected.emplace(name, i).second);
      EXPECT_EQ(*at, expected.at(name));
    }
    EXPECT_FALSE(index.contains("Person " + std::to_string(100000 + round)));
    std::vector<std::string> order;
    index.for_each([&](std::string_view key, size_t& value) {
      order.emplace_back(key);
      EXPECT_EQ(value, expected.at(std::string(key)));
    });
    ASSERT_EQ(order.size(), expected.size());
    // In the order added.
    for (size_t i = 0; i < order.size(); ++i) EXPECT_EQ(order[i], "Person " + std::to_string(i * 7 + round));
    if (round == 2) {
      EXPECT_FALSE(index.contains("Person 8")) << "a key from the round before survived clear()";
    }
  }
}

}  // namespace
}  // namespace newsflow::processors::topics

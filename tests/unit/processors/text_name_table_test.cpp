// The per-article name tables (text/name_table.hpp) of the topics name
// finder (KeyCase::exact) and of quotes' People (KeyCase::ascii_folded): the
// same answers as a std::map / std::unordered_map, across growth and across
// clear() (the tables are reused per article).
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "quotes/people.hpp"
#include "text/name_table.hpp"

namespace newsflow::processors::text {
namespace {

using Exact = NameTable<size_t, KeyCase::exact>;
using Folded = NameTable<int, KeyCase::ascii_folded>;

int value_of(const Folded& m, std::string_view key) {
  const auto* it = m.find(key);
  return it == m.end() ? -1 : it->second;
}

TEST(NameTableExact, keeps_the_first_value_and_tells_whether_it_inserted) {
  Exact index;
  EXPECT_TRUE(index.empty());
  EXPECT_EQ(index.find("Anna Berg"), nullptr);
  auto [first, inserted] = index.try_emplace("Anna Berg", 3);
  EXPECT_TRUE(inserted);
  EXPECT_EQ(first->second, 3u);
  auto [again, inserted_again] = index.try_emplace("Anna Berg", 9);
  EXPECT_FALSE(inserted_again);
  EXPECT_EQ(again->second, 3u);
  again->second = 5;
  ASSERT_NE(index.find("Anna Berg"), nullptr);
  EXPECT_EQ(index.find("Anna Berg")->second, 5u);
}

TEST(NameTableExact, case_and_prefixes_are_other_keys) {
  Exact index;
  index.try_emplace("Berg", 1);
  // The hash folds case; the keys must not.
  EXPECT_FALSE(index.contains("BERG"));
  EXPECT_FALSE(index.contains("berg"));
  EXPECT_FALSE(index.contains("Ber"));
  EXPECT_FALSE(index.contains("Bergen"));
  EXPECT_FALSE(index.contains(""));
  EXPECT_TRUE(index.contains("Berg"));
}

TEST(NameTableExact, answers_as_a_fresh_map_after_clear_and_growth) {
  Exact index;
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
      EXPECT_EQ(at->second, expected.at(name));
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

TEST(NameTableFolded, keys_compare_with_ascii_case_folded_and_other_bytes_exact) {
  Folded m;
  EXPECT_TRUE(m.emplace("Aiko Sato", 1));
  EXPECT_EQ(value_of(m, "aiko sato"), 1);
  EXPECT_EQ(value_of(m, "AIKO SATO"), 1);
  EXPECT_EQ(value_of(m, "aiko sat"), -1);
  EXPECT_EQ(value_of(m, "aiko satoh"), -1);
  ASSERT_NE(m.find("AIKO sato"), m.end());
  EXPECT_EQ(m.key(*m.find("AIKO sato")), "aiko sato");  // stored folded
  // Only ASCII folds, as lower_of does: "Ë" and "ë" are different keys.
  EXPECT_TRUE(m.emplace("Zo\u00EB", 2));
  EXPECT_TRUE(m.emplace("Zo\u00CB", 3));
  EXPECT_EQ(value_of(m, "zo\u00EB"), 2);
  EXPECT_EQ(value_of(m, "ZO\u00CB"), 3);
  // "[" and "{" are 0x20 apart like "A" and "a", but are not letters.
  EXPECT_TRUE(m.emplace("x[", 4));
  EXPECT_EQ(value_of(m, "x{"), -1);
  EXPECT_TRUE(m.emplace("", 5));
  EXPECT_EQ(value_of(m, ""), 5);
}

TEST(NameTableFolded, emplace_keeps_the_first_and_subscript_overwrites) {
  Folded m;
  EXPECT_TRUE(m.emplace("sato", 1));
  EXPECT_FALSE(m.emplace("Sato", 2));
  EXPECT_EQ(value_of(m, "sato"), 1);
  m["SATO"] = 3;
  EXPECT_EQ(value_of(m, "sato"), 3);
  EXPECT_EQ(m["ministry"], 0);  // inserted value-initialised, as std::unordered_map does
  EXPECT_EQ(m.size(), 2u);
}

TEST(NameTableFolded, keys_differing_in_any_byte_of_any_length_stay_apart) {
  Folded m;
  std::vector<std::string> keys;
  for (size_t len = 1; len <= 24; ++len)
    for (size_t at = 0; at < len; ++at) {
      std::string k(len, 'q');
      k[at] = 'r';
      keys.push_back(k);
    }
  for (size_t i = 0; i < keys.size(); ++i) ASSERT_TRUE(m.emplace(keys[i], static_cast<int>(i))) << keys[i];
  for (size_t i = 0; i < keys.size(); ++i) {
    std::string upper = keys[i];
    for (char& c : upper) c = static_cast<char>(c - 32);
    EXPECT_EQ(value_of(m, upper), static_cast<int>(i)) << keys[i];
  }
  EXPECT_EQ(value_of(m, std::string(25, 'q')), -1);
}

// Random names in random case, against std::unordered_map of lower_of keys,
// over several "articles" of growing size so clear() follows growth.
TEST(NameTableFolded, matches_a_map_of_lower_cased_keys_across_growth_and_clear) {
  std::mt19937 rng(12);
  const std::string letters = "aAbBeEkKsStT .-'";
  Folded m;
  for (int article = 0; article < 12; ++article) {
    m.clear();
    std::unordered_map<std::string, int> ref;
    const int ops = 50 << (article % 6);  // up to 1,600 operations, past several doublings
    for (int op = 0; op < ops; ++op) {
      std::string key(1 + rng() % 12, ' ');
      for (char& c : key) c = letters[rng() % letters.size()];
      const std::string lower = quotes::lower_of(key);
      switch (rng() % 3) {
        case 0:
          EXPECT_EQ(m.emplace(key, op), ref.emplace(lower, op).second) << key;
          break;
        case 1:
          m[key] = op;
          ref[lower] = op;
          break;
        default: {
          const auto it = ref.find(lower);
          EXPECT_EQ(value_of(m, key), it == ref.end() ? -1 : it->second) << key;
        }
      }
    }
    ASSERT_EQ(m.size(), ref.size());
    for (const auto& [k, v] : ref) EXPECT_EQ(value_of(m, k), v) << k;
  }
  m.clear();
  EXPECT_TRUE(m.empty());
  EXPECT_EQ(value_of(m, "a"), -1);
}

// An article of tens of thousands of names (the tables then let their
// buffers go at clear()) leaves the table as usable as a fresh one.
TEST(NameTableFolded, works_after_an_article_with_very_many_names) {
  Folded m;
  for (int round = 0; round < 3; ++round) {
    const int n = round == 1 ? 50000 : 100;
    for (int i = 0; i < n; ++i) ASSERT_TRUE(m.emplace("Name" + std::to_string(i), i));
    for (int i = 0; i < n; i += 7) EXPECT_EQ(value_of(m, "NAME" + std::to_string(i)), i);
    EXPECT_EQ(value_of(m, "name" + std::to_string(n)), -1);
    EXPECT_EQ(m.size(), static_cast<size_t>(n));
    m.clear();
    EXPECT_EQ(value_of(m, "name1"), -1);
  }
}

}  // namespace
}  // namespace newsflow::processors::text

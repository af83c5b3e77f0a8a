// People's name tables (quotes/name_map): the same answers as the
// std::unordered_map of lower-cased keys they replaced, across growth and
// across clear() (the tables are reused per article).
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <unordered_map>

#include "quotes/name_map.hpp"
#include "quotes/people.hpp"

namespace newsflow::processors {
namespace {

using quotes::NameMap;

int value_of(const NameMap& m, std::string_view key) {
  const auto* it = m.find(key);
  return it == m.end() ? -1 : it->second;
}

TEST(QuotesNameMap, keys_compare_with_ascii_case_folded_and_other_bytes_exact) {
  NameMap m;
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

TEST(QuotesNameMap, emplace_keeps_the_first_and_subscript_overwrites) {
  NameMap m;
  EXPECT_TRUE(m.emplace("sato", 1));
  EXPECT_FALSE(m.emplace("Sato", 2));
  EXPECT_EQ(value_of(m, "sato"), 1);
  m["SATO"] = 3;
  EXPECT_EQ(value_of(m, "sato"), 3);
  EXPECT_EQ(m["ministry"], 0);  // inserted value-initialised, as std::unordered_map does
  EXPECT_EQ(m.size(), 2u);
}

TEST(QuotesNameMap, keys_differing_in_any_byte_of_any_length_stay_apart) {
  NameMap m;
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
TEST(QuotesNameMap, matches_a_map_of_lower_cased_keys_across_growth_and_clear) {
  std::mt19937 rng(12);
  const std::string letters = "aAbBeEkKsStT .-'";
  NameMap m;
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
TEST(QuotesNameMap, works_after_an_article_with_very_many_names) {
  NameMap m;
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
}  // namespace newsflow::processors

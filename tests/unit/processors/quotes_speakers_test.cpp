// Attribution patterns of wire and newspaper copy that used to lose the
// speaker (issue 13). Examples written for these tests.
#include <gtest/gtest.h>

#include "quotes_test_util.hpp"

namespace newsflow::processors {
namespace {

using namespace quotes_test;

Quote::SpeakerKind kind_of(const Article& a, std::string_view prefix) {
  const Quote* q = find(a, prefix);
  return q ? q->speaker_kind : Quote::SpeakerKind::none;
}

TEST(QuoteSpeakersTest, RoleWithoutANameIsTheSpeaker) {
  const Article a = run(
      "\"The gates stay shut until Monday,\" a spokesperson for the camp said.\n"
      "\"Nobody has been hurt,\" officials said on Sunday.\n"
      "\"He loved the sea,\" the father said.\n"
      "\"The pumps failed twice,\" said a local source.\n"
      "\"We filed it in March,\" a Verdant Rail spokesman told reporters.");
  EXPECT_EQ(speaker(a, "The gates"), "spokesperson for the camp");
  EXPECT_EQ(kind_of(a, "The gates"), Quote::SpeakerKind::role);
  EXPECT_EQ(speaker(a, "Nobody"), "officials");
  EXPECT_EQ(speaker(a, "He loved"), "father");
  EXPECT_EQ(speaker(a, "The pumps"), "local source");
  EXPECT_EQ(speaker(a, "We filed"), "Verdant Rail spokesman");
  // A role names nobody: it is neither a speaker entry nor an entity.
  EXPECT_TRUE(a.speakers.empty());
  EXPECT_TRUE(a.entities.empty());
}

TEST(QuoteSpeakersTest, NamedSpeakersSayWhatKindTheyAre) {
  const Article a = run("\"We will appeal,\" said Maren Solberg.\n\"It is final,\" the ministry said.");
  EXPECT_EQ(kind_of(a, "We will"), Quote::SpeakerKind::person);
  const Quote* q = find(a, "We will");
  ASSERT_NE(q, nullptr);
}

TEST(QuoteSpeakersTest, InvertedCueWithRoleWordsBeforeTheName) {
  const Article a = run(
      "\"Nobody here slept,\" said ferry passenger Ilse Brandt, 61.\n"
      "\"The talks are over,\" confirmed Danish foreign ministry spokesman Ole Vinter.\n"
      "The lorry \"came out of nowhere,\" said the Haute-Savoie sub-prefect, Amandine Roux.");
  EXPECT_EQ(speaker(a, "Nobody here"), "Ilse Brandt");
  EXPECT_EQ(speaker(a, "The talks"), "Ole Vinter");
  EXPECT_EQ(speaker(a, "came out"), "Amandine Roux");
}

}  // namespace
}  // namespace newsflow::processors

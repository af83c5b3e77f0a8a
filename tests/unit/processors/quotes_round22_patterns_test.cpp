// Speaker patterns met in the twenty-second round (quotes22), each written
// for these tests: role speakers that keep the organisation before their
// role noun, ages spelt out before a name, and organisations whose name runs on
// through "on" or "for".
#include <gtest/gtest.h>

#include "quotes_test_util.hpp"

namespace newsflow::processors {
namespace {

using namespace quotes_test;

TEST(QuoteRound22PatternsTest, RoleSpeakerKeepsTheCapitalisedPoliceBeforeIt) {
  const Article a = run(
      "The bridge was closed on Monday. A Riverside Police spokesman said \"Two lanes will reopen tonight after the "
      "inspection.\"");
  EXPECT_EQ(speaker_role(a, "Two lanes"), "Riverside Police spokesman");
}

TEST(QuoteRound22PatternsTest, AnAgeSpeltOutIsNoPartOfTheName) {
  const Article a = run(
      "The coach left the road near Elmsby. Twelve-year-old Mia, who was on the upper deck, said \"Everyone was "
      "shouting at once.\"");
  EXPECT_EQ(speaker(a, "Everyone was shouting"), "Mia");
  const Article b = run(
      "Sixteen-year-old Omar Haddad won the county title. \"I trained every morning,\" Haddad said.");
  EXPECT_EQ(speaker(b, "I trained"), "Omar Haddad");
}

TEST(QuoteRound22PatternsTest, OpinesIsASpeechCue) {
  const Article a = run(
      "The league met on Sunday. \"The rules are clear,\" Dana Holt opines, \"and the referee applied them.\"");
  EXPECT_EQ(speaker(a, "The rules are clear"), "Dana Holt");
  EXPECT_EQ(speaker(a, "and the referee"), "Dana Holt");
}

TEST(QuoteRound22PatternsTest, AnOrganisationNameRunsOnThroughOnAndFor) {
  const Article a = run(
      "The National Board on Water Safety finished its tests on Monday.\n\n"
      "In a short statement, the board said, \"The samples from all four wells were clean.\"");
  EXPECT_EQ(speaker(a, "The samples"), "National Board on Water Safety");
  const Article b = run(
      "The Office for Rail Standards fined the operator. The office said: \"Late trains cost passengers dearly.\"");
  EXPECT_EQ(speaker(b, "Late trains"), "Office for Rail Standards");
}

}  // namespace
}  // namespace newsflow::processors

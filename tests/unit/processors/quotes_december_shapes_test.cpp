// Speaker shapes first seen on the tenth real dev set (wn19h-dev, issue 13,
// nineteenth round): a time phrase opening the sentence ("A month later,",
// "Two days earlier,") is not the subject of the verb after it, and a place
// after "at"/"in"/"on" before "called" and a quotation is no speaker (the
// quotation names the thing before it). Examples written for these tests.
#include <gtest/gtest.h>

#include "quotes_test_util.hpp"

namespace newsflow::processors {
namespace {

using namespace quotes_test;

TEST(QuoteDecemberShapesTest, AnOpeningTimePhraseIsNotTheSubject) {
  const Article a = run(
      "The line was first proposed in March. A week later, during the party's spring conference, Marta Illes "
      "defended the plan, saying that \"We will build the line by the end of next year.\"\n\nThe council met "
      "again on Tuesday. Two days earlier, at a meeting with the engineers, Tomas Berg warned them, saying \"The "
      "old bridge cannot hold another winter.\"");
  EXPECT_EQ(speaker(a, "We will build the line"), "Marta Illes");
  EXPECT_EQ(speaker(a, "The old bridge cannot"), "Tomas Berg");
}

TEST(QuoteDecemberShapesTest, ATimePhraseWithoutANameAfterItLeavesTheSpeakerAlone) {
  // The noun phrase after the time phrase is still the subject when it is a role.
  const Article a = run(
      "Years later, in an interview, the former mayor recalled the flood, saying \"We lost the whole lower town that night.\"");
  EXPECT_EQ(speaker(a, "We lost the whole lower town"), "former mayor");
}

TEST(QuoteDecemberShapesTest, APlaceBeforeANamingParticipleCallsNothing) {
  const Article a = run(
      "The charity had been running a course for young offenders at Mercers' Hall called \"Fresh Start\". "
      "A second one opened in Leeds called \"Open Doors\".");
  for (const char* title : {"Fresh Start", "Open Doors"}) {
    const Quote* q = find(a, title);
    ASSERT_NE(q, nullptr) << title;
    EXPECT_EQ(q->kind, Quote::Kind::scare) << title;
  }
  // The place as the subject of "called" still speaks.
  const Article b = run("On Monday, the council of Leeds called the plan \"a needless waste of money\".");
  const Quote* q = find(b, "a needless waste");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, Quote::Kind::partial);
}

}  // namespace
}  // namespace newsflow::processors

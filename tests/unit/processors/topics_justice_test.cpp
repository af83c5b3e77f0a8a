// A killer's or a condemned prisoner's case is filed with crime (issue 13,
// eighteenth round): whether he is fit to give up his appeals, or too ill to
// be executed, is the court's question, however much of the story is the
// psychiatrist's evidence. The death penalty had no words of its own. A
// drama about a serial killer stays with the arts, and the health of the
// people who guard death row stays a health story.
#include <gtest/gtest.h>

#include "topics_test_util.hpp"

namespace newsflow::processors {
namespace {

using topics_test::expect_first_branches;
using topics_test::FirstBranchCase;

TEST(TopicJustice, AKillerFitToDropHisAppealsIsCrime) {
  const FirstBranchCase cases[] = {
      {"medtop:02000000", "Serial killer found fit to drop his appeals",
       "A judge ruled on Tuesday that a man who admitted killing six women in the 1990s is mentally "
       "competent to give up his remaining appeals. A psychiatrist who examined him for the court "
       "testified that he suffers from depression and anxiety and takes medication, but understands "
       "the choice he is making. His execution is set for March."},
  };
  expect_first_branches(cases);
}

TEST(TopicJustice, ADeathRowPrisonersIllnessIsCrime) {
  const FirstBranchCase cases[] = {
      {"medtop:02000000", "Death row inmate has dementia, lawyers say",
       "Lawyers for a man on death row since 1996 asked the governor on Monday for clemency, saying "
       "a psychiatrist found he has dementia and can no longer remember the crime. The state's "
       "highest court rejected the same claim last year, and his lethal injection is scheduled for "
       "next month."},
  };
  expect_first_branches(cases);
}

TEST(TopicJustice, ADramaAboutAKillerAndTheGuardsHealthStayTheirDesks) {
  const FirstBranchCase cases[] = {
      {"medtop:01000000", "Serial killer drama tops television ratings",
       "The new crime drama about a serial killer drew eight million viewers on Sunday night, the "
       "broadcaster said. The series, which stars two well-known actors as detectives, was the most "
       "watched programme of the week, and a second season has been ordered."},
      {"medtop:07000000", "Doctors warn of depression among death row guards",
       "Psychiatrists say prison officers who work with inmates awaiting the death penalty suffer "
       "high rates of depression, anxiety and suicide, and call for mental health services for them."},
  };
  expect_first_branches(cases);
}

}  // namespace
}  // namespace newsflow::processors

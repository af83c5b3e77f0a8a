// What the headline says happened names the desk (issue 13, seventeenth
// round): a cabinet secretary who resigns or is named is a government story,
// whatever the department guards against; a person kidnapped is a crime
// story, whoever the victim's relatives are famous for; a place remembering
// or playing again a day of its past is an anniversary. The words of the
// background (the terror a department fights, the club a son plays for)
// stay the second branch.
#include <gtest/gtest.h>

#include "topics_test_util.hpp"

namespace newsflow::processors {
namespace {

using topics_test::make_article;
using topics_test::run;
using topics_test::expect_first_branches;
using topics_test::FirstBranchCase;

TEST(TopicHeadlineEvent, ACabinetSecretaryNamedByDepartmentIsGovernment) {
  const FirstBranchCase cases[] = {
      {"medtop:11000000", "Homeland security secretary Dana Morrow resigns",
       "Dana Morrow, the secretary of homeland security, resigned on Friday after three years in which "
       "her department drew up new defences against terrorism. Morrow, who led the response to two "
       "terrorist attacks and a string of terror plots, said she wanted to spend more time with her "
       "family. She will stay until a successor is found."},
      {"medtop:11000000", "Former police chief named as secretary of homeland security",
       "A former police chief who led the city's response to a terrorist attack has been chosen to be the "
       "next secretary of homeland security. Before joining the police he served in the army and worked "
       "as a security guard abroad. His department employs 150,000 people and watches the borders for "
       "terrorists."},
  };
  expect_first_branches(cases);
}

TEST(TopicHeadlineEvent, AnAttackTheSecretaryCommentsOnStaysTheAttack) {
  const FirstBranchCase cases[] = {
      {"medtop:16000000", "Bomb kills four at crowded train station",
       "A bomb exploded at a crowded train station in Vell on Monday morning, killing four people and "
       "wounding twenty. The secretary of homeland security called it an act of terror and said the "
       "bombers had planned the attack for months. Militants claimed responsibility."},
  };
  expect_first_branches(cases);
}

TEST(TopicHeadlineEvent, APersonKidnappedIsCrimeWhateverTheFamilyIsKnownFor) {
  const FirstBranchCase cases[] = {
      {"medtop:02000000", "Striker's father has been kidnapped in Porto Alvo",
       "The father of the national team's striker was taken from his car by armed men on Sunday; police "
       "said the kidnappers had asked for a ransom. The striker, who scored twice in the league final, left the squad's training camp. His club said he "
       "would miss the next match, and the coach asked fans to respect the family."},
      {"medtop:02000000", "Pop singer's sister freed by kidnappers after a month",
       "The sister of a pop singer whose new album topped the charts this spring was released on "
       "Wednesday, police said; the family had paid a ransom. The singer had cancelled the last concerts of her world tour and her record label "
       "postponed the release of a single. Her band played without her at the music festival."},
  };
  expect_first_branches(cases);
}

// Girls kidnapped from a school and released by an armed group: the
// participle does not tell the kidnapping as the story, the group names it.
TEST(TopicHeadlineEvent, SchoolgirlsReleasedByAnArmedGroupStayConflict) {
  const FirstBranchCase cases[] = {
      {"medtop:16000000", "Schoolgirls kidnapped last year released by Boko Haram",
       "Thirty schoolgirls kidnapped from their school a year ago were released by Boko Haram on Tuesday "
       "after talks with the government. The militants, who have fought the army in the north for a "
       "decade, freed them in exchange for four of their commanders. Troops escorted the girls to the "
       "city."},
  };
  expect_first_branches(cases);
}

TEST(TopicHeadlineEvent, ACommemorationOrReenactmentIsTheAnniversary) {
  const FirstBranchCase cases[] = {
      {"medtop:08000000", "Village commemorates the opening of its bridge",
       "The village commemorated the opening of its stone bridge a century ago with a walk across it on "
       "Saturday. Families who had crossed it for generations shared photographs, and a plaque was "
       "unveiled."},
      {"medtop:08000000", "Townsfolk re-enact the arrival of the first mail coach",
       "Townsfolk in period dress re-enacted the arrival of the first mail coach in Ostley on Sunday, 200 "
       "years to the day. Children waved flags along the high street, and the mayor read out the first "
       "letter delivered."},
  };
  expect_first_branches(cases);
}

// "Beaten to death" is a killing even when no other crime word is near.
TEST(TopicHeadlineEvent, BeatenToDeathIsAHomicide) {
  const Article a = run(make_article(
      "Man beaten to death in Elm Park",
      "A 40-year-old man was beaten to death in Elm Park late on Saturday. Officers found him near the "
      "bandstand; a post-mortem examination is planned and the park remains closed.",
      "en"));
  ASSERT_FALSE(a.topics.empty());
  EXPECT_EQ(a.topics[0].top, "medtop:02000000");
  bool homicide = false;
  for (const auto& t : a.topics) homicide = homicide || t.id == "medtop:20000099";
  EXPECT_TRUE(homicide);
}

}  // namespace
}  // namespace newsflow::processors

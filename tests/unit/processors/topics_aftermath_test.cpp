// The event, not its aftermath, names the desk (issue 13, sixteenth round).
// Wire copy about a crime, an accident, a fire or an attack says where the
// victims were taken and how they are ("taken to hospital", "in critical
// condition", "underwent surgery"); an editor files the story under the
// event. Stories about hospitals, treatments and diseases stay health.
// Likewise the casualty words of a shooting or a stabbing (eighteenth round).
#include <gtest/gtest.h>

#include <string>

#include "topics_test_util.hpp"

namespace newsflow::processors {
namespace {

using topics_test::make_article;
using topics_test::run;
using topics_test::expect_first_branches;
using topics_test::FirstBranchCase;

TEST(TopicAftermath, CrimeStaysCrimeWhateverTheVictimsTreatment) {
  const FirstBranchCase cases[] = {
      {"medtop:02000000", "Officer wounded at station, suspect held",
       "A police officer was shot in the leg at a station in Marlow Heath on Sunday night. He was airlifted "
       "to hospital and underwent surgery; doctors said his condition was stable. A 34-year-old man was "
       "arrested at the scene. The officer remained in hospital on Monday, police said."},
      {"medtop:02000000", "Shopkeeper in critical condition after knife robbery",
       "A shopkeeper was taken to hospital in a critical condition after two men robbed his store in "
       "Eastfold late on Friday. Paramedics treated him at the scene before he was rushed to hospital for "
       "emergency surgery. Detectives have appealed for witnesses."},
      {"medtop:02000000", "Teenager dies of his wounds after street shooting",
       "A 17-year-old boy died of his wounds in hospital on Thursday, two days after he was shot outside a "
       "takeaway in Brenton. Doctors had kept him in intensive care. Police said a man had been charged "
       "with murder."},
  };
  expect_first_branches(cases);
}

TEST(TopicAftermath, AccidentsAndFiresStayDisasters) {
  const FirstBranchCase cases[] = {
      {"medtop:03000000", "Bus overturns on mountain road",
       "A bus carrying 40 passengers overturned on a mountain road near Kessel on Saturday. Eleven people "
       "were taken to hospital, three of them in critical condition, and others were treated for minor "
       "injuries at the scene. The driver was airlifted to hospital."},
      {"medtop:03000000", "Family rescued from burning house",
       "Firefighters rescued a family of four from a burning house in Dunmere early on Tuesday. The parents "
       "were taken to hospital suffering from smoke inhalation and one child was treated for burns. The "
       "fire started in the kitchen, the fire brigade said."},
  };
  expect_first_branches(cases);
}

TEST(TopicAftermath, AnAttackStaysConflict) {
  const FirstBranchCase cases[] = {
      {"medtop:16000000", "Suicide bomber kills nine at checkpoint",
       "A suicide bomber killed nine soldiers at an army checkpoint in the north of the country on "
       "Wednesday. Dozens of wounded were taken to hospital, where doctors said several were in critical "
       "condition. Insurgents claimed responsibility for the attack."},
  };
  expect_first_branches(cases);
}

// A dissident poisoned with a nerve agent is an attempted murder or a
// political affair (an editor could file it under either); "poisoned" is
// IPTC's health condition only when nobody gave the poison.
TEST(TopicAftermath, ADissidentPoisonedIsNoHealthStory) {
  const Article a = run(make_article(
      "Exiled dissident poisoned, allies say",
      "An exiled opposition activist was poisoned with a nerve agent, his allies said on Thursday, after he "
      "collapsed at an airport and was taken to hospital. Doctors placed him in a medically induced coma. "
      "His supporters accused the government of attempted murder and called for an investigation.",
      "en"));
  ASSERT_FALSE(a.topics.empty());
  EXPECT_NE(a.topics[0].top, "medtop:07000000");
  EXPECT_TRUE(a.topics[0].top == "medtop:02000000" || a.topics[0].top == "medtop:11000000") << a.topics[0].top;
}

// A deliberate poisoning, or one alleged, with no health word in the
// title: the poison is a crime or the affair's politics, not a condition.
TEST(TopicAftermath, APoisonGivenOrAllegedIsNoCondition) {
  const FirstBranchCase cases[] = {
      {"medtop:11000000", "Opposition MP flown abroad for treatment",
       "An opposition member of parliament was flown to Vienna on Sunday for treatment after falling ill "
       "during a campaign rally. Her party alleged she was poisoned and demanded that the interior minister "
       "resign."},
      {"medtop:11000000", "Government critic flown to Berlin in a coma",
       "A prominent critic of the government was flown to a Berlin clinic on Saturday, two days after he "
       "fell ill on a domestic flight. He has been in a serious medical condition since. His allies alleged "
       "he was poisoned because of his campaign against the ruling party."},
      {"medtop:11000000", "Opposition leader poisoned, aides say",
       "The leader of the country's opposition party was poisoned, his aides said on Tuesday, accusing the "
       "government of trying to silence him before the election. He fell ill on a flight and was rushed to "
       "hospital, where doctors said he was in a serious condition."},
      {"medtop:02000000", "Woman charged after colleague falls ill at office",
       "A 41-year-old woman was charged with attempted murder on Monday after a colleague was poisoned at "
       "an office in Harlby. Detectives said the victim had been poisoned with ricin hidden in a cup of "
       "tea. He was rushed to hospital and remains in intensive care."},
  };
  expect_first_branches(cases);
}

TEST(TopicAftermath, HospitalsTreatmentsAndDiseasesStayHealth) {
  const FirstBranchCase cases[] = {
      {"medtop:07000000", "Hospital porters walk out over pay",
       "Porters and cleaners at three hospitals in Carrow began a two-day strike on Monday. The hospital "
       "trust said patients in critical condition would be treated as usual and that surgery had been "
       "postponed for some patients."},
      {"medtop:07000000", "New treatment halves relapses in trial",
       "A new treatment for multiple sclerosis halved the number of relapses in a clinical trial, "
       "researchers said. Patients who received the drug were less often taken to hospital, and doctors "
       "hope it will be approved next year."},
      {"medtop:07000000", "Cholera outbreak spreads to second province",
       "A cholera outbreak has spread to a second province, health officials said on Friday. Hundreds of "
       "people have been taken to hospital with symptoms and 14 have died. Aid groups are shipping clean "
       "water to the region."},
      {"medtop:07000000", "Waiting lists for knee surgery grow",
       "Patients are waiting up to two years for knee surgery at the city's hospitals, figures show. Doctors "
       "said the waiting lists had doubled since last winter, and the hospital trust promised more "
       "operating theatres."},
      {"medtop:07000000", "Surgeon's study finds fewer complications with keyhole surgery",
       "A surgeon at Westgate hospital found that patients who had keyhole surgery suffered fewer "
       "complications than those who had open surgery. The study followed 1,200 patients over five years "
       "and was published in a medical journal."},
  };
  expect_first_branches(cases);
}

// The hurt, the victims and the dead of a shooting or a stabbing are the
// crime's (eighteenth round): near its words they do not count for
// accidents, and a knife attack is named by its weapon as a shooting is. A
// coach that overturns keeps its injured.
TEST(TopicAftermath, TheCasualtiesOfAShootingOrAStabbingAreTheCrimes) {
  const FirstBranchCase cases[] = {
      {"medtop:02000000", "Two teenagers shot outside cinema",
       "Police said two teenagers were injured in a shooting outside a cinema in Darford late on "
       "Friday. The victims, a boy and a girl aged 16, were taken to hospital and are in stable "
       "condition; no fatalities were reported. Officers are asking anyone who saw the car drive off "
       "to come forward."},
      {"medtop:02000000", "Three hurt in knife attack at bus station",
       "Three people were injured in a stabbing at the central bus station on Sunday morning. The "
       "victims, two men and a woman, suffered cuts to their arms, and their injuries are not "
       "thought to be life-threatening. A 24-year-old man was detained at the scene."},
  };
  expect_first_branches(cases);
}

TEST(TopicAftermath, AnAccidentKeepsItsInjured) {
  const FirstBranchCase cases[] = {
      {"medtop:03000000", "Coach overturns on motorway, injuring 20",
       "Twenty passengers were injured when a coach overturned on the motorway near Hollin early on "
       "Saturday. The injured were taken to three hospitals; the victims include four children. Fire "
       "crews cut survivors free from the wreckage, and the road was closed for six hours."},
  };
  expect_first_branches(cases);
}

}  // namespace
}  // namespace newsflow::processors

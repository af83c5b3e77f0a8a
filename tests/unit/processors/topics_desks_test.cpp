// Stories whose subject has a desk of its own but whose words the term file
// lacked (twenty-second round, a fresh set of Global Voices posts of May
// 2012): a strike named by its workforce, nuclear waste, e-mail services,
// police brutality, a journalism prize, mad cow disease, crowdsourcing,
// working mothers. Each went by its circumstances (the protests, the
// minister, the award, the imports).
#include <gtest/gtest.h>

#include "topics_test_util.hpp"

namespace newsflow::processors {
namespace {

using topics_test::expect_first_branches;
using topics_test::FirstBranchCase;

// A headline strike named by who strikes is a labour dispute, however many
// protests and police follow it.
TEST(TopicDesks, AStrikeNamedByItsWorkforceIsLabour) {
  const FirstBranchCase cases[] = {
      {"medtop:09000000", "Nurses strike over unpaid overtime",
       "Nurses at the city's three public hospitals stayed away from work on Monday. Hundreds "
       "marched to the ministry in protest, and police used tear gas to break up the protest."},
      {"medtop:09000000", "Bus drivers begin 48-hour strike",
       "Buses stayed in their depots across the capital as drivers began a 48-hour strike. "
       "Commuters queued for taxis while the mayor urged both sides back to talks."},
  };
  expect_first_branches(cases);
}

// Nuclear waste and radioactive leaks are pollution: a protest against a
// waste store was filed as political dissent, the waste having no term.
TEST(TopicDesks, NuclearWasteIsPollution) {
  const FirstBranchCase cases[] = {
      {"medtop:06000000", "Islanders protest against nuclear waste store",
       "Hundreds of islanders protested outside the island's nuclear waste store after traces of "
       "radioactive waste were found in the soil near it. The president has not answered them."},
  };
  expect_first_branches(cases);
}

// Webmail services are information technology: a ministry's ban on them was
// filed under government, the only words it knew being the minister's.
TEST(TopicDesks, WebmailIsInformationTechnology) {
  const FirstBranchCase cases[] = {
      {"medtop:13000000", "Ministry bans staff from using Gmail",
       "Civil servants must move their work e-mail to a state-run email service by June, the "
       "minister said. Accounts with Gmail, Hotmail and other webmail providers leak data, he said."},
  };
  expect_first_branches(cases);
}

// Police brutality is a police story (crime, law and justice), not the
// minister's or the refugees' who appear in it.
TEST(TopicDesks, PoliceBrutalityIsAPoliceStory) {
  const FirstBranchCase cases[] = {
      {"medtop:02000000", "Video of police beating a detained migrant sparks outrage",
       "A video shared online shows riot police kicking a handcuffed refugee who did not resist. "
       "The minister promised a review of police brutality; a United Nations agency has the video."},
  };
  expect_first_branches(cases);
}

// A journalism award is the news media's: a call for nominations filed under
// human rights, the subject of the reporting it honours.
TEST(TopicDesks, AJournalismAwardIsTheMedias) {
  const FirstBranchCase cases[] = {
      {"medtop:01000000", "Foundation opens nominations for journalism award",
       "The foundation is calling for nominations to its new journalism award, which honours "
       "reporting on human rights abuses. Winners of the award will receive a grant."},
  };
  expect_first_branches(cases);
}

// Mad cow disease is a health scare first: a row over beef imports it
// revived was filed under the economy.
TEST(TopicDesks, MadCowDiseaseIsHealth) {
  const FirstBranchCase cases[] = {
      {"medtop:07000000", "Mad cow case reopens beef import row",
       "A case of mad cow disease found on a cattle farm abroad has revived protests against beef "
       "imports. The farm ministry said inspectors found no risk to consumers."},
  };
  expect_first_branches(cases);
}

// Crowdsourcing is a technology: a platform where residents report a city's
// problems was filed under an election it mentions.
TEST(TopicDesks, CrowdsourcingIsTechnology) {
  const FirstBranchCase cases[] = {
      {"medtop:13000000", "City problems mapped on a crowdsourcing site",
       "Residents report broken streetlights, potholes and illegal dumping on a crowdsourcing "
       "platform, and the city council now answers them there. More than 8,000 problems have been "
       "posted since the election."},
  };
  expect_first_branches(cases);
}

// Working mothers are a women's story (society): a photo essay about them was
// filed under the arts by the museum that shows it.
TEST(TopicDesks, WorkingMothersAreAWomensStory) {
  const FirstBranchCase cases[] = {
      {"medtop:14000000", "Photo essay follows working mothers in rural villages",
       "A photographer's essay on working mothers in rural villages is on show at an online museum "
       "for women. It shows mothers who farm, sell at markets and raise their children alone."},
  };
  expect_first_branches(cases);
}

}  // namespace
}  // namespace newsflow::processors

// Twenty-third round of issue 13: the wrong first branches of every dev and
// fresh split (561 articles) grouped by mechanism. No change in how evidence
// is weighed (title and lead weights, strong-vs-weak, breadth, shared words,
// branch priors) beat the current settings on them; what was left is words:
// the channel a story travels by read as its subject, and a desk with no
// words for its own people.
#include "topics_test_util.hpp"

namespace newsflow::processors {
namespace {

using topics_test::expect_first_branches;
using topics_test::FirstBranchCase;

// "Online" and "internet" say how a story reaches people more often than
// what it is about: a radio station or an archive that moves to the web is
// still the media's or the library's story. They stay evidence for
// information technology, as ordinary words (weight 1), not as strong ones.
TEST(TopicChannel, OnlineIsTheChannelNotTheSubject) {
  const FirstBranchCase cases[] = {
      {"medtop:01000000", "Village radio station now streams online",
       "The community radio station, run by volunteer presenters, now broadcasts its programmes "
       "online as well as on air. Listeners abroad can follow the station's news bulletins and its "
       "Sunday music show on the internet."},
  };
  expect_first_branches(cases);
}

// A story that is about the technology keeps it first.
TEST(TopicChannel, InternetStoriesStayTechnology) {
  const FirstBranchCase cases[] = {
      {"medtop:13000000", "Half the country now has internet access",
       "Official figures say half of the country's homes now have an internet connection, most of "
       "them over mobile networks. Broadband speeds remain low outside the capital, and the "
       "government restricts fast connections to universities and companies."},
      {"medtop:13000000", "Browser update blocks trackers",
       "The latest web browser release blocks online trackers by default. The software also warns "
       "users before they enter a password on an unencrypted page."},
  };
  expect_first_branches(cases);
}

// Clerics, fatwas and apostasy are religion's, as Shia and Sunni are:
// religion had words for bishops, imams and rabbis but none for these.
TEST(TopicChannel, ClericsAndApostasyAreReligion) {
  const FirstBranchCase cases[] = {
      {"medtop:12000000", "Cleric calls for singer to be punished for apostasy",
       "A senior cleric has issued a fatwa against a singer living abroad, accusing him of apostasy "
       "over the lyrics of his latest song. Fans of the singer have defended him online."},
      {"medtop:12000000", "Shia and Sunni clerics pray together",
       "Shia and Sunni clerics led a joint prayer on Friday, a first in the city, where the two "
       "communities have long kept apart."},
  };
  expect_first_branches(cases);
}

// IPTC's investments (20000378) had no words, and spam none either: a
// foreign investor's plant and a flood of junk e-mail came out with no topic
// or with whatever else the page named.
TEST(TopicChannel, InvestmentAndSpamHaveWords) {
  const FirstBranchCase cases[] = {
      {"medtop:04000000", "Port city courts foreign investment",
       "The port city wants to copy the special economic zone model of its neighbours. Officials "
       "hope foreign investment will pay for a new container terminal and a railway to the interior."},
      {"medtop:13000000", "Filters stop a flood of spam",
       "A mail provider says its filters now stop nine in ten spam messages before they reach users. "
       "Spammers have moved to text messages instead."},
  };
  expect_first_branches(cases);
}

// Charity is IPTC's charity (20000818, under society: "the voluntary giving
// of money, food or other necessities"), not a lobby: "charity" counted for
// non-governmental organisations, under politics, so a fan convention's
// fundraiser was filed under politics.
TEST(TopicChannel, CharityIsSociety) {
  const FirstBranchCase cases[] = {
      {"medtop:14000000", "Food bank charity appeals for donations before winter",
       "The charity, which runs three food banks in the city, says demand has doubled since last "
       "year. It is asking for donations of tinned food and warm clothes."},
  };
  expect_first_branches(cases);
}

}  // namespace
}  // namespace newsflow::processors

// IPTC topics whose branch had no vocabulary of its own (tenth round): a
// story about one of them went by its circumstances (a venue, a religion, a
// natural event) because nothing in it named the subject.
#include <gtest/gtest.h>

#include "topics_test_util.hpp"

namespace newsflow::processors {
namespace {

using topics_test::make_article;
using topics_test::run;
using topics_test::expect_first_branches;
using topics_test::FirstBranchCase;

// Each fails with the ninth round's en.terms: women (14) had no terms, so the
// first story got no topic at all; an executive decree (11) none,
// so the veil it bans made the second religion.
TEST(TopicVocabulary, WomenAndDecreesNameTheirBranch) {
  const FirstBranchCase cases[] = {
      {"medtop:14000000", "Bus drivers mark International Women's Day",
       "Only women drove the city's buses on Friday for International Women's Day. The operator said it "
       "would hold an open day for women who want to train as drivers."},
      {"medtop:11000000", "President bans headscarves in state offices by decree",
       "The president signed a decree on Monday barring staff of state offices from wearing a Muslim "
       "headscarf at work. The decree takes effect next month."},
  };
  expect_first_branches(cases);
}

// Plankton is marine science, and a haunted house a Halloween pastime: with
// the ninth round's en.terms the volcano made the first story a disaster and
// the school words made the second education.
TEST(TopicVocabulary, PlanktonAndHauntedHousesNameTheirBranch) {
  const FirstBranchCase cases[] = {
      {"medtop:13000000", "Plankton thrived after the eruption, study finds",
       "Phytoplankton multiplied in the sea around the island after last year's volcano eruption, "
       "according to a study. Plankton numbers rose tenfold within weeks."},
      {"medtop:10000000", "Haunted house builders swap tips at weekend fair",
       "Builders of haunted houses met at a fair in Dorville at the weekend. Teachers from a local school "
       "held classes on props, and visitors toured a haunted attraction built for the event."},
  };
  expect_first_branches(cases);
}

// IPTC's public inquiry ("including royal commissions") and veterans'
// affairs are politics. With the first tenth-round en.terms the contracts
// "awarded" made the first story an award (human interest), and the war the
// veterans served in made the second conflict.
TEST(TopicVocabulary, InquiriesAndVeteransAffairsArePolitics) {
  const FirstBranchCase cases[] = {
      {"medtop:11000000", "Royal commission to examine how contracts were awarded",
       "The government announced a royal commission on Tuesday into how contracts for the new motorway "
       "were awarded. The commission will report within a year."},
      {"medtop:11000000", "War veterans wait months for hospital care",
       "Military veterans are waiting up to eight months for hospital treatment, a report found. The "
       "minister for veterans' affairs said more money would go to veterans' benefits next year."},
  };
  expect_first_branches(cases);
}

// The tributes paid after a death, when the headline gives no age: with the
// first tenth-round en.terms the first story went with the painter's field
// (arts). The second guards the tributes after a killing, which stay with the
// crime.
TEST(TopicVocabulary, TributesToThePersonAreHumanInterest) {
  const FirstBranchCase cases[] = {
      {"medtop:08000000", "Tributes paid to landscape painter Ilse Marten",
       "Tributes were paid on Sunday to the landscape painter Ilse Marten, whose paintings of the northern "
       "coast hang in galleries across Europe. Her gallery said she died at home on Friday."},
      {"medtop:02000000", "Tributes paid to teenager stabbed outside shop",
       "Tributes were paid on Monday to a 17-year-old who was stabbed to death outside a shop in Dorville. "
       "Police have charged a 19-year-old man with murder."},
  };
  expect_first_branches(cases);
}

// The stars an astronomer counts are no celebrities: with the first
// tenth-round en.terms this death notice's first topic was celebrity (the
// "stars"), not the death notice.
TEST(TopicVocabulary, TheStarsOfAnAstronomerAreNoCelebrities) {
  const Article a = run(make_article(
      "Astronomer Piet Hollis dies at age 90",
      "The observatory announced the death of Piet Hollis on Monday. Hollis discovered four comets and "
      "catalogued thousands of stars with the observatory's telescope.",
      "en"));
  ASSERT_FALSE(a.topics.empty());
  EXPECT_EQ(a.topics[0].id, "medtop:08000000");
  for (const Topic& t : a.topics) EXPECT_NE(t.id, "medtop:20000505") << "celebrity";
}

// Other senses of "decree": a court's consent decree is a legal settlement,
// not the executive's decree (fails without the veto on "decree").
TEST(TopicVocabulary, ACourtsConsentDecreeIsNoExecutiveDecree) {
  const Article a = run(make_article(
      "City police agree to consent decree",
      "The city's police department agreed to a consent decree after a federal court lawsuit over "
      "excessive force. A judge will oversee the reforms for five years.",
      "en"));
  ASSERT_FALSE(a.topics.empty());
  EXPECT_EQ(a.topics[0].top, "medtop:02000000");
  for (const Topic& t : a.topics) EXPECT_NE(t.id, "medtop:20000606") << "executive (government)";
}

// Software news in the words of a release note (a search service, a beta,
// an operating system by name) is information technology: before the
// fourteenth round these got no topic at all.
TEST(TopicVocabulary, SoftwareReleasesAreInformationTechnology) {
  const FirstBranchCase cases[] = {
      {"medtop:13000000", "Larkspur opens beta of its new search engine",
       "Larkspur released a beta version of its web search on Tuesday. The search results can be narrowed "
       "to a region, and testers may report faults until the final version is out."},
      {"medtop:13000000", "Next Windows XP successor slips to spring",
       "The successor to Windows XP will reach testers in the spring, the maker said. A preview release "
       "goes to registered subscribers first."},
  };
  expect_first_branches(cases);
}

// A party's nominee is a candidate, not a prize winner: with the fourteenth
// round's en.terms "nominee" and "nomination" (award and prize) and "Party"
// (a celebration) made these stories human interest and lifestyle. An awards
// story keeps its nominees (award and prize is IPTC's human interest).
TEST(TopicVocabulary, APartysPresidentialNomineeIsAnElectionCandidate) {
  const FirstBranchCase cases[] = {
      {"medtop:11000000", "Q&A with Mara Lindqvist, Harbour Party presidential nominee",
       "Mara Lindqvist, the Harbour Party's presidential nominee, answered questions about her campaign. "
       "A retired engineer, she won the party's nomination in June and picked a schoolteacher as her "
       "running mate."},
      {"medtop:11000000", "Green Dawn Party names its vice presidential nominee",
       "The Green Dawn Party named a farmer from Ohio as its vice presidential nominee on Sunday. The "
       "ticket is on the ballot in twelve states."},
      {"medtop:08000000", "Festival film leads this year's nominations",
       "A drama about two sisters leads the nominations for this year's film awards with nine. Its "
       "director is a nominee for best director, and the lead actress for best actress."},
  };
  expect_first_branches(cases);
}

// News about the news business in its own words (an online newspaper, a
// news site, journalism) is news media: "online" alone made the nineteenth
// round's story of a journalist's new online paper information technology.
TEST(TopicVocabulary, AnOnlineNewspaperIsNewsMedia) {
  const FirstBranchCase cases[] = {
      {"medtop:01000000", "Veteran reporter starts an online newspaper",
       "A veteran reporter has launched an online newspaper that covers the island's politics and its "
       "courts. Online readers get the stories first, and she says journalism has to go where the "
       "readers are."},
      {"medtop:01000000", "Readers flock to new online news site",
       "A news website started by two former editors drew forty thousand readers in its first month. "
       "The online news site publishes a morning briefing and long investigations."},
  };
  expect_first_branches(cases);
}

// A person who sets himself on fire as a protest makes a political story:
// self-immolation had no term, so such reports were filed by whatever else
// they mentioned (the scholars who wrote about them: the sciences).
TEST(TopicVocabulary, SelfImmolationIsPoliticalDissent) {
  const FirstBranchCase cases[] = {
      {"medtop:11000000", "Two more self-immolations in the mountain province",
       "Two young herders set themselves alight on Sunday, the fourth and fifth self-immolations this "
       "year. Scholars at the national university held a seminar on the wave of self-immolation."},
  };
  expect_first_branches(cases);
}

// "War and Peace" is a novel's title or a figure of speech, not a war
// being reported: a stage version of the novel is a theatre story.
TEST(TopicVocabulary, WarAndPeaceIsNotAWar) {
  const FirstBranchCase cases[] = {
      {"medtop:01000000", "City theatre stages War and Peace in four hours",
       "The city theatre opens a four-hour stage production of War and Peace on Friday, with a cast "
       "of forty and a chamber orchestra."},
  };
  expect_first_branches(cases);
}

// Writers choosing the best books is a literature story even when the books
// are about a war: the literature code knew novels and poets but not books,
// writers or authors, so the plot's invasion filed the story under conflict.
TEST(TopicVocabulary, BooksAndWritersAreLiterature) {
  const FirstBranchCase cases[] = {
      {"medtop:01000000", "Writers pick the greatest book of the century",
       "Two hundred writers and authors chose a book about a city under siege as the greatest of the "
       "century. The book follows three families through the invasion and the occupation that "
       "followed."},
      // "book" as a verb is no book.
      {"medtop:10000000", "Where to book a summer holiday this year",
       "Travel agents say families should book early for the summer holiday season, when flights and "
       "hotels fill up."},
  };
  expect_first_branches(cases);
}

// Violence, said plainly, is weak evidence of unrest: a report of violence
// since land seizures that names journalists among the victims was filed with
// the news media, the only other words it had.
TEST(TopicVocabulary, PlainViolenceIsUnrest) {
  const FirstBranchCase cases[] = {
      {"medtop:16000000", "Too much violence to keep count of, activist says",
       "An activist says the attacks since the land seizures are so frequent that she cannot keep "
       "count of them. She lists the latest cases, among them violence against journalists."},
  };
  expect_first_branches(cases);
}

// Blogs, bloggers and podcasts are a medium (an online media outlet): the
// twentieth round's fresh set of early Global Voices posts, about blogging
// itself, was filed under technology, education or politics, as "blog" had
// no term. A story a minister merely posts on a blog keeps its subject.
TEST(TopicVocabulary, BlogsAndPodcastsAreOnlineMedia) {
  const FirstBranchCase cases[] = {
      {"medtop:01000000", "Bloggers in the region find a wider audience",
       "A new network of bloggers translates posts from the region's blogosphere into three "
       "languages. Its founders say blogging lets readers hear voices the big outlets ignore."},
      {"medtop:01000000", "Radio host starts a weekly podcast",
       "The former radio host has recorded the first episode of a weekly podcast about the city's "
       "history. Listeners can subscribe to the podcast through its feed."},
      {"medtop:04000000", "Carmaker to cut output, chief writes on blog",
       "The carmaker will cut output at two plants and lay off 900 workers as sales fall, its chief "
       "executive wrote on the company blog. Shares in the carmaker fell 4 percent."},
      // A "blogging carnival" is a round of posts on a theme, no festival.
      {"medtop:06000000", "Blogging carnival on the new logging rules",
       "A green group launched a blogging carnival today on the logging rules the senate approved, which "
       "activists say will speed up deforestation."},
  };
  expect_first_branches(cases);
}

// A threat to kill someone is a crime story: a blogger's report of death
// threats he would take to the police was filed under religion, by the
// name of the group that made them.
TEST(TopicVocabulary, DeathThreatsAreCrime) {
  const FirstBranchCase cases[] = {
      {"medtop:02000000", "Columnist receives death threats from sect's followers",
       "A columnist says she has received death threats from followers of a religious sect after she "
       "wrote about its leader. She has asked the police to trace the messages."},
  };
  expect_first_branches(cases);
}

// A working draft of a statement is a document, not a sports draft: a
// headline "The working draft" filed a manifesto's text under American
// football.
TEST(TopicVocabulary, AWorkingDraftIsNoSportsDraft) {
  const FirstBranchCase cases[] = {
      {"medtop:01000000", "The working draft",
       "The editors have posted a working draft of the newspaper's new charter for readers to comment "
       "on. The charter commits its reporters to check every claim they print."},
  };
  expect_first_branches(cases);
}

// A virus that takes down a server is a computer's: "a recent virus outbreak"
// slowing a lab's servers filed a post under communicable disease.
TEST(TopicVocabulary, AVirusOnTheServersIsNoDisease) {
  const FirstBranchCase cases[] = {
      {"medtop:13000000", "Library site offline for a week",
       "The library's online catalogue has been down since Monday: a virus outbreak on its servers meant "
       "its database software had to be rebuilt from backups."},
  };
  expect_first_branches(cases);
}

}  // namespace
}  // namespace newsflow::processors

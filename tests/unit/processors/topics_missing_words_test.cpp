// Twenty-fifth round of issue 13: a fifth fresh Global Voices set (34 posts
// of 14-15 May 2012, globalvoices_2012d.txt) scored 0.441 unseen. Most of its
// misses had no word at all for the branch an editor files them under: interns,
// civil servants, a circus, internet providers, or a headline event (a
// firebombing) that lost to whom it happened to. Each case below was written
// for this round and, but for the media circus (a guard), failed with the
// rule data before it (main's binary and data, 9b2e27c).
#include "topics_test_util.hpp"

namespace newsflow::processors {
namespace {

using topics_test::expect_first_branches;
using topics_test::FirstBranchCase;

// Interns and the employers who take them on are the labour desk's; the
// words are spelled out, as "intern*" would match "internal" and
// "international".
TEST(TopicMissingWords, InternsAreLabour) {
  const FirstBranchCase cases[] = {
      {"medtop:09000000", "Unpaid interns say they are exploited",
       "Interns at several large companies say they do the same work as anyone else in the office, "
       "often for months, without being paid. Their campaign asks employers to pay at least their "
       "lunch and bus fare."},
      {"medtop:09000000", "Internships should be paid, campaigners say",
       "Campaigners want unpaid internships banned. Many graduates spend a year as interns before "
       "they find a paid post."},
  };
  expect_first_branches(cases);
}

// IPTC's public employees and public officials (20000595, 20000596) had no
// words, so a site publishing civil servants' incomes got no topic, or the
// business one of a word in its name.
TEST(TopicMissingWords, CivilServantsArePolitics) {
  const FirstBranchCase cases[] = {
      {"medtop:11000000", "Website lists what civil servants earn",
       "A new website publishes the declared incomes of civil servants and their families, taken "
       "from public records. The richest public official on the list earned forty times as much as "
       "his deputy."},
  };
  expect_first_branches(cases);
}

// A firebombing is arson, and the headline that tells it is the event,
// whoever it happened to.
TEST(TopicMissingWords, AFirebombingIsArson) {
  const FirstBranchCase cases[] = {
      {"medtop:02000000", "Gay bar firebombed in the capital",
       "A bar popular with the city's LGBT community was firebombed overnight. LGBT groups say they "
       "fear attacks on the community are rising."},
  };
  expect_first_branches(cases);
}

// A drug war, a cartel's war or the war against organized crime is no armed
// conflict.
TEST(TopicMissingWords, ADrugWarIsCrime) {
  const FirstBranchCase cases[] = {
      {"medtop:02000000", "Twelve bodies found as drug war spreads",
       "The bodies of twelve men were found on a highway on Sunday, the latest victims of the war "
       "against organized crime. Officials blamed the drug cartels fighting over the route."},
  };
  expect_first_branches(cases);
}

// A circus is a show; a "media circus" around a trial is none.
TEST(TopicMissingWords, ACircusIsAShow) {
  const FirstBranchCase cases[] = {
      {"medtop:01000000", "Circus returns to the capital",
       "The circus, whose acrobats and clowns toured Europe last summer, will give twelve shows in "
       "the capital this month."},
      {"medtop:02000000", "Murder trial turns into a media circus",
       "Television crews camped outside the court as the murder trial opened. The judge warned "
       "jurors not to follow the media circus."},
  };
  expect_first_branches(cases);
}

// Internet providers, file sharing and video-sharing sites are information
// technology, whatever the films a court order protects.
TEST(TopicMissingWords, InternetProvidersAreTechnology) {
  const FirstBranchCase cases[] = {
      {"medtop:13000000", "Film studio wins order to block video sites",
       "Several internet service providers have blocked file-sharing and video-sharing sites after "
       "a film studio won a court order ahead of the release of its new films."},
  };
  expect_first_branches(cases);
}

// Editors are the news business's people, as journalists are (an "Editor's
// note" atop a page is vetoed: it says nothing of the story); evictions are
// IPTC's homelessness, which had no words of its own.
TEST(TopicMissingWords, EditorsAndEvictions) {
  const FirstBranchCase cases[] = {
      {"medtop:01000000", "Translation project seeks a new editor",
       "The project, run by volunteers, is looking for an editor to lead its Japanese team. "
       "Applicants should write to the managing editor by Friday."},
      {"medtop:14000000", "Families face eviction as rents soar",
       "Hundreds of families have been evicted from their flats this year, and campaigners say "
       "evictions will rise as rents go up."},
  };
  expect_first_branches(cases);
}

// Twenty-sixth round of issue 13: a sixth fresh Global Voices set (28 posts of
// 15-17 May 2012, globalvoices_2012e.txt) scored 0.500 unseen. The cases
// below were written for the round; all but the two guards (a gas explosion,
// a month's cost of living) failed with main's data (6148b47).

// A bomb's blast is an attack, not an explosion accident, and a bombing the
// headline tells is the story, whoever it was aimed at; a gas explosion stays
// an accident.
TEST(TopicMissingWords, ABombBlastIsAnAttack) {
  const FirstBranchCase cases[] = {
      {"medtop:16000000", "Bomb blast kills four near market",
       "A bomb exploded near a crowded market on Tuesday, killing four people and injuring twenty. "
       "Police said the blast damaged several shops."},
      {"medtop:16000000", "Bomb attack targets former minister",
       "A bomb attack on the car of a former interior minister killed his driver and a bodyguard on "
       "Monday. The minister was taken to hospital with shrapnel wounds."},
      {"medtop:03000000", "Gas explosion destroys apartment block",
       "A gas explosion destroyed an apartment block early on Sunday. Firefighters pulled two "
       "residents from the rubble."},
  };
  expect_first_branches(cases);
}

// A minimum wage is a wage, the labour desk's, against the cost of living it
// is set beside; the cost of living alone stays with economics.
TEST(TopicMissingWords, AMinimumWageIsLabour) {
  const FirstBranchCase cases[] = {
      {"medtop:09000000", "Minimum wage and the cost of living",
       "A new poll asks households whether the minimum wage covers the cost of living in the "
       "capital."},
      {"medtop:04000000", "Cost of living climbs again",
       "The cost of living rose for the fifth month running, the statistics office said, as food and "
       "fuel prices climbed."},
  };
  expect_first_branches(cases);
}

// Crops by name and ethanol had no words.
TEST(TopicMissingWords, SugarCaneIsAgriculture) {
  const FirstBranchCase cases[] = {
      {"medtop:04000000", "Sugar mill turns cane waste into power",
       "The plantation grows sugar cane on forty thousand hectares. Most of the cane is milled into "
       "sugar and the rest distilled into ethanol."},
  };
  expect_first_branches(cases);
}

// A festival unqualified is weak evidence of an arts festival.
TEST(TopicMissingWords, AFestivalIsArts) {
  const FirstBranchCase cases[] = {
      {"medtop:01000000", "Festival opens call for entries",
       "The festival, held every autumn in the old town, is taking entries until June. Last year it "
       "drew twelve thousand visitors."},
  };
  expect_first_branches(cases);
}

}  // namespace
}  // namespace newsflow::processors

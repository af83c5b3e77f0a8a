// Speaker shapes first seen on the fifth real dev set (wn19c-dev, issue 13,
// eleventh round): a question closing a quotation before the next speaker's
// own cue, an outlet credited with "as reported by", a person of an
// organisation described before its name, a company's first word standing
// for the company named before, a sentence quoted with its full stop after
// the closing mark, a document's relative clause as the cue, and a joined
// group as an "according to" source, "writing"/"tweeting" after a clause, a
// document signed by someone before "read", and "the Prime Minister" in capitals. Examples written for these tests.
#include <gtest/gtest.h>

#include "quotes_test_util.hpp"

namespace newsflow::processors {
namespace {

using namespace quotes_test;

TEST(QuoteUnseenNewsTest, AQuestionKeepsItsOwnCueWhenTheNextSentenceIntroducesAnotherQuote) {
  const Article a = run(
      "The bishops met in Rome on Monday. Cardinal Paul Arden of the Holy See said, \"Why should we wait any "
      "longer?\" Senior bishop Mark Tolley said, \"Nobody is above the law.\"");
  EXPECT_EQ(speaker(a, "Why should we"), "Paul Arden");
  EXPECT_EQ(speaker(a, "Nobody is above"), "Mark Tolley");
}

TEST(QuoteUnseenNewsTest, AQuestionWithNoCueBeforeItStillTakesTheCueAfterIt) {
  const Article a = run("\"Where are they?\" Mark Tolley asked, \"and who sent them?\"");
  EXPECT_EQ(speaker(a, "Where are they"), "Mark Tolley");
  EXPECT_EQ(speaker(a, "and who sent"), "Mark Tolley");
  const Article b = run("\"Who will pay for it?\" Nadia Kern asked. The council did not answer.");
  EXPECT_EQ(speaker(b, "Who will pay"), "Nadia Kern");
}

TEST(QuoteUnseenNewsTest, AnOutletCreditedAsReportedByIsNotTheSpeaker) {
  const Article a = run(
      "The mayor visited the flooded valley on Monday. Mayor Jane Holt said — as reported by the Daily Courier — "
      "\"We will rebuild the bridge before the winter.\"");
  EXPECT_EQ(speaker(a, "We will rebuild"), "Jane Holt");
}

TEST(QuoteUnseenNewsTest, APersonOfADescribedOrganisationSpeaks) {
  const Article a = run(
      "Shelters in the city are full. Rita Vance of local charity Safe Homes said, \"We need more beds tonight.\"");
  EXPECT_EQ(speaker(a, "We need more"), "Rita Vance");
  // A title word inside the description ("victim group") is no title of the person.
  const Article b = run(
      "The report was published on Friday. Omar Hadi of worldwide victim group Clergy Watch said, \"It comes far "
      "too late.\"");
  EXPECT_EQ(speaker(b, "It comes far"), "Omar Hadi");
}

TEST(QuoteUnseenNewsTest, TheFirstWordOfACompanyNamedBeforeIsThatCompany) {
  const Article a = run(
      "Tarn Motor Company disclosed the fault on Friday. Tarn said in its filing that the fault \"affects only the "
      "older engines\".");
  EXPECT_EQ(speaker(a, "affects only"), "Tarn Motor Company");
  // Met alone first, with a longer name later: a parent and its unit, not one name.
  const Article b = run(
      "Tarn said on Friday that the fault \"affects only the older engines\". The fault was found at Tarn Freight "
      "Services, a unit bought last year.");
  EXPECT_EQ(speaker(b, "affects only"), "Tarn");
  // A legal suffix alone adds nothing a reader would give.
  const Article c = run(
      "Tarn Inc disclosed the fault on Friday. Tarn said in its filing that the fault \"affects only the older "
      "engines\".");
  EXPECT_EQ(speaker(c, "affects only"), "Tarn");
}

TEST(QuoteUnseenNewsTest, AQuotedSentenceWithItsFullStopAfterTheMarkFollowsTheCueBefore) {
  const Article a = run(
      "Actor Lena Moss confirmed on Sunday that she would return for a second series. \"We start filming in the "
      "spring and nobody has seen the scripts yet\". The studio declined to comment.");
  EXPECT_EQ(speaker(a, "We start filming"), "Lena Moss");
  // A title in marks stays a title.
  const Article b = run("The shop sells \"Best in Show\". Visitors queued for hours.");
  ASSERT_NE(find(b, "Best in Show"), nullptr);
  EXPECT_EQ(find(b, "Best in Show")->kind, Quote::Kind::scare);
}

TEST(QuoteUnseenNewsTest, ADocumentsRelativeClauseCueSpeaksForItsIssuer) {
  const Article a = run(
      "On Thursday the National Housing Council criticised the plan. It released a statement which said, \"Rents "
      "must be capped this year.\"");
  EXPECT_EQ(speaker(a, "Rents must be"), "National Housing Council");
  // Without a comma or colon opening a quotation, a document found is not the finder's.
  const Article b = run("The council found a report that said the bridge was \"unsafe for heavy lorries\".");
  ASSERT_NE(find(b, "unsafe for heavy"), nullptr);
  EXPECT_NE(speaker(b, "unsafe for heavy"), "council");
}

TEST(QuoteUnseenNewsTest, AJoinedGroupAfterAccordingToIsTheSourceNotTheNameAfterItsComma) {
  const Article a = run(
      "The trial began on Monday. According to police and fire officials, Tom Baker was driving \"far too fast "
      "for the wet road\" before the crash.");
  EXPECT_EQ(speaker(a, "far too fast"), "police and fire officials");
  // One spokesman and his name after a comma are one source.
  const Article b = run(
      "The bus left late. According to the club spokesman, Tom Baker, the driver had been \"awake since four in the "
      "morning\".");
  EXPECT_EQ(speaker(b, "awake since four"), "Tom Baker");
}

TEST(QuoteUnseenNewsTest, WritingOrTweetingAfterAClauseIsACue) {
  const Article a = run("The club thanked its fans, tweeting \"You carried us all season.\"");
  EXPECT_EQ(speaker(a, "You carried us"), "club");
  const Article b = run(
      "Acme Motor Company filed its report on Friday. In the report Acme also made this point, writing \"We have "
      "told every other agency about the fault.\"");
  EXPECT_EQ(speaker(b, "We have told"), "Acme Motor Company");
}

TEST(QuoteUnseenNewsTest, ADocumentSignedBySomeoneReadsForThem) {
  const Article a = run(
      "The bishops met on Monday. The letter signed by Cardinal Paul Arden reads: \"Every case must be reported to "
      "the bishop.\"");
  EXPECT_EQ(speaker(a, "Every case must"), "Paul Arden");
  const Article b = run(
      "Cardinal Paul Arden announced new rules on Monday. The decree signed by the cardinal read \"Every case must "
      "be reported to the bishop.\"");
  EXPECT_EQ(speaker(b, "Every case must"), "Paul Arden");
  // Not a document: no cue.
  const Article c = run("The book written by Anna Berg read like a thriller to \"anyone who grew up in the valley "
                        "back then\".");
  ASSERT_NE(find(c, "anyone who grew"), nullptr);
  EXPECT_EQ(speaker(c, "anyone who grew"), "<null>");
}

TEST(QuoteUnseenNewsTest, ACapitalisedTitleAfterTheIsThePersonGivenIt) {
  const Article a = run(
      "Prime Minister Aiko Sato announced new rules on Monday. \"Every case must be reported,\" the Prime Minister "
      "said.");
  EXPECT_EQ(speaker(a, "Every case must"), "Aiko Sato");
}

}  // namespace
}  // namespace newsflow::processors

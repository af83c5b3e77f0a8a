// Speaker shapes first seen on the sixth real dev set (wn19d-dev, issue 13,
// fifteenth round): a name with two surnames met later by the first one, an
// aside between dashes with a subject of its own before the quotation, a
// fronted "In a statement ..." phrase before the real subject, a cue
// parenthetical after a reported clause introducing the next sentence's
// quotation, and a relative clause holding its own cue. Examples written for
// these tests.
#include <gtest/gtest.h>

#include "quotes_test_util.hpp"

namespace newsflow::processors {
namespace {

using namespace quotes_test;

TEST(QuoteWireAsidesTest, TheFirstOfTwoSurnamesStandsForThePerson) {
  const Article a = run(
      "Mayor Lucía Ferrán Ibarra opened the bridge on Monday. Ferrán said, \"It took us nine years to get "
      "here.\"");
  EXPECT_EQ(speaker(a, "It took us nine"), "Lucía Ferrán Ibarra");
  // A listed given name in the middle is no surname: "Paul" is not John Paul Reyes.
  const Article b = run(
      "John Paul Reyes chaired the meeting. Paul Dorsey, a teacher, arrived late. Dorsey said, \"The hall was "
      "locked.\"");
  EXPECT_EQ(speaker(b, "The hall was"), "Paul Dorsey");
}

TEST(QuoteWireAsidesTest, AnAsideBetweenDashesDoesNotTakeTheQuotation) {
  const Article a = run(
      "The vote was delayed again. Council leader Amy Roth replied to the motion — which the Gazette described as "
      "a rare step — \"We will not be rushed by anyone.\"");
  EXPECT_EQ(speaker(a, "We will not be rushed"), "Amy Roth");
}

TEST(QuoteWireAsidesTest, AFrontedStatementPhraseIsNotTheSubject) {
  const Article a = run(
      "The minister resigned on Friday. In a statement posted to his website on Thursday, Environment Minister "
      "Karl Brandt thanked his staff, writing, \"It has been an honour to serve.\"");
  EXPECT_EQ(speaker(a, "It has been an honour"), "Karl Brandt");
}

TEST(QuoteWireAsidesTest, ACueParentheticalAfterAReportedClauseIntroducesTheNextQuotation) {
  const Article a = run(
      "Climber Nora Falk reached the summit on Sunday. Thin air near the top made every step slow, Falk said, "
      "adding she had trained for two years. \"My legs felt like stone.\"");
  EXPECT_EQ(speaker(a, "My legs felt"), "Nora Falk");
}

TEST(QuoteWireAsidesTest, ARelativeClauseWithItsOwnCueNamesItsSubject) {
  const Article a = run(
      "Ministers met the unions on Tuesday. Union spokesman Ivo Marsh rejected the offer, which Finance Minister "
      "Clara Dunn has described as \"generous\" and \"final\".");
  EXPECT_EQ(speaker(a, "generous"), "Clara Dunn");
  EXPECT_EQ(speaker(a, "final"), "Clara Dunn");
}

TEST(QuoteWireAsidesTest, AFrontedParticiplePhraseHoldsTheOutletNotTheSpeaker) {
  const Article a = run(
      "Farm prices fell again in June. Speaking to the Daily Ledger, the head of the Northern Growers Union, Tom "
      "Gale, said, \"We cannot sell below cost for another year.\"");
  EXPECT_EQ(speaker(a, "We cannot sell"), "Tom Gale");
}

TEST(QuoteWireAsidesTest, ReferredToAsIsAPartialCue) {
  const Article a = run(
      "The plan was published on Monday. Opposition leader Hana Ruiz criticised the timing, which Treasury chief "
      "Leo Park has referred to as \"routine\".");
  EXPECT_EQ(speaker(a, "routine"), "Leo Park");
}

TEST(QuoteWireAsidesTest, ACapitalisedCueWordInsideAnInstitutionsNameBelongsToIt) {
  const Article a = run(
      "The appeal failed in May. The United States Postal Service rejected the claim, saying it was \"without "
      "merit\".");
  EXPECT_EQ(speaker(a, "without merit"), "United States Postal Service");
}

}  // namespace
}  // namespace newsflow::processors

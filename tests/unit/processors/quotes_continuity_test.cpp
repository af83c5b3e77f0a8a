// Speakers carried across sentences and paragraphs, and the last resort
// that keeps a quotation with a cue in its sentence from a null speaker
// (issue 13, fourth round). Examples written for these tests.
#include <gtest/gtest.h>

#include "quotes_test_util.hpp"

namespace newsflow::processors {
namespace {

using namespace quotes_test;

Quote::SpeakerKind kind_of(const Article& a, std::string_view prefix) {
  const Quote* q = find(a, prefix);
  return q ? q->speaker_kind : Quote::SpeakerKind::none;
}

TEST(QuoteContinuityTest, AnIndefiniteRoleIsTheNextHeOrShe) {
  const Article a = run(
      "Officials closed the harbour road on Sunday.\n\n"
      "A neighbour who saw the fire said the smoke was black for hours.\n\n"
      "\"We ran out in our pyjamas and stood in the rain,\" she told the Courier.");
  EXPECT_EQ(speaker(a, "We ran out"), "neighbour");
  EXPECT_EQ(kind_of(a, "We ran out"), Quote::SpeakerKind::role);
  EXPECT_TRUE(a.speakers.empty());  // a role names nobody
}

TEST(QuoteContinuityTest, ADefiniteRoleStillMeansThePersonNamedBefore) {
  const Article a = run(
      "Director Ivo Marek has apologised for the crash on his set.\n\n"
      "\"It was the worst day of my working life,\" the director said.\n\n"
      "\"I should have stopped the shoot that morning,\" he added.");
  EXPECT_EQ(speaker(a, "I should have"), "Ivo Marek");
}

TEST(QuoteContinuityTest, RestrictiveRelativeClauseBeforeTheCue) {
  const Article a = run(
      "One woman who was leaving the station on Monday told reporters that the train had \"stopped dead in the "
      "tunnel for more than an hour.\"");
  EXPECT_EQ(speaker(a, "stopped dead"), "woman");
  EXPECT_EQ(kind_of(a, "stopped dead"), Quote::SpeakerKind::role);
}

TEST(QuoteContinuityTest, QuoteOnlyParagraphAfterTheParagraphThatIntroducesSomeone) {
  const Article a = run(
      "Lena Fors, who has sold fish at the harbour for 30 years, was at her stall when the water rose.\n\n"
      "\"It came over the quay in seconds and took every box with it.\"\n\n"
      "Harbour master Per Ulven said the sea wall would be raised. \"Nobody saw it coming,\" he added.\n\n"
      "\"We will rebuild the wall before the winter storms.\"");
  EXPECT_EQ(speaker(a, "It came over"), "Lena Fors");
  // After a paragraph with a quotation of its own, its speaker continues.
  EXPECT_EQ(speaker(a, "We will rebuild"), "Per Ulven");
}

TEST(QuoteContinuityTest, ACueThatAColonFollowsIntroducesTheNextQuote) {
  const Article a = run(
      "Swedish Prime Minister Nils Ekholm tweeted: \"We mourn with Oslo tonight.\" Finnish President Aino Lehto "
      "tweeted: \"Finland stands with the people of Norway.\"");
  EXPECT_EQ(speaker(a, "We mourn"), "Nils Ekholm");
  EXPECT_EQ(speaker(a, "Finland stands"), "Aino Lehto");
}

TEST(QuoteContinuityTest, APlaceOfWorkAfterAPrepositionIsNotTheNextHe) {
  const Article a = run(
      "Tomas Vik works at Cafe Lido, a bar on the seafront.\n\n"
      "\"It was very well planned,\" he told the paper.");
  EXPECT_EQ(speaker(a, "It was very"), "Tomas Vik");
}

TEST(QuoteContinuityTest, APlaceBeforeAThreeWordNameIsNotPartOfIt) {
  const Article a = run(
      "Photos: the storm in Bergen Ola Strand, a police officer, filmed the flood from his window.\n\n"
      "\"The water rose a metre in ten minutes,\" he said.");
  EXPECT_EQ(speaker(a, "The water rose"), "Ola Strand");
}

TEST(QuoteContinuityTest, AParticipleAfterADocumentTakesTheSentencesSubject) {
  const Article a = run(
      "Prime Minister Aiko Sato issued a statement saying, \"Japan stands with the people of Chile tonight.\"\n\n"
      "The Port Authority issued a notice saying: \"All berths stay closed until the divers are done.\"");
  EXPECT_EQ(speaker(a, "Japan stands"), "Aiko Sato");
  EXPECT_EQ(speaker(a, "All berths"), "Port Authority");
  EXPECT_EQ(kind_of(a, "All berths"), Quote::SpeakerKind::organization);
}

TEST(QuoteContinuityTest, ClosersAfterAStraySpace) {
  const Article a = run(
      "Mayor Rita Holm was angry.\n\n"
      "\u201CI will not accept the usual, \u2018We will review it,\u2019 \u201D she said.\n\n"
      "Anders Lund runs the kiosk by the pier. \"It was chaos,\" he said.\n\n"
      "\"Everyone came rushing into the kiosk, about forty people.\n\n"
      "\"The glass is still on the ground, nobody has cleaned it away. \"");
  const Quote* nested = find(a, "I will not accept");
  ASSERT_NE(nested, nullptr);
  EXPECT_NE(nested->text.find("We will review it"), std::string::npos);  // one quotation, the nested one inside
  EXPECT_EQ(speaker(a, "I will not accept"), "Rita Holm");
  const Quote* multi = find(a, "Everyone came rushing");
  ASSERT_NE(multi, nullptr);
  EXPECT_NE(multi->text.find("nobody has cleaned it away."), std::string::npos);
  EXPECT_EQ(speaker(a, "Everyone came rushing"), "Anders Lund");
}

TEST(QuoteContinuityTest, ANestedCloserEndsTheSentenceForTheNextQuote) {
  const Article a = run(
      "\u201CI could not get a ticket for my own park,\u201D said Ada Holm, 58, a bus driver from Lund, who found "
      "one here. \u201CMy wife called me this morning. She asked, \u2018Are you coming home today?\u2019\u201D");
  EXPECT_EQ(speaker(a, "My wife called"), "Ada Holm");
}

TEST(QuoteContinuityTest, ACueInTheSameSentenceGivesASpeakerWhenNothingElseLinks) {
  // "U.S." does not end the sentence, so the second quotation is in the first
  // one's sentence, more than twenty words after its cue.
  const Article a = run(
      "\"No fight,\" Mira Kestel wrote on Twitter, blaming the split on the distance between Oslo and the town "
      "where he has lived and worked since the two of them first met, a long way from the U.S. \"We just live in "
      "different countries and it got hard.\"");
  EXPECT_EQ(speaker(a, "We just live"), "Mira Kestel");
}

TEST(QuoteContinuityTest, GluedParagraphsAreOneQuotation) {
  const Article a = run(
      "A father named only as Kurt said: \"I was fifty metres away. I ran to help. \"I should not have gone. "
      "\"There was nothing anyone could do.\"");
  const Quote* q = find(a, "I was fifty");
  ASSERT_NE(q, nullptr);
  EXPECT_NE(q->text.find("nothing anyone could do."), std::string::npos);
  EXPECT_EQ(a.quotes.size(), 1u);
}

TEST(QuoteContinuityTest, TabloidCaptionsAndEpithetsAreNotNames) {
  const Article a = run(
      "Brit tourist Owen Hale left the seafront minutes before the attack.\n\n"
      "Reuters Hundreds of people ran from the square.\n\n"
      "\"I heard the shots from my balcony,\" he told the radio.\n\n"
      "Owen Hale's sister Maja Hale had stayed behind. Devastated Maja added: \"We are still waiting for news of "
      "our cousins.\"\n\n"
      "Prime Minister Theresa May said: \"Our thoughts are with the people of Lyon.\"\n\n"
      "A police source told the agency: \"The van was hired two days ago.\"");
  EXPECT_EQ(speaker(a, "I heard the shots"), "Owen Hale");
  EXPECT_EQ(speaker(a, "We are still waiting"), "Maja Hale");
  EXPECT_EQ(speaker(a, "Our thoughts"), "Theresa May");
  EXPECT_EQ(speaker(a, "The van was hired"), "police source");
}

TEST(QuoteContinuityTest, AnUnlistedNounBeforeARelativeClauseIsTheRole) {
  const Article a = run(
      "One eyewitness who works for the council said: \"Bodies are lying everywhere and nobody knows what to do.\"");
  EXPECT_EQ(speaker(a, "Bodies are lying"), "eyewitness");
}

TEST(QuoteContinuityTest, AnotherOfTheRoleLastIntroduced) {
  const Article a = run(
      "One witness said: \"The van came down the south side of the square.\"\n\n"
      "Another revealed: \"The driver just put his foot down and kept going.\"");
  EXPECT_EQ(speaker(a, "The driver just"), "witness");
}

TEST(QuoteContinuityTest, AnAbbreviationBeforeACommaDoesNotEndTheSentence) {
  const Article a = run(
      "\u201CI could not get into my own park,\u201D said Ted Novak, 58, a driver from Mt. Vernon, Ill., who found "
      "a cheaper seat here. \u201CMy wife called me this morning and asked when I was coming home.\u201D");
  EXPECT_EQ(speaker(a, "My wife called"), "Ted Novak");
}

TEST(QuoteContinuityTest, DefiniteRolesAndVerdictSentencesPointBackToThePerson) {
  const Article a = run(
      "Ines Toll, the mayor of Westby, met Aron Blix, a local farmer, on Monday.\n\n"
      "\"The well has been dry since June,\" the farmer said.\n\n"
      "\"We cannot truck water in forever,\" the 52-year-old father of three said.\n\n"
      "Toll was blunt. \"The town will not pay for private wells.\"");
  EXPECT_EQ(speaker(a, "The well has"), "Aron Blix");
  EXPECT_EQ(speaker(a, "We cannot truck"), "Aron Blix");
  EXPECT_EQ(speaker(a, "The town will"), "Ines Toll");
}

TEST(QuoteContinuityTest, TheSpeakerIntroducedInTheNextSentence) {
  const Article a = run(
      "\"We will win the league this year.\" Those were the words of coach Ana Ruiz after the match.\n\n"
      "\"Nobody in this town will forget tonight.\"\n\nSo says Pedro Alves, the club's oldest supporter.\n\n"
      "\"It was a fair result.\" That was before the referee Ivo Lind was attacked.");
  EXPECT_EQ(speaker(a, "We will win"), "Ana Ruiz");
  EXPECT_EQ(speaker(a, "Nobody in this town"), "Pedro Alves");
}

TEST(QuoteContinuityTest, AGivenNameTellsWhichPersonSheIs) {
  const Article a = run(
      "Karl Smith met Lena Jones in 2019.\n\n"
      "\"He told me I would never work in this town again,\" she said.");
  EXPECT_EQ(speaker(a, "He told me"), "Lena Jones");
}

TEST(QuoteContinuityTest, PhotoCaptionsNeitherNameNorIntroduceTheSpeaker) {
  const Article a = run(
      "Reuters Westbank claimed that it \"had no knowledge of any breach at the time\", its filing said.\n\n"
      "Getty Images Nils Berg lifts the trophy (Getty)\n\n"
      "\"It is the best night this city has had in a hundred years.\"\n\n"
      "Even Barack Obama, who supports the other team in town, could not hide his joy.\n\n"
      "He tweeted: \"It happened. Want to come to the White House before I leave?\"");
  EXPECT_NE(speaker(a, "It is the best night"), "Nils Berg");  // a caption introduces nobody
  EXPECT_EQ(speaker(a, "It happened"), "Barack Obama");
  const Quote* q = find(a, "had no knowledge");
  ASSERT_NE(q, nullptr);
  EXPECT_NE(q->speaker.value_or(""), "Reuters Westbank");
}

TEST(QuoteContinuityTest, AGivenNameOpeningASentenceIsTheNextHe) {
  const Article a = run(
      "Dara Quint watched the race with his father, his sister and Pablo Ruiz, a friend.\n\n"
      "Dara and his family left before the crash. He said: \"I am still shaking when I think of it.\"");
  EXPECT_EQ(speaker(a, "I am still shaking"), "Dara Quint");
}

TEST(QuoteContinuityTest, ATitleBeforeTheNameOfAColonSubject) {
  const Article a = run("Oslo Mayor Ane Brekke paid tribute on Twitter: \"Oslo grieves with you tonight.\"");
  EXPECT_EQ(speaker(a, "Oslo grieves"), "Ane Brekke");
}

TEST(QuoteContinuityTest, ADefiniteRoleFindsARoleWithAParticiple) {
  const Article a = run(
      "Lina Moreau, an American student living in Lyon, was on the terrace.\n\n"
      "The student described the \"worst screaming I have ever heard in my whole life\" after the shots.");
  EXPECT_EQ(speaker(a, "worst screaming"), "Lina Moreau");
}

TEST(QuoteContinuityTest, AFunctionWordAfterAGivenNameIsASurname) {
  const Article a = run(
      "\"The tide tables were simply wrong that week,\" said engineer Carol Still.\n\n"
      "Ferry captain Paul How disagreed. \"We sailed on the figures we had.\"");
  EXPECT_EQ(speaker(a, "The tide tables"), "Carol Still");
  EXPECT_EQ(speaker(a, "We sailed"), "Paul How");
}

TEST(QuoteContinuityTest, ACaptionInsideAQuotationOfSeveralParagraphs) {
  // The caption breaks the open paragraph's run into the next: the open
  // paragraph is dropped, and its cue still speaks for the next paragraph.
  const Article a = run(
      "Captain Nils Berg, who joined the club from Malmo in 2019, said at the trophy presentation: \"It is unreal. "
      "We have waited so long for this.\n\n"
      "Fans celebrate the Rovers' cup win (Getty)\n\n"
      "\"Every player on this team fights for the others and that is what we did in the second half.\"");
  EXPECT_EQ(speaker(a, "Every player"), "Nils Berg");
}

TEST(QuoteContinuityTest, OneOfAGroupAsASubjectIsTheNextShe) {
  const Article a = run(
      "Prosecutor Ana Lind said the men had shown no remorse.\n\n"
      "One of the survivors decided to speak in court. She said she wanted others to know \"there is no shame in "
      "speaking up\".");
  const Quote* q = find(a, "there is no shame");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker.value_or(""), "One of the survivors");
  EXPECT_EQ(q->speaker_kind, Quote::SpeakerKind::role);
}

}  // namespace
}  // namespace newsflow::processors

#include "newsflow/processors/quotes.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "newsflow/processors/normalize.hpp"
#include "newsflow/processors/parser.hpp"
#include "quotes/quote_scanner.hpp"
#include "quotes_test_util.hpp"

namespace newsflow::processors {
namespace {

using namespace quotes_test;

// ------------------------------------------------------------ the seed article

class SeedArticle : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::ifstream in(std::string(NEWSFLOW_SOURCE_DIR) + "/samples/seed.ndjson");
    std::string line;
    std::getline(in, line);
    ArticleParser parser{ParserOptions{}};
    RawRecord record;
    record.value = line;
    ASSERT_FALSE(parser.parse(record, article_).has_value());
    auto normalize =
        make_normalize_processor(load_normalize_rules(std::string(NEWSFLOW_DATA_DIR_FOR_TESTS) + "/normalize/chrome.rules"));
    ASSERT_EQ(normalize->process(article_).kind, Outcome::Kind::pass);
    QuotesOptions o;
    o.rules = rules();
    o.indirect = true;  // the seed's reported speech is checked too
    ASSERT_EQ(make_quotes_processor(o)->process(article_).kind, Outcome::Kind::pass);
  }
  static Article article_;
};
Article SeedArticle::article_;

TEST_F(SeedArticle, every_quote_has_its_speaker_role_and_cue) {
  const Article& a = article_;
  const Quote* q = find(a, "Beijing is sharing high-end technologies");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, Quote::Kind::direct);
  EXPECT_EQ(q->speaker, "Jens Stoltenberg");
  EXPECT_EQ(q->speaker_role, "Outgoing NATO Secretary-General");
  EXPECT_EQ(q->cue, "said");
  EXPECT_TRUE(q->text.ends_with("export controls."));

  q = find(a, "has been challenging China");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, Quote::Kind::partial);
  EXPECT_EQ(q->speaker, "Mao Ning");
  EXPECT_EQ(q->speaker_role, "Chinese Foreign Ministry spokesperson");

  q = find(a, "Beijing cannot have it both ways");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "Jens Stoltenberg");  // "Stoltenberg said" resolved to the full name

  q = find(a, "I think this has deterrent power");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "David Sacks");
  EXPECT_EQ(q->speaker_role, "a researcher on Asia issues at the Council on Foreign Relations");
  EXPECT_EQ(q->cue, "told VOA");

  q = find(a, "The effort last year to try to create a liaison office");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "Max Bergmann");
  EXPECT_EQ(q->speaker_role,
            "director of the Europe, Russia, and Eurasia program at the Center for Strategic and International "
            "Studies");

  q = find(a, "The potential for NATO to become a platform");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "Alicja Bachulska");
  EXPECT_EQ(q->cue, "told VOA via email");

  q = find(a, "I don\u2019t think that most NATO allies");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "David Sacks");  // "he said"
  EXPECT_EQ(q->cue, "said");

  q = find(a, "You\u2019ll see some freedom-of-navigation");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "David Sacks");  // floating quote
  EXPECT_EQ(q->kind, Quote::Kind::direct);

  EXPECT_EQ(speaker(a, "That\u2019s how you preempt"), "David Sacks");
}

TEST_F(SeedArticle, exactly_nine_direct_or_partial_quotes_and_offsets_point_into_text) {
  const Article& a = article_;
  size_t n = 0;
  for (const auto& q : a.quotes) {
    ASSERT_LE(q.end, a.text.size());
    EXPECT_EQ(a.text.substr(q.start, q.end - q.start), q.text);
    if (q.kind == Quote::Kind::direct || q.kind == Quote::Kind::partial) ++n;
  }
  EXPECT_EQ(n, 9u);
}

TEST_F(SeedArticle, douglas_jones_is_indirect_speech) {
  const Quote* q = find(article_, "there is no active discussion on the subject");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, Quote::Kind::indirect);
  EXPECT_EQ(q->speaker, "Douglas Jones");
  EXPECT_EQ(q->speaker_role, "U.S. deputy assistant secretary of state for European affairs");
}

TEST_F(SeedArticle, speakers_are_counted_and_reconciled_with_entities) {
  const Article& a = article_;
  ASSERT_EQ(a.speakers.size(), 5u);
  EXPECT_EQ(a.speakers[0].name, "Jens Stoltenberg");
  EXPECT_EQ(a.speakers[0].quote_count, 2u);
  auto sacks = std::find_if(a.speakers.begin(), a.speakers.end(), [](auto& s) { return s.name == "David Sacks"; });
  ASSERT_NE(sacks, a.speakers.end());
  EXPECT_EQ(sacks->quote_count, 4u);
  for (const auto& s : a.speakers) {
    auto e = std::find_if(a.entities.begin(), a.entities.end(), [&](auto& e) { return e.text == s.name; });
    ASSERT_NE(e, a.entities.end()) << s.name;
    EXPECT_EQ(e->type, Entity::Type::person);
    EXPECT_GE(e->count, 1u);
  }
}

// ------------------------------------------------------------ quotation marks

TEST(QuoteMarks, every_common_style_is_found) {
  struct Case {
    const char* text;
    const char* quote;
  };
  const Case cases[] = {
      {"Anna Berg said, \u201CWe will win this.\u201D", "We will win this."},
      {"Anna Berg sagte: \u201EWir werden gewinnen.\u201C", "Wir werden gewinnen."},
      {"Anna Berg a d\u00E9clar\u00E9 : \u00AB Nous allons gagner. \u00BB", "Nous allons gagner."},
      {"Anna Berg said: \u2039We will win.\u203A", "We will win."},
      {"Anna Berg said: \u2018We will win.\u2019", "We will win."},
      {"Anna Berg said: \"We will win.\"", "We will win."},
      {"Anna Berg said: 'We will win.'", "We will win."},
      {"Anna Berg sagte: \u00BBWir werden gewinnen.\u00AB", "Wir werden gewinnen."},
  };
  for (const auto& c : cases) {
    const Article a = run(c.text);
    ASSERT_EQ(a.quotes.size(), 1u) << c.text;
    EXPECT_EQ(a.quotes[0].text, c.quote) << c.text;
    EXPECT_EQ(a.quotes[0].speaker, "Anna Berg") << c.text;
  }
}

TEST(QuoteMarks, apostrophes_inside_words_are_not_marks) {
  const Article a = run("\u2018It\u2019s the allies\u2019 decision, and we don't mind,\u2019 said Tom Reed.");
  ASSERT_EQ(a.quotes.size(), 1u);
  EXPECT_EQ(a.quotes[0].text, "It\u2019s the allies\u2019 decision, and we don't mind,");
  EXPECT_EQ(a.quotes[0].speaker, "Tom Reed");
}

TEST(QuoteMarks, nested_quotes_stay_inside_the_outer_one) {
  const Article a = run("\u201CThey told me \u2018go home\u2019 and I did,\u201D said Tom Reed.");
  ASSERT_EQ(a.quotes.size(), 1u);
  EXPECT_EQ(a.quotes[0].text, "They told me \u2018go home\u2019 and I did,");
  const Article uk = run("\u2018He shouted \u201Cstop\u201D at me,\u2019 Tom Reed said.");
  ASSERT_EQ(uk.quotes.size(), 1u);
  EXPECT_EQ(uk.quotes[0].text, "He shouted \u201Cstop\u201D at me,");
}

TEST(QuoteMarks, a_quote_over_several_paragraphs_is_one_quote) {
  const std::string text =
      "Tom Reed, the mayor, said: \u201CWe have waited long enough for this bridge.\n\n"
      "\u201CThe money is there and the plans are ready.\n\n"
      "\u201CNow we build.\u201D\n\nThe council meets on Monday.";
  const Article a = run(text);
  ASSERT_EQ(of_kind(a, Quote::Kind::direct).size(), 1u);
  const Quote& q = a.quotes[0];
  EXPECT_TRUE(q.text.starts_with("We have waited"));
  EXPECT_TRUE(q.text.ends_with("Now we build."));
  EXPECT_EQ(q.speaker, "Tom Reed");
  EXPECT_EQ(q.speaker_role, "the mayor");
}

TEST(QuoteMarks, an_unclosed_quote_ends_at_its_paragraph) {
  const std::string text =
      "Tom Reed said: \u201CWe will never give up.\n\n"
      "The council voted on Monday.\n\n"
      "\u201CIt was a fair vote,\u201D said Ann Lee.";
  const Article a = run(text);
  ASSERT_EQ(of_kind(a, Quote::Kind::direct).size(), 1u);
  EXPECT_EQ(a.quotes[0].text, "It was a fair vote,");
  EXPECT_EQ(a.quotes[0].speaker, "Ann Lee");
}

TEST(QuoteScanner, thousands_of_marks_stay_bounded_and_ordered) {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "\u201C \u201C x \u2019 \" ' \u00AB ";
  std::vector<quotes::QuoteSpan> spans;
  quotes::scan_quotes(text, spans);
  for (size_t i = 1; i < spans.size(); ++i) EXPECT_GE(spans[i].open, spans[i - 1].close_end);
  const Article a = run(text);  // must terminate quickly without crashing
  EXPECT_LE(a.quotes.size(), 10000u);
}

// ------------------------------------------------------------ attribution

TEST(Attribution, name_and_cue_before_or_after_and_inverted) {
  EXPECT_EQ(speaker(run("\u201CPrices will fall next year,\u201D Maria Lopez said."), "Prices"), "Maria Lopez");
  EXPECT_EQ(speaker(run("\u201CPrices will fall next year,\u201D said Maria Lopez, the bank\u2019s chief economist."),
                    "Prices"),
            "Maria Lopez");
  const Article a = run("\u201CPrices will fall next year,\u201D said Maria Lopez, the bank\u2019s chief economist.");
  EXPECT_EQ(a.quotes[0].speaker_role, "the bank\u2019s chief economist");
  EXPECT_EQ(speaker(run("Maria Lopez told reporters: \u201CPrices will fall next year.\u201D"), "Prices"), "Maria Lopez");
  EXPECT_EQ(run("Maria Lopez told reporters: \u201CPrices will fall next year.\u201D").quotes[0].cue, "told reporters");
}

TEST(Attribution, title_before_the_name_is_the_role) {
  const Article a = run("Prime Minister Keir Starmer said, \u201CWe will fix the foundations.\u201D");
  ASSERT_EQ(a.quotes.size(), 1u);
  EXPECT_EQ(a.quotes[0].speaker, "Keir Starmer");
  EXPECT_EQ(a.quotes[0].speaker_role, "Prime Minister");
}

TEST(Attribution, according_to) {
  const Article a = run("\u201CThe deal is off,\u201D according to Paul Meyer, a spokesman for the union.");
  ASSERT_EQ(a.quotes.size(), 1u);
  EXPECT_EQ(a.quotes[0].speaker, "Paul Meyer");
  EXPECT_EQ(a.quotes[0].cue, "according to");
  EXPECT_EQ(a.quotes[0].speaker_role, "a spokesman for the union");
}

TEST(Attribution, pronouns_follow_gender_and_surnames_resolve) {
  const std::string text =
      "Sarah Connolly, the head teacher, said the school would reopen. Her deputy, James Hart, disagreed.\n\n"
      "\u201CWe are not ready,\u201D he said.\n\n"
      "\u201CWe are,\u201D she said. \u201CThe builders finished on Friday,\u201D Connolly added.";
  const Article a = run(text);
  EXPECT_EQ(speaker(a, "We are not ready"), "James Hart");
  EXPECT_EQ(speaker(a, "We are,"), "Sarah Connolly");
  EXPECT_EQ(speaker(a, "The builders finished"), "Sarah Connolly");
}

TEST(Attribution, a_split_quote_keeps_its_speaker) {
  const Article a = run("\u201CWe lost the first half,\u201D said coach Ben Ortiz. \u201CWe won the second.\u201D");
  EXPECT_EQ(speaker(a, "We lost"), "Ben Ortiz");
  EXPECT_EQ(speaker(a, "We won the second"), "Ben Ortiz");
  const Article b = run("\u201CWe lost the first half,\u201D Ben Ortiz said, \u201Cbut we won the second.\u201D");
  EXPECT_EQ(speaker(b, "but we won"), "Ben Ortiz");
}

TEST(Attribution, organisations_speak_too) {
  const Article a = run(
      "The Russian Defence Ministry issued a statement on Sunday. \u201CAll targets were hit,\u201D the ministry said.");
  EXPECT_EQ(speaker(a, "All targets"), "Russian Defence Ministry");
  const Article b = run("\u201COur systems were not breached,\u201D Microsoft said in a statement.");
  EXPECT_EQ(speaker(b, "Our systems"), "Microsoft");
}

TEST(Attribution, nobody_is_guessed_without_a_cue) {
  const Article a = run("The river rose overnight. \u201CThe water came up to the windows in minutes.\u201D");
  ASSERT_EQ(a.quotes.size(), 1u);
  EXPECT_FALSE(a.quotes[0].speaker.has_value());
}


TEST(Attribution, first_names_and_people_of_organisations) {
  const Article a = run(
      "Gary Pritchard, 38, waded out to the dog.\n\n\u201CI didn\u2019t even think about it,\u201D Gary told the "
      "paper.\n\nAnalyst Stephen Furlong of Davy said the results were \u201Cstrong\u201D.");
  EXPECT_EQ(speaker(a, "I didn"), "Gary Pritchard");
  EXPECT_EQ(speaker(a, "strong"), "Stephen Furlong");
  EXPECT_EQ(find(a, "strong")->kind, Quote::Kind::partial);
}

TEST(Attribution, a_spokesman_for_someone_is_not_that_someone) {
  const Article a = run("A spokesman for Mr Jenrick said: \u201CEvery pound of these cuts is costed.\u201D");
  ASSERT_EQ(a.quotes.size(), 1u);
  // The role phrase speaks (speaker_kind role), not Mr Jenrick.
  EXPECT_EQ(a.quotes[0].speaker, "spokesman for Mr Jenrick");
  EXPECT_EQ(a.quotes[0].speaker_kind, Quote::SpeakerKind::role);
  EXPECT_EQ(a.quotes[0].speaker_role, "spokesman for Mr Jenrick");
}

TEST(Attribution, gender_is_learned_from_pronouns_in_the_subject_sentence) {
  const std::string text =
      "Thurman said she had worries about the car. Tarantino said he had checked the road.\n\n"
      "\u201CIt was a straight road,\u201D he said. \u201CI trusted him,\u201D she said.";
  const Article a = run(text);
  EXPECT_EQ(speaker(a, "It was a straight road"), "Tarantino");
  EXPECT_EQ(speaker(a, "I trusted him"), "Thurman");
}

TEST(Attribution, the_first_person_with_a_surname_keeps_it) {
  const Article a = run(
      "Uma Thurman spoke to the paper. Her father, Robert Thurman, was not there.\n\n"
      "\u201CI was afraid,\u201D Thurman said.");
  EXPECT_EQ(speaker(a, "I was afraid"), "Uma Thurman");
}


TEST(Attribution, a_second_verb_shares_the_clause_subject) {
  EXPECT_EQ(speaker(run("Anna Berg paused and added: \"We will not stop.\""), "We will not stop"), "Anna Berg");
  const Article a = run(
      "Uma Thurman spoke on Monday. Last Thanksgiving, she wished everyone a happy holiday, but added: "
      "\"Except you Harvey, you do not deserve a bullet.\"");
  EXPECT_EQ(speaker(a, "Except you Harvey"), "Uma Thurman");
}


TEST(Attribution, initials_belong_to_the_name_but_country_abbreviations_do_not) {
  const Article a = run(
      "Center A.Q. Shipley congratulated him.\n\n\u201CIt has been an honour,\u201D Shipley said.\n\n"
      "U.S. Senator Ann Lee said: \u201CWe will vote no.\u201D");
  EXPECT_EQ(speaker(a, "It has been an honour"), "A.Q. Shipley");
  EXPECT_EQ(speaker(a, "We will vote no"), "Ann Lee");
  EXPECT_EQ(find(a, "We will vote no")->speaker_role, "U.S. Senator");
}

// ------------------------------------------------------------ not quotes

TEST(NotQuotes, scare_quotes_titles_and_nicknames_are_never_attributed) {
  const Article a = run(
      "Dwayne \u201CThe Rock\u201D Johnson starred in \u201CMoana\u201D last year. Critics called the sequel a "
      "\u201Cmissed opportunity\u201D in their reviews. The so-called \u201Cpeace plan\u201D was rejected.");
  ASSERT_FALSE(a.quotes.empty());
  for (const auto& q : a.quotes) {
    EXPECT_EQ(q.kind, Quote::Kind::scare) << q.text;
    EXPECT_FALSE(q.speaker.has_value()) << q.text;
  }
}

TEST(Rules, a_bad_rules_file_names_file_and_line) {
  const std::string path = ::testing::TempDir() + "/bad.rules";
  {
    std::ofstream out(path);
    out << "# comment\ncue: said\nverb said\n";
  }
  try {
    load_quote_rules(path);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("bad.rules:3"), std::string::npos) << e.what();
  }
  EXPECT_THROW(load_quote_rules("/nonexistent/quote.rules"), ConfigError);
}

}  // namespace
}  // namespace newsflow::processors

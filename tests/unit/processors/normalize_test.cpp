#include "newsflow/processors/normalize.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "newsflow/processors/text_util.hpp"

namespace newsflow::processors {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class NormalizeTest : public ::testing::Test {
 protected:
  Outcome run(Article& a) { return processor->process(a); }
  std::shared_ptr<const NormalizeRules> rules =
      load_normalize_rules(std::string(NEWSFLOW_DATA_DIR_FOR_TESTS) + "/normalize/chrome.rules");
  std::unique_ptr<Processor> processor = make_normalize_processor(rules);
};

// clean_body's blank rules, one character at a time: a run of blanks is one
// space between words and nothing at a line's start or end, '\r' and '\n'
// each end a line, soft hyphens and zero-width characters vanish. The
// function copies runs of printable ASCII sixteen bytes at a time; this
// says what it must give wherever a run, a double space or a non-ASCII
// character falls against those blocks.
std::string clean_blanks_reference(std::string_view s) {
  std::string out;
  bool pending = false, line_start = true;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    auto at = [&](std::string_view u) { return s.substr(i).starts_with(u); };
    if (c == ' ' || c == '\t' || c == '\f' || c == '\v' || at("\xC2\xA0") || at("\xE2\x80\x82") || at("\xE3\x80\x80")) {
      pending = !line_start;
      i += c < 0x80 ? 1 : at("\xC2\xA0") ? 2 : 3;
    } else if (c == '\n' || c == '\r') {
      out += '\n';
      pending = false;
      line_start = true;
      ++i;
    } else if (at("\xC2\xAD") || at("\xE2\x80\x8B")) {
      i += at("\xC2\xAD") ? 2 : 3;
    } else {
      if (pending) out += ' ';
      pending = line_start = false;
      out += s[i++];
    }
  }
  return out;
}

TEST(CleanBodyTest, FoldsBlanksTheSameWhereverTheyFallAgainstSixteenByteBlocks) {
  const std::string_view pieces[] = {"harbour", " ", "  ", "\t", "\n", "\r\n", "pilots'", "union", ",",
                                     "\xC2\xA0", "\xE2\x80\x9C", "strike\xE2\x80\x9D", "\xC2\xAD", "\xE2\x80\x8B",
                                     "ferries", "\xE3\x80\x80", "\xE2\x80\x82", "Ob\xC3\xA9lix", "~", "1987"};
  uint64_t state = 12345;
  std::string out;
  for (int text = 0; text < 3000; ++text) {
    std::string body;
    const size_t count = 1 + text % 40;
    for (size_t k = 0; k < count; ++k) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      // Mostly words and single spaces, as prose is, so runs reach past a block.
      const size_t pick = (state >> 33) % 40;
      body += pick < 20 ? pieces[pick] : pick % 2 ? std::string_view(" ") : pieces[pick % 3 == 0 ? 0 : 14];
    }
    out.clear();
    clean_body(body, out);
    ASSERT_EQ(out, clean_blanks_reference(body)) << body;
  }
  // A run that ends exactly at a block's end, and one the text's end cuts.
  for (size_t length = 1; length < 50; ++length) {
    const std::string body = std::string(length, 'x') + "  y" + " " + std::string(length, 'z');
    out.clear();
    clean_body(body, out);
    EXPECT_EQ(out, std::string(length, 'x') + " y " + std::string(length, 'z'));
  }
}

// collapse_whitespace (titles, line: rules): every run of blanks and line
// ends is one space between words and nothing at either end; it copies
// printable ASCII runs whole, so the generated titles put blanks, soft
// hyphens and non-ASCII letters at every offset against those runs.
TEST(CollapseWhitespaceTest, MatchesTheOneCharacterRulesOnGeneratedTitles) {
  const std::string_view pieces[] = {"Tram", " ", "  ", "\t", "\n", "drivers", "\xC2\xA0", "\xE2\x80\x98",
                                     "strike\xE2\x80\x99", "\xC2\xAD", "\xE2\x80\x8B", "Malm\xC3\xB6", "\xE3\x80\x80",
                                     ":", "2031", "\r"};
  uint64_t state = 99;
  for (int title = 0; title < 3000; ++title) {
    std::string in;
    for (size_t k = 0, count = 1 + title % 25; k < count; ++k) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      in += pieces[(state >> 33) % std::size(pieces)];
    }
    // The rules one character at a time: clean_body's, with line ends as blanks.
    std::string want;
    for (char& c : want = clean_blanks_reference(in))
      if (c == '\n') c = ' ';
    std::string folded;
    for (char c : want)
      if (!(c == ' ' && (folded.empty() || folded.back() == ' '))) folded += c;
    while (!folded.empty() && folded.back() == ' ') folded.pop_back();
    ASSERT_EQ(collapse_whitespace(in), folded) << in;
  }
}

// Only lines no longer than the longest line: rule are looked up (a
// paragraph is not hashed for it): the length is taken after the trailing
// dots, so a rule's line with many of them still goes.
TEST_F(NormalizeTest, LineRuleMatchesPastTrailingDotsAndSparesLongerLines) {
  Article a;
  a.title = "Ferry crews walk out over rosters";
  a.body = "Ferry crews on the northern routes stopped work on Monday over new rosters, the union said.\n\n"
           "SHARE THIS STORY.............................................................. :\n\n"
           "Share this story with the harbour master, the union's organiser told the crews on Monday.";
  ASSERT_EQ(run(a).kind, Outcome::Kind::pass);
  EXPECT_EQ(a.text.find("SHARE THIS"), std::string::npos) << a.text;
  EXPECT_NE(a.text.find("Share this story with the harbour master"), std::string::npos) << a.text;
  EXPECT_EQ(a.chrome_lines_removed, 1u);
}

// A paragraph is lower-cased only as far as the longest prefix rule reads; a
// line that could be the title or a line: rule, in full. Lines longer than
// any line: rule, in capitals, must still meet their prefix rules, the word
// end and the sentence end read past the lowered part, and the title.
TEST_F(NormalizeTest, PrefixRulesAndTitleMeetLongLinesInCapitals) {
  Article a;
  a.title = "Ferry crews walk out over the new winter rosters on the northern routes";
  const std::string prose =
      "Ferry crews on the northern routes stopped work on Monday over new winter rosters, the union said. "
      "The operator said it had offered talks and that most sailings would run to a reduced timetable.";
  a.body = prose + "\n\nFERRY CREWS WALK OUT OVER THE NEW WINTER ROSTERS ON THE NORTHERN ROUTES...\n\n" +
           prose + "\n\nSUBSCRIBE TO OUR HARBOUR NEWSLETTER FOR EVERY TIMETABLE CHANGE ON THE COAST\n\n" +
           "SUBSCRIBE TO OURSELVES AND NOBODY ELSE, THE BANNER ON THE PIER SAID IN LARGE LETTERS\n\n" +
           "SEE ALSO: THE HARBOUR BOARD'S FULL REPORT ON WINTER ROSTERS AND PAY FOR THE CREWS\n\n" +
           "See also what the harbour board wrote about the winter rosters and pay for the crews.\n\n" + prose;
  ASSERT_EQ(run(a).kind, Outcome::Kind::pass);
  EXPECT_TRUE(a.title_repeat_removed);
  EXPECT_EQ(a.text.find("FERRY CREWS WALK OUT"), std::string::npos) << a.text;
  EXPECT_EQ(a.text.find("HARBOUR NEWSLETTER"), std::string::npos) << a.text;
  EXPECT_NE(a.text.find("SUBSCRIBE TO OURSELVES"), std::string::npos) << a.text;
  EXPECT_EQ(a.text.find("SEE ALSO:"), std::string::npos) << a.text;
  EXPECT_NE(a.text.find("See also what the harbour board wrote"), std::string::npos) << a.text;
  EXPECT_EQ(a.chrome_lines_removed, 2u);
  EXPECT_FALSE(a.normalize_suspect);
}

TEST_F(NormalizeTest, SeedArticleLosesItsChromeAndKeepsItsProse) {
  Article a;
  a.title = "Three Key Points on NATO’s Strategic Focus on China at the 2024 Summit";
  a.body = read_file(std::string(NEWSFLOW_SOURCE_DIR) + "/tests/data/seed-article.txt");
  ASSERT_EQ(run(a).kind, Outcome::Kind::pass);
  for (const char* chrome : {"Connect with us", "Continue Reading", "You may also like", "Click to comment",
                             "Leave a Reply", "Your email address will not be published", "More in Uncategorized",
                             "To Top", "china - Moldova Invest", "Forumul Economic"})
    EXPECT_EQ(a.text.find(chrome), std::string::npos) << chrome;
  EXPECT_EQ(a.text.find(a.title), std::string::npos) << "the repeated title stays out of the text";
  EXPECT_TRUE(a.title_repeat_removed);
  EXPECT_TRUE(a.text.starts_with("U.S. and NATO officials have highlighted"));
  EXPECT_TRUE(a.text.ends_with("expand NATO into Asia,” Sacks said."));
  // Sub-headings inside the article are prose structure, not chrome.
  EXPECT_NE(a.text.find("\n\nWhat signal will NATO send to China?\n\n"), std::string::npos);
  EXPECT_NE(a.text.find("Will NATO confront China head-on?"), std::string::npos);
  EXPECT_NE(a.text.find("“Beijing is sharing high-end technologies"), std::string::npos);
}

TEST_F(NormalizeTest, DecodesEntitiesStripsTagsAndFoldsWhitespace) {
  Article a;
  a.body = "<p>Prices rose&nbsp;5%&nbsp;&mdash; &ldquo;sharply,&rdquo; she said.</p><script>var x=1;</script>"
           "<p>Second \t  paragraph &#x2014; &#233;t&eacute;.</p>";
  ASSERT_EQ(run(a).kind, Outcome::Kind::pass);
  EXPECT_EQ(a.text, "Prices rose 5% — “sharply,” she said.\n\nSecond paragraph — été.");
}

TEST_F(NormalizeTest, LeavesProseThatMentionsChromeWordsAlone) {
  Article a;
  a.body = "Readers were told to leave a reply on the form.\nShe said you may also like the sequel.";
  ASSERT_EQ(run(a).kind, Outcome::Kind::pass);
  EXPECT_EQ(a.text, "Readers were told to leave a reply on the form.\n\nShe said you may also like the sequel.");
}

TEST_F(NormalizeTest, RejectsBodyThatIsOnlyChrome) {
  Article a;
  a.body = "Share this\nAdvertisement\nLeave a Reply";
  const Outcome o = run(a);
  EXPECT_EQ(o.kind, Outcome::Kind::reject);
  EXPECT_EQ(o.rejection.error, RecordError::empty_body);
}

// Issue 16: the `More in ` / `More from ` rules lost their trailing space on
// load and ate any paragraph starting "More in...".
TEST_F(NormalizeTest, OneParagraphArticleStartingMoreInPasses) {
  Article a;
  a.body = "More international students are applying to Canadian universities than ever before, officials said "
           "on Monday.";
  ASSERT_EQ(run(a).kind, Outcome::Kind::pass);
  EXPECT_EQ(a.text, a.body);
  EXPECT_EQ(a.chrome_lines_removed, 0u);
  EXPECT_FALSE(a.normalize_suspect);
}

TEST_F(NormalizeTest, ProseStartingLikeATeaserStays) {
  Article a;
  a.body = "The council met on Monday.\nMore information will be released next week, the mayor said.\n"
           "More in Ontario say they will vote than in any year since 1990, a poll found.\n"
           "More from the survey is due on Friday.\nMore in Politics\nMore from BBC News\nSee also: Budget 2024";
  ASSERT_EQ(run(a).kind, Outcome::Kind::pass);
  EXPECT_EQ(a.text,
            "The council met on Monday.\n\nMore information will be released next week, the mayor said.\n\n"
            "More in Ontario say they will vote than in any year since 1990, a poll found.\n\n"
            "More from the survey is due on Friday.");
  EXPECT_EQ(a.chrome_lines_removed, 3u);
}

// Prefix rules written for page furniture meet real sentences too; the
// prose guard keeps every one of these while the furniture itself still goes.
TEST_F(NormalizeTest, ProseStartingWithBoilerplateWordsStays) {
  const std::string prose[] = {
      "We use cookies to show people adverts they care about, a company spokesperson said in a statement.",
      "We use cookies as evidence, the prosecutor told the jury, because they show which pages he read",
      "All rights reserved to the orchestra's founder were sold to a Hamburg publisher in 2019.",
      "Cookies help us deliver the right message to the right voter, the campaign's digital director said.",
      "Required fields are marked in red on the new census form, which households must return by May.",
      "Get the latest figures from the regulator's website, the ruling says",
      "Copyright © law was never meant to protect a photograph taken by a monkey, the judge wrote.",
      "Subscribe to our service and you agree to binding arbitration, the small print says.",
      "Sign up for the scheme opened on Monday, and 40,000 farmers applied in the first week.",
      "Click here to see the map, the email told voters, but the link led to a fake site"};
  Article a;
  a.body = "Regulators fined the company on Tuesday after a two-year investigation.\n";
  for (const auto& p : prose) a.body += p + "\n";
  a.body += "We use cookies\nAll rights reserved.\nRequired fields are marked *\nGet the latest news\n"
            "© 2024 Example Media";
  ASSERT_EQ(run(a).kind, Outcome::Kind::pass);
  std::string want = "Regulators fined the company on Tuesday after a two-year investigation.";
  for (const auto& p : prose) want += "\n\n" + p;
  EXPECT_EQ(a.text, want);
  EXPECT_EQ(a.chrome_lines_removed, 5u);
  EXPECT_FALSE(a.normalize_suspect);
}

TEST_F(NormalizeTest, ContextRemovalsSpareProse) {
  // A title repeat or a leading short line that reads as prose stays.
  Article a;
  a.title = "Markets fell sharply on Friday, traders said";
  a.body = "Markets fell sharply on Friday, traders said\nWorld\nShares in Asia lost 3 % by the close of trading.";
  ASSERT_EQ(run(a).kind, Outcome::Kind::pass);
  EXPECT_EQ(a.text, "Markets fell sharply on Friday, traders said\n\nShares in Asia lost 3 % by the close of trading.");
  EXPECT_FALSE(a.title_repeat_removed);
  EXPECT_EQ(a.chrome_lines_removed, 1u);  // "World", a leading fragment
}

TEST_F(NormalizeTest, RemovingMostOfABodyKeepsTheTextAndFlagsIt) {
  // Doubtful removals (prefix rules, here `RELATED:`) over half the body:
  // nothing doubtful goes, exact `line:` chrome still does.
  Article a;
  a.body = "Advertisement\nRELATED: The long and winding story of the city budget, from the start to the vote\n"
           "Rates rose.";
  ASSERT_EQ(run(a).kind, Outcome::Kind::pass);
  EXPECT_TRUE(a.normalize_suspect);
  EXPECT_EQ(a.text, "RELATED: The long and winding story of the city budget, from the start to the vote\n\nRates rose.");
  EXPECT_EQ(a.chrome_lines_removed, 1u);

  Article b;
  b.body = "Advertisement\nRELATED: Budget\nRates rose sharply in the first quarter, the central bank said.";
  ASSERT_EQ(run(b).kind, Outcome::Kind::pass);
  EXPECT_FALSE(b.normalize_suspect);
  EXPECT_EQ(b.text, "Rates rose sharply in the first quarter, the central bank said.");
  EXPECT_EQ(b.chrome_lines_removed, 2u);
}

TEST_F(NormalizeTest, BodyEmptiedByDoubtfulRulesIsKeptNotDeadLettered) {
  Article a;
  a.title = "Rates rose";
  a.body = "Rates rose\nShare this\n© 2024 Example Media";
  ASSERT_EQ(run(a).kind, Outcome::Kind::pass);
  EXPECT_TRUE(a.normalize_suspect);
  EXPECT_EQ(a.text, "Rates rose\n\n© 2024 Example Media");
  EXPECT_FALSE(a.title_repeat_removed);
}

TEST(NormalizeRulesTest, RuleTextKeepsEveryCharacterWritten) {
  const std::string path = ::testing::TempDir() + "/verbatim.rules";
  std::ofstream(path) << "prefix: More in \nprefix: Note:\nword-prefix: Sign up\nheading-prefix: See also\r\n"
                         "line:   Tweet  \n";
  auto rules = load_normalize_rules(path);
  const auto list = chrome_rules(*rules);
  ASSERT_EQ(list.size(), 5u);
  EXPECT_EQ(list[0].text, "More in ");
  EXPECT_EQ(list[1].text, "Note:");
  EXPECT_EQ(list[3].text, "See also");  // the CR of a CRLF file is not part of the rule
  EXPECT_EQ(list[4].text, "Tweet  ");
  EXPECT_EQ(list[2].kind, "word-prefix");
  EXPECT_NE(list[2].location.find(path + ":3"), std::string::npos);

  EXPECT_TRUE(chrome_rule_matches(*rules, 0, "More in Politics"));
  EXPECT_FALSE(chrome_rule_matches(*rules, 0, "More information was released."));
  EXPECT_FALSE(chrome_rule_matches(*rules, 0, "More in"));  // the space is part of the rule
  EXPECT_TRUE(chrome_rule_matches(*rules, 1, "NOTE: comments are moderated"));
  EXPECT_FALSE(chrome_rule_matches(*rules, 1, "Note that the vote was close."));
  EXPECT_TRUE(chrome_rule_matches(*rules, 2, "Sign up"));
  EXPECT_TRUE(chrome_rule_matches(*rules, 2, "Sign up: it is free"));
  EXPECT_TRUE(chrome_rule_matches(*rules, 2, "Sign up\u2014now"));
  EXPECT_FALSE(chrome_rule_matches(*rules, 2, "Signup sheets"));
  EXPECT_FALSE(chrome_rule_matches(*rules, 2, "Sign ups rose."));
  EXPECT_TRUE(chrome_rule_matches(*rules, 3, "SEE ALSO: Budget 2024"));
  EXPECT_FALSE(chrome_rule_matches(*rules, 3, "See also what the minister said."));
  EXPECT_FALSE(chrome_rule_matches(*rules, 3, "See also: \u201cWhy rates rose?\u201d"));
  EXPECT_TRUE(chrome_rule_matches(*rules, 4, "tweet"));
  EXPECT_TRUE(chrome_rule_matches(*rules, 4, "Tweet..."));
  EXPECT_FALSE(chrome_rule_matches(*rules, 4, "Tweet this"));
}

TEST(NormalizeRulesTest, RejectsRepeatedRulesAndBadValues) {
  const auto load = [](const std::string& name, const std::string& content) {
    const std::string path = ::testing::TempDir() + "/" + name;
    std::ofstream(path) << content;
    try {
      load_normalize_rules(path);
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("loaded");
  };
  EXPECT_NE(load("dup.rules", "line: Read more\nline: READ MORE...\n").find("dup.rules:2: 'READ MORE...' repeats"),
            std::string::npos);
  EXPECT_EQ(load("kinds.rules", "line: Read more\nprefix: Read more\n"), "loaded");
  EXPECT_NE(load("empty.rules", "prefix:   \n").find("needs a text"), std::string::npos);
  EXPECT_NE(load("pct.rules", "suspect_removed_percent: 150\n").find("from 0 to 100"), std::string::npos);
  EXPECT_NE(load("title.rules", "title_repeats: yes\n").find("'drop' or 'keep'"), std::string::npos);
  EXPECT_NE(load("kind.rules", "suffix: x\n").find("unknown rule kind 'suffix'"), std::string::npos);
}

TEST(NormalizeRulesTest, BadRuleFileNamesFileAndLine) {
  const std::string path = ::testing::TempDir() + "/bad.rules";
  std::ofstream(path) << "line: ok\nwhat is this\n";
  try {
    load_normalize_rules(path);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find(path + ":2"), std::string::npos) << e.what();
  }
  EXPECT_THROW(load_normalize_rules("/nonexistent/rules"), ConfigError);
}

TEST(TextUtilTest, CollapseWhitespaceHandlesUnicodeSpaces) {
  EXPECT_EQ(collapse_whitespace("  a\xC2\xA0\xC2\xA0 b\xE2\x80\x8B" "c\xE3\x80\x80" "d \n"), "a bc d");
}

// Lines are lowered sixteen bytes at a time: every letter of every whole-line
// rule, in either case and at every place in the blocks and the tail, must
// still meet the rule, and any other byte there (ASCII or not) must not.
TEST_F(NormalizeTest, LineRulesIgnoreCaseAtEveryOffset) {
  const auto infos = chrome_rules(*rules);
  size_t checked = 0;
  for (size_t index = 0; index < infos.size(); ++index) {
    if (infos[index].kind != "line") continue;
    // The 53 rules run from 4 to over 40 bytes: their letters fall at every
    // place of the first and second blocks and of the tail.
    const std::string& text = infos[index].text;
    for (size_t k = 0; k < text.size(); ++k) {
      const char c = text[k];
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) continue;
      std::string flipped = text;
      flipped[k] = static_cast<char>(c ^ 0x20);
      EXPECT_TRUE(chrome_rule_matches(*rules, index, flipped)) << flipped;
      for (const char other : {'@', '[', '`', '{', '\xC3', '\x80', '\xDA'}) {
        std::string broken = text;
        broken[k] = other;
        EXPECT_FALSE(chrome_rule_matches(*rules, index, broken)) << broken;
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 300u);
}

}  // namespace
}  // namespace newsflow::processors

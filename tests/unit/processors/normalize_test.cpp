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

}  // namespace
}  // namespace newsflow::processors

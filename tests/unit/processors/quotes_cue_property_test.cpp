// Property: a quotation with a speech cue in its own sentence never comes out
// with a null speaker (issue 13). Sentences are generated from every pairing
// of a speaker phrase (names, surnames, pronouns with and without a
// referent, role phrases, organisations, unlisted noun phrases) with a cue
// and a layout of wire and newspaper copy; each is run after a context
// paragraph that introduces the people. Examples written for these tests
// (fourth round; the fifth added clauses set off by commas, organisation
// roles, ages and split quotes).
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "quotes_test_util.hpp"

namespace newsflow::processors {
namespace {

using namespace quotes_test;

struct SpeakerForm {
  std::string before;  // as the subject before a cue ("Mira Kestel said")
  std::string after;   // after an inverted cue ("said Mira Kestel")
  std::string expect;  // the speaker a reader would give ("" = any non-null)
};

// The context names two people and an organisation, so surnames, pronouns
// and "the authority" have referents.
const char* const kContext =
    "Mira Kestel, who chairs the tenants' group, met Jonas Brandvold of the Harbour Authority on Monday. "
    "The Harbour Authority has owned the estate since 1998.\n\n";

std::vector<SpeakerForm> speaker_forms() {
  return {
      {"Mira Kestel", "Mira Kestel", "Mira Kestel"},
      {"Kestel", "Kestel", "Mira Kestel"},
      {"Brandvold", "Brandvold", "Jonas Brandvold"},
      {"she", "she", ""},
      {"he", "he", ""},
      {"tenants' group chair Mira Kestel", "tenants' group chair Mira Kestel", "Mira Kestel"},
      {"Mira Kestel, the group's chair,", "Mira Kestel, the group's chair", "Mira Kestel"},
      {"Ms. Kestel", "Ms. Kestel", "Mira Kestel"},
      {"Dr. Pavel Orsak", "Dr. Pavel Orsak", "Pavel Orsak"},
      {"a spokesperson for the authority", "a spokesperson for the authority", ""},
      {"officials", "officials", ""},
      {"the father", "the father", ""},
      {"the authority", "the authority", ""},
      {"the Harbour Authority", "the Harbour Authority", "Harbour Authority"},
      {"police", "police", ""},
      {"a neighbour", "a neighbour", ""},
      {"one resident", "one resident", ""},
      {"the estate's caretakers", "the estate's caretakers", "estate's caretakers"},
      {"local shopkeepers", "local shopkeepers", ""},
      {"Lindqvist", "Lindqvist", ""},
      {"the 41-year-old", "the 41-year-old", ""},
      {"they", "they", ""},
      {"it", "it", ""},
      {"Kestel's lawyer", "Kestel's lawyer", ""},
      {"both women", "both women", ""},
      {"the authority's chief executive", "the authority's chief executive", ""},
      {"an official who asked not to be named", "an official who asked not to be named", "official"},
      {"the Kroger warehouse managers", "the Kroger warehouse managers", ""},
      // Fifth round: clauses set off by commas, roles of an organisation,
      // ages and appositions around a name.
      {"one resident, who asked not to be named,", "one resident, who asked not to be named", ""},
      {"the official, speaking on condition of anonymity,", "the official, speaking on condition of anonymity", ""},
      {"a spokeswoman for the council", "a spokeswoman for the council", "spokeswoman for the council"},
      {"Kestel, 52,", "Kestel, 52", "Mira Kestel"},
      {"Pavel Orsak, a lawyer for the tenants,", "Pavel Orsak, a lawyer for the tenants", "Pavel Orsak"},
      {"Harbour Authority chief executive Jonas Brandvold", "Harbour Authority chief executive Jonas Brandvold",
       "Jonas Brandvold"},
  };
}

struct Layout {
  const char* name;
  std::string (*make)(const std::string& before, const std::string& after, const std::string& cue);
  bool inverted;  // the layout puts the speaker after the cue
};

constexpr const char* kQuote = "We asked for new windows three winters ago and nobody came";

std::vector<Layout> layouts() {
  return {
      {"quote comma subject cue",
       [](const std::string& b, const std::string&, const std::string& c) {
         return "\"" + std::string(kQuote) + ",\" " + b + " " + c + ".";
       },
       false},
      {"quote comma cue subject",
       [](const std::string&, const std::string& a, const std::string& c) {
         return "\"" + std::string(kQuote) + ",\" " + c + " " + a + ".";
       },
       true},
      {"subject cue colon quote",
       [](const std::string& b, const std::string&, const std::string& c) {
         return b + " " + c + ": \"" + std::string(kQuote) + ".\"";
       },
       false},
      {"subject cue comma quote",
       [](const std::string& b, const std::string&, const std::string& c) {
         return b + " " + c + ", \"" + std::string(kQuote) + ".\"";
       },
       false},
      {"subject cue that partial",
       [](const std::string& b, const std::string&, const std::string& c) {
         return b + " " + c + " that the tenants \"asked for new windows three winters ago\" and were ignored.";
       },
       false},
      {"quote subject cue time",
       [](const std::string& b, const std::string&, const std::string& c) {
         return "\"" + std::string(kQuote) + ",\" " + b + " " + c + " on Tuesday.";
       },
       false},
      {"quote no comma subject cue",
       [](const std::string& b, const std::string&, const std::string& c) {
         return "\"" + std::string(kQuote) + "\" " + b + " " + c + " Saturday.";
       },
       false},
      {"question subject cue",
       [](const std::string& b, const std::string&, const std::string& c) {
         return "\"Why did nobody come when we asked three winters ago?\" " + b + " " + c + ".";
       },
       false},
      {"subject relative clause cue colon",
       [](const std::string& b, const std::string&, const std::string& c) {
         return b + ", who has lived on the estate since 1990, " + c + ": \"" + std::string(kQuote) + ".\"";
       },
       false},
      {"opening phrase subject cue quote",
       [](const std::string& b, const std::string&, const std::string& c) {
         return "In a statement on Tuesday, " + b + " " + c + " \"" + std::string(kQuote) + ".\"";
       },
       false},
      {"according to partial",
       [](const std::string& b, const std::string&, const std::string&) {
         return "According to " + b + ", the tenants \"asked for new windows three winters ago\" and were ignored.";
       },
       false},
      {"participle after the main clause",
       [](const std::string& b, const std::string&, const std::string&) {
         return b + " gave a speech on Friday, saying: \"" + std::string(kQuote) + ".\"";
       },
       false},
      {"participle after a document",
       [](const std::string& b, const std::string&, const std::string&) {
         return b + " issued a statement saying, \"" + std::string(kQuote) + ".\"";
       },
       false},
      {"restrictive relative clause",
       [](const std::string& b, const std::string&, const std::string& c) {
         return b + " who lives nearby " + c + " that the tenants \"asked for new windows three winters ago.\"";
       },
       false},
      {"subject participle clause cue colon",
       [](const std::string& b, const std::string&, const std::string& c) {
         return b + ", speaking outside the town hall, " + c + ": \"" + std::string(kQuote) + ".\"";
       },
       false},
      {"quote cue subject relative clause",
       [](const std::string&, const std::string& a, const std::string& c) {
         return "\"" + std::string(kQuote) + ",\" " + c + " " + a + ", who has lived on the estate since 1990.";
       },
       true},
      {"quote subject told object time",
       [](const std::string& b, const std::string&, const std::string& c) {
         return "\"" + std::string(kQuote) + ",\" " + b + " told the Gazette on Tuesday.";
       },
       false},
      {"split quote subject cue",
       [](const std::string& b, const std::string&, const std::string& c) {
         return "\"We asked for new windows,\" " + b + " " + c + ", \"and nobody came three winters ago.\"";
       },
       false},
      {"subject adverb cue colon",
       [](const std::string& b, const std::string&, const std::string& c) {
         return b + " later " + c + " in a statement: \"" + std::string(kQuote) + ".\"";
       },
       false},
  };
}


TEST(QuoteCuePropertyTest, QuotationWithACueInItsSentenceAlwaysHasASpeaker) {
  const std::vector<const char*> cues = {"said", "says", "added", "told reporters", "wrote", "insisted"};
  int checked = 0;
  std::set<std::string> seen;
  std::vector<std::string> failures;
  for (const SpeakerForm& s : speaker_forms()) {
    for (const Layout& l : layouts()) {
      for (const char* cue : cues) {
        // "told reporters Brandvold" is not English: object cues stay before.
        if (l.inverted && std::string_view(cue) == "told reporters") continue;
        std::string sentence = l.make(s.before, s.after, cue);
        sentence[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(sentence[0])));
        if (!seen.insert(sentence).second) continue;  // a layout without a cue of its own
        const std::string text = std::string(kContext) + sentence;
        const Article a = run(text);
        const Quote* q = nullptr;
        for (const Quote& x : a.quotes)
          if (x.start > std::string_view(kContext).size()) q = &x;
        ++checked;
        if (!q) {
          failures.push_back("no quote: " + sentence);
          continue;
        }
        if (q->kind == Quote::Kind::scare) {
          failures.push_back("scare: " + sentence);
          continue;
        }
        if (!q->speaker) {
          failures.push_back("null speaker: " + sentence);
          continue;
        }
        if (!s.expect.empty() && *q->speaker != s.expect)
          failures.push_back("speaker " + *q->speaker + " (want " + s.expect + "): " + sentence);
      }
    }
  }
  EXPECT_GT(checked, 1000);
  std::string report;
  for (const std::string& f : failures) report += "  " + f + "\n";
  EXPECT_TRUE(failures.empty()) << failures.size() << " of " << checked << " generated sentences failed:\n" << report;
}

}  // namespace
}  // namespace newsflow::processors

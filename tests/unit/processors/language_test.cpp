// The English shortcut in front of CLD2 must decide exactly as CLD2 does,
// with its own word table and with the counts of the topics rules' token
// lexicon pass.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <fstream>
#include <string>
#include <vector>

#include "newsflow/processors/topics.hpp"
#include "text/tokenizer.hpp"
#include "topics/language.hpp"
#include "topics/rules.hpp"

namespace newsflow::processors::topics {
namespace {

// Both shortcuts; they must agree with each other.
std::string with_tokens(std::string_view title, std::string_view body) {
  static const auto rules = load_topic_rules({std::string(NEWSFLOW_DATA_DIR_FOR_TESTS) + "/topics", false});
  std::vector<text::Token> t, b;
  text::tokenize(title, t);
  text::tokenize(body, b);
  std::string own = detect_language(title, body, t, b);
  // The processor's way: the function words counted by the lexicon pass,
  // the title's first, only as far as the shortcut needs.
  const size_t wanted = english_words_needed(t.size() + b.size());
  TokenFacts tf, bf;
  rules->lexicon.visit(title, t, rules->term_index, wanted, tf);
  rules->lexicon.visit(body, b, rules->term_index, wanted - tf.english(), bf);
  EXPECT_EQ(detect_language(title, body, t.size(), b.size(), tf.english() + bf.english()), own) << title;
  return own;
}

TEST(Language, ShortcutAgreesWithCld2OnTheEvaluationArticles) {
  size_t english = 0, other = 0;
  for (const char* file : {"/tests/eval/topics/articles.ndjson", "/samples/articles.ndjson"}) {
    std::ifstream in(std::string(NEWSFLOW_SOURCE_DIR) + file);
    simdjson::ondemand::parser parser;
    for (std::string line; std::getline(in, line);) {
      if (line.empty()) continue;
      simdjson::padded_string json(line);
      simdjson::ondemand::document doc = parser.iterate(json);
      auto field = [&](const char* name) {
        std::string_view v;
        return doc[name].get_string().get(v) == simdjson::SUCCESS ? std::string(v) : std::string();
      };
      std::string title = field("title");
      std::string body = field("body");
      std::string cld2 = detect_language(title, body);
      EXPECT_EQ(with_tokens(title, body), cld2) << title;
      (cld2 == "en" ? english : other) += 1;
    }
  }
  EXPECT_GT(english, 200u);
  EXPECT_GT(other, 2u);
}

TEST(Language, OtherLanguagesGoToCld2) {
  // Written for this test; each long enough for the shortcut to consider it.
  const char* texts[] = {
      "Die Bundesregierung hat am Mittwoch in Berlin ein neues Gesetz beschlossen, das die Mieten in den großen "
      "Städten begrenzen soll. Die Opposition kritisierte, dass der Entwurf zu spät komme und zu wenig bewirke. "
      "Der Minister sagte, man werde die Wirkung nach zwei Jahren prüfen und das Gesetz bei Bedarf nachbessern.",
      "Le gouvernement a annoncé mercredi à Paris un nouveau plan pour les hôpitaux publics. Les syndicats ont "
      "jugé que les mesures arrivaient trop tard et qu'elles ne suffiraient pas à recruter les infirmières qui "
      "manquent. La ministre a promis un premier bilan à la fin de l'année et de nouvelles annonces en juin.",
      "De regering heeft woensdag in Den Haag een nieuw plan voor de woningmarkt gepresenteerd. Volgens de "
      "oppositie is het te laat en te weinig, maar de minister zei dat er dit jaar nog twintigduizend woningen "
      "bij komen. Of dat lukt is de vraag, want de bouw kampt met een tekort aan personeel en materiaal.",
      "Regeringen har onsdag i København fremlagt en ny plan for sygehusene. Oppositionen siger, at det er for "
      "lidt og for sent, men ministeren siger, at der vil komme flere sygeplejersker til inden for et år. Det er "
      "ikke første gang, at der bliver lovet flere hænder, og fagforeningerne er derfor skeptiske over for planen.",
      "El Gobierno aprobó el miércoles en Madrid un nuevo plan para la vivienda que limitará los precios del "
      "alquiler en las grandes ciudades. La oposición criticó que llega tarde y que no servirá para bajar los "
      "precios, mientras que el ministro aseguró que el efecto se notará antes de que termine el próximo año.",
  };
  for (const char* t : texts) {
    std::string cld2 = detect_language("", t);
    EXPECT_NE(cld2, "en") << t;
    EXPECT_EQ(with_tokens("", t), cld2) << t;
  }
}

}  // namespace
}  // namespace newsflow::processors::topics

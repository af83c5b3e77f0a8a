// The quotes processor. Three linear passes over one article:
//  1. the Document finds the outermost quotations (quotes/quote_scanner.cpp)
//     and tokenizes the text outside them, each quotation becoming one token
//     (quotes/document.cpp);
//  2. the Attributor parses every speech cue ("said", "told", "according
//     to") and its subject in text order (quotes/attribution.cpp, subjects in
//     quotes/subjects.cpp), so pronouns and surnames resolve against the
//     people introduced before them (quotes/people.cpp);
//  3. each quotation is linked to the cue after it, the cue before it in its
//     sentence, or the quotation just before it (floating quotes).
// Rule-based rather than statistical: there is no labelled training data in
// the project and the patterns of news attribution are few and regular.
#include "newsflow/processors/quotes.hpp"

#include <algorithm>

#include "quotes/attribution.hpp"
#include "quotes/document.hpp"
#include "quotes/people.hpp"
#include "quotes/subjects.hpp"

namespace newsflow::processors {

namespace {

class QuotesProcessor final : public Processor {
 public:
  explicit QuotesProcessor(const QuotesOptions& options)
      : rules_(options.rules),
        indirect_(options.indirect),
        doc_(rules_.get()),
        people_(rules_.get()),
        subjects_(doc_, people_),
        attributor_(doc_, people_, subjects_) {}
  std::string_view name() const override { return "quotes"; }

  Outcome process(Article& article) override {
    article.quotes.clear();
    article.speakers.clear();
    if (article.text.size() >= UINT32_MAX) return Outcome::pass();
    doc_.find_quotations(article.text);
    // Without a quotation and without reported speech nothing can come out
    // (no quote, so no speaker and no entity change): a sixth to a third of
    // real articles stop here, before tokenizing.
    if (doc_.spans.empty() && !indirect_) return Outcome::pass();
    doc_.tokenize_and_mark();
    people_.clear();
    people_.text = doc_.text;
    subjects_.clear();
    people_.seed(article.entities);
    attributor_.find_events();
    attributor_.link_quotes(article);
    const auto marked = static_cast<std::ptrdiff_t>(article.quotes.size());
    if (indirect_) attributor_.add_indirect(article);
    // Both runs are already in text order: a linear merge, not a sort, keeps
    // the whole pass linear in the text size.
    std::inplace_merge(article.quotes.begin(), article.quotes.begin() + marked, article.quotes.end(),
                       [](const Quote& a, const Quote& b) { return a.start < b.start; });
    for (Quote& q : article.quotes) tidy_role(q);
    collect_speakers(article);
    reconcile_speakers_with_entities(article);
    return Outcome::pass();
  }

 private:
  // A role reads as it would mid-sentence: "Its president, Daniel Ruiz, said"
  // gives "its president", not a capital the sentence start put there. A
  // relative clause after the name ("Nowak, who found the flaw, said")
  // describes the person; it is no title or apposition, so no role.
  static void tidy_role(Quote& q) {
    if (!q.speaker_role) return;
    std::string& role = *q.speaker_role;
    const std::string_view first = std::string_view(role).substr(0, role.find(' '));
    const bool role_speaker = q.speaker_kind == Quote::SpeakerKind::role;
    if (!role_speaker && (first == "who" || first == "whose" || first == "which")) {
      q.speaker_role.reset();
      return;
    }
    static constexpr std::string_view kDeterminers[] = {"The", "A", "An", "Its", "His", "Her", "Their", "Our",
                                                       "This", "These", "Those"};
    if (std::find(std::begin(kDeterminers), std::end(kDeterminers), first) == std::end(kDeterminers)) return;
    // `first` views `role`: compare the speaker with the capital before it is lowered.
    const char capital = role[0];
    role[0] = static_cast<char>(role[0] | 0x20);
    if (role_speaker && q.speaker && !q.speaker->empty() && (*q.speaker)[0] == capital) (*q.speaker)[0] = role[0];
  }

  void collect_speakers(Article& article) {
    for (const Quote& q : article.quotes) {
      if (!q.speaker || (q.kind != Quote::Kind::direct && q.kind != Quote::Kind::partial)) continue;
      if (q.speaker_kind == Quote::SpeakerKind::role) continue;  // a role phrase names nobody
      auto it = std::find_if(article.speakers.begin(), article.speakers.end(),
                             [&](const Speaker& s) { return s.name == *q.speaker; });
      if (it == article.speakers.end()) {
        article.speakers.push_back(Speaker{*q.speaker, q.speaker_role, 1});
      } else {
        ++it->quote_count;
        if (!it->role) it->role = q.speaker_role;
      }
    }
  }

  // "Donald Trump Jr." is another person than Donald Trump.
  static bool generational(std::string_view w) {
    if (w.ends_with(".")) w.remove_suffix(1);
    return w == "jr" || w == "sr" || w == "ii" || w == "iii" || w == "iv";
  }

  // Every named speaker appears among the entities: a matching entity lends
  // its full name ("Stoltenberg" -> "Jens Stoltenberg"); otherwise one is
  // added with the number of mentions the processor saw.
  void reconcile_speakers_with_entities(Article& article) {
    for (Speaker& s : article.speakers) {
      // Only a person has a given name: "How Much Will Equifax Pay?" must not
      // make the company "Will Equifax".
      const bool person = std::any_of(article.quotes.begin(), article.quotes.end(), [&](const Quote& q) {
        return q.speaker && *q.speaker == s.name && q.speaker_kind == Quote::SpeakerKind::person;
      });
      if (person && s.name.find(' ') == std::string::npos) {
        if (auto full = full_name_of(s.name, article.title)) {
          for (Quote& q : article.quotes)
            if (q.speaker && *q.speaker == s.name) q.speaker = *full;
          s.name = std::move(*full);
        }
      }
      const std::string lower = quotes::lower_of(s.name);
      // "Tunisia condemned ...; it said": a country speaks as an actor, an
      // organisation, and stays the place it is among the entities.
      const bool place = std::any_of(article.entities.begin(), article.entities.end(), [&](const Entity& e) {
        return e.type == Entity::Type::place && QuoteRules::same_folded(lower, e.text);
      });
      if (place) {
        for (Quote& q : article.quotes)
          if (q.speaker && *q.speaker == s.name && q.speaker_kind == Quote::SpeakerKind::person)
            q.speaker_kind = Quote::SpeakerKind::organization;
        continue;
      }
      Entity* match = nullptr;
      Entity* longer = nullptr;  // "Amina Ali Nkeki" for the speaker "Amina Ali"
      for (Entity& e : article.entities) {
        if (e.type != Entity::Type::person && e.type != Entity::Type::organization) continue;
        // Compared case-folded in place: a lower-cased copy per entity and
        // speaker was most of the processor's allocations.
        const std::string_view el = e.text;
        if (QuoteRules::same_folded(lower, el)) {
          match = &e;
          continue;
        }
        if (person && e.type == Entity::Type::person && std::count(s.name.begin(), s.name.end(), ' ') == 1 &&
            el.size() > lower.size() && el[lower.size()] == ' ' && QuoteRules::same_folded(lower, el.substr(0, lower.size())) &&
            el.find(' ', lower.size() + 1) == std::string_view::npos &&
            !generational(quotes::lower_of(el.substr(lower.size() + 1))))
          longer = &e;
        // "Devastated Hayley" is an entity only because the tabloid opened a
        // sentence with an epithet; it lends no name.
        if (!match && e.type == Entity::Type::person && el.size() > lower.size() && el[el.size() - lower.size() - 1] == ' ' &&
            QuoteRules::same_folded(lower, el.substr(el.size() - lower.size())) &&
            !quotes::epithet(el.substr(0, el.find(' '))))
          match = &e;
      }
      // A given name and a surname are often all a later sentence repeats of
      // a three-part name the article wrote in full: the full one is the name.
      if (longer) {
        for (Quote& q : article.quotes)
          if (q.speaker && *q.speaker == s.name) q.speaker = longer->text;
        s.name = longer->text;
        continue;
      }
      // A multi-word speaker is already a full name; a longer entity ending in
      // it carries a title or role picked up at a sentence start ("Councillor
      // Priya Shah"), so the entity takes the speaker's name, not the reverse.
      if (match && match->text.size() != s.name.size() && s.name.find(' ') != std::string::npos) {
        match->text = s.name;
        continue;
      }
      if (match) {
        if (match->text != s.name) {
          for (Quote& q : article.quotes)
            if (q.speaker && *q.speaker == s.name) q.speaker = match->text;
          s.name = match->text;
        }
        continue;
      }
      const auto it = people_.by_name.find(lower);
      const bool org = it != people_.by_name.end() && people_.named[static_cast<size_t>(it->second)].org;
      const uint32_t mentions = it != people_.by_name.end() ? std::max(1u, people_.named[static_cast<size_t>(it->second)].mentions)
                                                     : s.quote_count;
      article.entities.push_back(
          Entity{s.name, org ? Entity::Type::organization : Entity::Type::person, mentions, ""});
    }
  }

  // "Thurman said" with the full name only in the title ("Uma Thurman speaks
  // out"). (A full name later in the body comes from the entities below; the
  // people met by the quotes processor include wire credits, "Reporting by
  // Soyoung Kim", that must not name a "Kim said".)
  std::optional<std::string> full_name_of(std::string_view surname, std::string_view title) const {
    // The title: a capitalised plain word right before the surname. Only a
    // headline's length of it, so a hostile title cannot make this quadratic.
    title = title.substr(0, std::min<size_t>(title.size(), 300));
    std::string_view prev;
    for (size_t at = 0; at < title.size();) {
      size_t end = title.find(' ', at);
      if (end == std::string_view::npos) end = title.size();
      const std::string_view word = title.substr(at, end - at);
      std::string_view bare = word;
      while (!bare.empty() && std::string_view(",:;.!?").find(bare.back()) != std::string_view::npos)
        bare.remove_suffix(1);
      for (std::string_view suffix : {"'s", "\u2019s"})
        if (bare.ends_with(suffix)) bare.remove_suffix(suffix.size());
      if (bare == surname && plain_given_name(prev)) return std::string(prev) + " " + std::string(surname);
      prev = word;
      at = end + 1;
    }
    return std::nullopt;
  }

  bool plain_given_name(std::string_view w) const {
    if (w.size() < 2 || !(w[0] >= 'A' && w[0] <= 'Z')) return false;
    for (char c : w.substr(1))
      if (!((c >= 'a' && c <= 'z') || c == '-')) return false;
    const uint32_t cls = rules_->classes(w);
    return !(cls & (kTitle | kNotName | kDemonym | kOrgNoun | kHonorific | kCue | kGroup));
  }

  std::shared_ptr<const QuoteRules> rules_;
  bool indirect_ = true;
  // Per-record scratch, reused across records (declaration order is
  // construction order: the parsers hold references to the document and people).
  quotes::Document doc_;
  quotes::People people_;
  quotes::SubjectParser subjects_;
  quotes::Attributor attributor_;
};

}  // namespace

std::unique_ptr<Processor> make_quotes_processor(const QuotesOptions& options) {
  if (!options.rules) throw ConfigError("quotes: no rules loaded (load_quote_rules)");
  return std::make_unique<QuotesProcessor>(options);
}

}  // namespace newsflow::processors

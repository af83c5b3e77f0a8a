// The run scanner: runs of capitalised words (with their connectors and
// particles), cut into places by their head, organisations by their
// organisation word, and people by the cues around them (titles, roles,
// speech verbs, appositions).
#include "topics/names.hpp"

namespace newsflow::processors::topics {

using namespace names;

namespace {

// What a company has and a person has not: "Lumen Grid's shareholders", "the
// headquarters of Lumen Grid"; and what one buys of a company: "shares in
// Lumen Grid" (a person has shares, so "Buffett's shares" says nothing).
constexpr std::string_view kOrgOwned[] = {"shareholders", "headquarters", "subsidiary", "subsidiaries", "workforce"};
constexpr std::string_view kOrgBought[] = {"shareholders", "headquarters", "subsidiary", "shares", "stake"};

}  // namespace

void NameFinder::scan_runs(std::string_view text, bool confirm_only, std::vector<FoundName>& out) {
  auto word = [&](size_t k) { return text.substr(tokens_[k].start, tokens_[k].end - tokens_[k].start); };
  auto gap = [&](size_t k) { return text.substr(tokens_[k].gap_start, tokens_[k].start - tokens_[k].gap_start); };
  // Tokens k-1 and k belong to one name only when a single space separates
  // them, or "Mr. " after a title abbreviation.
  auto initial = [&](size_t t) { return tokens_[t].end - tokens_[t].start == 1 && (tokens_[t].cls & kCapital); };
  auto joined = [&](size_t k) {
    std::string_view g = gap(k);
    if (g == " ") return true;
    // "Mr. Smith", "George W. Bush".
    return g == ". " && ((tokens_[k - 1].cls & kTitle) || initial(k - 1));
  };
  // Capitalised for grammar, not as a name: the first word of a sentence,
  // a paragraph or a quotation.
  auto sentence_start = [&](size_t t) {
    if (t == 0) return true;
    for (char c : gap(t))
      if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ':' || c == '"' || c == '(') return true;
    std::string_view g = gap(t);
    return g.find("\xE2\x80\x9C") != std::string_view::npos;  // “
  };
  size_t n = tokens_.size();
  size_t k = 0;
  while (k < n) {
    if (!(tokens_[k].cls & kCapital)) {
      ++k;
      continue;
    }
    // A run: capitalised tokens, with connectors ("of", "for") between them.
    size_t a = k, b = k;
    while (b + 1 < n && joined(b + 1)) {
      if (tokens_[b + 1].cls & kCapital) {
        ++b;
      } else if ((tokens_[b + 1].cls & kConnector) && b + 2 < n && joined(b + 2) && (tokens_[b + 2].cls & kCapital)) {
        b += 2;
      } else if (tokens_[b + 1].cls & kParticle) {
        size_t k = b + 1;  // "van der Berg"
        while (k + 1 < n && joined(k + 1) && (tokens_[k + 1].cls & kParticle)) ++k;
        if (k + 1 >= n || !joined(k + 1) || !(tokens_[k + 1].cls & kCapital)) break;
        b = k + 1;
      } else {
        break;
      }
    }
    k = b + 1;

    if (confirm_only) {
      for (size_t i = a; i <= b; ++i) {
        if (tokens_[i].cls & (kCovered | kConnector)) continue;
        size_t j = i;
        while (j + 1 <= b && !(tokens_[j + 1].cls & (kCovered | kConnector | kTitle))) ++j;
        confirm_.push_back(join(text, tokens_, i, j));
        i = j;
      }
      continue;
    }

    // A place the gazetteer lacks, by its head: "Erie County", "Kherson
    // Oblast" (up to three words before the head). What stands before it
    // in the run ("Sheriff Ann Lee of Erie County") is read on as usual.
    for (size_t h = a + 1; h <= b; ++h) {
      if (!(tokens_[h].cls & kPlaceHead) || (tokens_[h].cls & kCovered)) continue;
      const uint16_t no = kNotName | kConnector | kTitle | kOrgHead | kDemonym | kAcronym | kPlaceHead;
      size_t start = h;
      while (start > a && h - start < 3 && !(tokens_[start - 1].cls & no)) --start;
      if (start == h) break;
      add_name(join(text, tokens_, start, h), Entity::Type::place, out);
      if (start > a) {
        b = start - 1;
        while (b > a && (tokens_[b].cls & kConnector)) --b;
      } else {
        a = h + 1;
      }
      break;
    }
    if (a > b) continue;

    // Organisation: the run holds an organisation word ("Ministry"). It
    // spans from the first real word to the head, plus what follows the
    // head up to a title ("Harvard University Professor Jane Smith").
    size_t org_end = SIZE_MAX, head = SIZE_MAX;
    for (size_t i = a; i <= b; ++i)
      if ((tokens_[i].cls & kOrgHead) && !(tokens_[i].cls & kCovered)) {
        head = i;
        break;
      }
    size_t person_from = a;
    if (head != SIZE_MAX) {
      size_t start = a;
      while (start < head && (tokens_[start].cls & (kNotName | kConnector)) && !(tokens_[start].cls & kCovered)) ++start;
      // After the head the name goes on only through a connector
      // ("Council on Foreign Relations", not "Airways Flight").
      org_end = head;
      // "Detroit Lions and Chicago Bears": an "and" right after the head,
      // with another head behind it, joins two organisations, not one name
      // ("Department of Health and Human Services" has no head before it).
      if (head + 2 <= b && (word(head + 1) == "and" || word(head + 1) == "&")) {
        bool second = false;
        for (size_t h = head + 2; h <= b && !second; ++h) second = tokens_[h].cls & kOrgHead;
        if (second) {
          bool covered = true;
          for (size_t i = start; i <= head; ++i) covered = covered && (tokens_[i].cls & kCovered);
          if (head > start && !covered) add_name(join(text, tokens_, start, head), Entity::Type::organization, out);
          k = head + 2;  // the next run starts after "and"
          continue;
        }
      }
      // A weekday or month ends it: "Pasteur Hospital on Friday".
      if (head + 1 <= b && (tokens_[head + 1].cls & kConnector))
        while (org_end + 1 <= b && !(tokens_[org_end + 1].cls & (kTitle | kNotName))) ++org_end;
      while (org_end > head && (tokens_[org_end].cls & kConnector)) --org_end;
      bool all_covered = true;
      for (size_t i = start; i <= org_end; ++i)
        if (!(tokens_[i].cls & kCovered)) all_covered = false;
      if (org_end > start && !all_covered) add_name(join(text, tokens_, start, org_end), Entity::Type::organization, out);
      person_from = org_end + 1;
    }

    bool title_seen = false;
    for (size_t i = a; i < person_from; ++i)
      if (tokens_[i].cls & kTitle) title_seen = true;
    size_t i = person_from;
    while (i <= b) {
      const uint16_t stop = kCovered | kTitle | kNotName | kConnector | kOrgHead | kAcronym | kDemonym;
      if (tokens_[i].cls & stop) {
        if (tokens_[i].cls & kTitle) title_seen = true;
        ++i;
        continue;
      }
      size_t j = i;
      size_t particles = 0;
      // "Charles de Gaulle", "Paulino do Rego Barros": a particle between
      // two words of the name keeps it whole.
      while (j + 1 <= b) {
        if (!(tokens_[j + 1].cls & stop)) {
          ++j;
        } else if (tokens_[j + 1].cls & kParticle) {
          size_t k = j + 1;  // "van der Berg": particles in a row
          while (k + 1 <= b && (tokens_[k + 1].cls & kParticle)) ++k;
          if (k + 1 > b || (tokens_[k + 1].cls & stop)) break;
          particles += k - j;
          j = k + 1;
        } else {
          break;
        }
      }
      size_t length = j - i + 1 - particles;
      // A role word makes a title only for a full name ("Actor Charlie
      // Sheen"); before one word it is mostly a noun in a proper name
      // ("Singer Building", "Star Wars", "Official Visit").
      bool title_before = i > a && (tokens_[i - 1].cls & kTitle) && !(tokens_[i - 1].cls & kRoleTitle);
      bool first_name = tokens_[i].cls & kFirstName;
      auto lower_word_before_run = [&](uint16_t cls) {
        return i == a && a > 0 && gap(a) == " " && (tokens_[a - 1].cls & cls);
      };
      bool role_before = lower_word_before_run(kRole);
      bool speech_before = lower_word_before_run(kSpeech);
      bool at_end = j == b;
      bool speech_after = at_end && j + 1 < n && gap(j + 1) == " " && (tokens_[j + 1].cls & kSpeech);
      bool apposition = false, org_apposition = false, thing = false;
      // Pronouns that no person takes: "Rivermark said its profits ..." is
      // a company; "the Swiss Crystal, which ..." is a ship, a product or a
      // company, but no person.
      if (speech_after && j + 2 < n && gap(j + 2) == " " && word(j + 2) == "its") org_apposition = true;
      // "Lumen Grid said it would ... The company ...": "it" and then "the
      // company" soon after, with no given name, title or role to say person.
      if (speech_after && j + 2 < n && gap(j + 2) == " " && word(j + 2) == "it" && !first_name && !title_seen &&
          !role_before)
        for (size_t k = j + 3; k < n && tokens_[k].start < tokens_[j].end + 300; ++k)
          if ((tokens_[k].cls & kOrgWord) && (word(k - 1) == "the" || word(k - 1) == "The")) {
            org_apposition = true;
            break;
          }
      if (at_end && j + 1 < n && gap(j + 1) == ", ") {
        std::string_view next = word(j + 1);
        thing = next == "which";
        apposition = next == "a" || next == "an" || next == "the" || next == "who" || (tokens_[j + 1].cls & kRole);
        // "Lumen Grid, a Berlin-based startup": a company named like a person.
        if (next == "a" || next == "an" || next == "the")
          for (size_t k = j + 2; k < n && k <= j + 5 && gap(k).find_first_of(",.;") == std::string_view::npos; ++k) {
            if (tokens_[k].cls & kRole) break;
            if (tokens_[k].cls & kOrgWord) {
              org_apposition = true;
              break;
            }
          }
      }
      // Cheap tests first: a one-letter "s" token, a two-letter word before.
      if (j + 2 < n && tokens_[j + 1].end == tokens_[j + 1].start + 1 && text[tokens_[j + 1].start] == 's' &&
          (gap(j + 1) == "'" || gap(j + 1) == "\xE2\x80\x99") && gap(j + 2) == " " && listed(kOrgOwned, word(j + 2)))
        org_apposition = true;
      if (i == a && i >= 2 && tokens_[i - 1].end == tokens_[i - 1].start + 2 && gap(i) == " " && gap(i - 1) == " " &&
          (word(i - 1) == "of" || word(i - 1) == "in") && listed(kOrgBought, word(i - 2)))
        org_apposition = true;
      bool cue = title_seen || first_name || role_before || speech_before || speech_after || apposition;
      bool ends_in_initial = initial(j);
      // "(Reporting by Soyoung Kim; Editing by ...)": the wire's staff, not
      // people in the story.
      bool credit = i >= 2 && word(i - 1) == "by" &&
                    (word(i - 2) == "reporting" || word(i - 2) == "Reporting" || word(i - 2) == "writing" ||
                     word(i - 2) == "Writing" || word(i - 2) == "editing" || word(i - 2) == "Editing");
      if (credit) {
      } else if (ends_in_initial || (length == 1 && initial(i))) {
        // "Lloyd C." cut from its surname, or a lone letter: not a name.
      } else if (org_apposition && !title_seen && !first_name && !role_before) {
        add_name(join(text, tokens_, i, j), Entity::Type::organization, out);
      } else if (thing && !title_seen && !first_name && !role_before) {
      } else if (length >= 2 && length <= 4 && cue) {
        add_name(join(text, tokens_, i, j), Entity::Type::person, out);
      } else if (length >= 2 && length <= 3 && (i > a || !sentence_start(a))) {
        // No cue yet: a person if the last name recurs on its own later
        // ("Bukayo Saka scored twice ... Saka added").
        uncued_.push_back(join(text, tokens_, i, j));
      } else if (length == 1) {
        if (title_before) {
          // "Mr Sacks": a person on its own unless a full name claims it.
          singles_.push_back("\x01" + std::string(word(i)));
        } else {
          singles_.emplace_back(word(i));
        }
      }
      i = j + 1;
    }
  }
}

}  // namespace newsflow::processors::topics

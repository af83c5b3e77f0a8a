// The run scanner: runs of capitalised words (with their connectors and
// particles), cut into places by their head, organisations by their
// organisation word, and people by the cues around them (titles, roles,
// speech verbs, appositions).
#include "topics/names.hpp"

#include <algorithm>
#include <iterator>

namespace newsflow::processors::topics {

using namespace names;

namespace {

// What a company has and a person has not: "Lumen Grid's shareholders", "the
// headquarters of Lumen Grid"; and what one buys of a company: "shares in
// Lumen Grid" (a person has shares, so "Buffett's shares" says nothing).
constexpr std::string_view kOrgOwned[] = {"shareholders", "headquarters", "subsidiary", "subsidiaries", "workforce"};
constexpr std::string_view kOrgBought[] = {"shareholders", "headquarters", "subsidiary", "shares", "stake"};
// Words that never start a person's name but open many an institution's,
// kept when an organisation word ends the run: "the National Gallery",
// "the Federal Court", "the State Department", "Central Bank".
constexpr std::string_view kOrgOpeners[] = {"National", "International", "Federal", "State",    "Central",
                                            "Global",   "North",         "South",   "East",     "West",
                                            "Northern", "Southern",      "Eastern", "Western"};
// Capitalised words that open a sentence or a phrase before an event's name
// without being part of it: "At the Paris Air Show", "The Chelsea Flower Show".
constexpr std::string_view kEventOpeners[] = {"The",   "A",     "An",     "At",    "In",     "On",    "During",
                                              "For",   "From",  "To",     "After", "Before", "Since", "Until",
                                              "By",    "With",  "Of",     "And",   "But",    "Or",    "As",
                                              "Ahead", "Like",  "Unlike", "Despite"};

}  // namespace

void NameFinder::scan_runs(std::string_view text, bool confirm_only, std::vector<FoundName>& out) {
  auto word = [&](size_t k) { return names::word(text, tokens_[k]); };
  auto gap = [&](size_t k) { return names::gap(text, tokens_[k]); };
  // Tokens k-1 and k belong to one name only when a single space separates
  // them, or "Mr. " after a title abbreviation.
  auto initial = [&](size_t t) {
    const Token k = tokens_[t];
    return k.end - k.start == 1 && (k.cls & kCapital);
  };
  auto joined = [&](size_t k) {
    std::string_view g = gap(k);
    if (g == " ") return true;
    // "Mr. Smith", "George W. Bush".
    return g == ". " && ((tokens_.cls(k - 1) & kTitle) || initial(k - 1));
  };
  // A name that ends at a head word goes on through a connector, up to a
  // title or a word that is no name's ("Council on Foreign Relations",
  // "Medal of Freedom"), and never ends in a connector.
  auto end_through_connector = [&](size_t head, size_t last) {
    size_t end = head;
    if (head + 1 <= last && (tokens_.cls(head + 1) & kConnector))
      while (end + 1 <= last && !(tokens_.cls(end + 1) & (kTitle | kNotName))) ++end;
    while (end > head && (tokens_.cls(end) & kConnector)) --end;
    return end;
  };
  // The last word of the run's part before `start`, its connectors dropped.
  auto last_before = [&](size_t start, size_t first) {
    size_t end = start - 1;
    while (end > first && (tokens_.cls(end) & kConnector)) --end;
    return end;
  };
  size_t n = tokens_.size();
  // Runs start at capitalised tokens, which are all recorded: the scan
  // walks those, not every token.
  const std::span<const NameTokens::Recorded> recorded = tokens_.recorded();
  const std::span<const uint32_t> capitals = tokens_.capitals();
  size_t r = 0;
  size_t k = 0;
  while (true) {
    while (r < capitals.size() && recorded[capitals[r]].pos < k) ++r;
    if (r == capitals.size()) break;
    k = recorded[capitals[r]].pos;
    // A run: capitalised tokens, with connectors ("of", "for") between them.
    size_t a = k, b = k;
    // Only a capitalised word, a connector or a particle continues a run;
    // testing that first spares rebuilding the unrecorded token after it.
    while (b + 1 < n && (tokens_.cls(b + 1) & (kCapital | kConnector | kParticle)) && joined(b + 1)) {
      if (tokens_.cls(b + 1) & kCapital) {
        ++b;
      } else if ((tokens_.cls(b + 1) & kConnector) && b + 2 < n && joined(b + 2) && (tokens_.cls(b + 2) & kCapital)) {
        b += 2;
      } else if (tokens_.cls(b + 1) & kParticle) {
        size_t k = b + 1;  // "van der Berg"
        while (k + 1 < n && joined(k + 1) && (tokens_.cls(k + 1) & kParticle)) ++k;
        if (k + 1 >= n || !joined(k + 1) || !(tokens_.cls(k + 1) & kCapital)) break;
        b = k + 1;
      } else {
        break;
      }
    }
    k = b + 1;
    // "Velmora-based Korrin Systems": the "-based" word says where the name
    // after it is from (collect_places reads the place) and belongs to no
    // name, nor does what stands before it in the run ("San Diego-based").
    if (tokens_.any_based())
      for (size_t i = b + 1; i-- > a;)
        if (tokens_.cls(i) & kBased) {
          a = i + 1;
          break;
        }
    if (a > b) continue;

    if (confirm_only) {
      for (size_t i = a; i <= b; ++i) {
        if (tokens_.cls(i) & (kCovered | kConnector)) continue;
        size_t j = i;
        while (j + 1 <= b && !(tokens_.cls(j + 1) & (kCovered | kConnector | kTitle))) ++j;
        confirm_.push_back(join(text, tokens_, i, j));
        i = j;
      }
      continue;
    }

    // A place the gazetteer lacks, by its head: "Erie County", "Kherson
    // Oblast" (up to three words before the head). What stands before it
    // in the run ("Sheriff Ann Lee of Erie County") is read on as usual.
    for (size_t h = a + 1; h <= b; ++h) {
      if (!(tokens_.cls(h) & kPlaceHead) || (tokens_.cls(h) & kCovered)) continue;
      const uint16_t no = kNotName | kConnector | kTitle | kOrgHead | kDemonym | kAcronym | kPlaceHead;
      size_t start = h;
      while (start > a && h - start < 3 && !(tokens_.cls(start - 1) & no)) --start;
      if (start == h) break;
      add_name(join(text, tokens_, start, h), Entity::Type::place, out);
      if (start > a) {
        b = last_before(start, a);
      } else {
        a = h + 1;
      }
      break;
    }
    if (a > b) continue;

    // An event, by its head: "the Paris Air Show", "the Chelsea Flower
    // Show", "Tokyo Olympics". The words before the head name the event:
    // not a company ("Air" is an organisation word) nor a person ("Chelsea"
    // is a given name). What stands before the event's name is read on.
    if (b > a && !lists_.event_head.empty()) {
      size_t h = b + 1;
      for (size_t i = b; i > a && h > b; --i)
        if ((tokens_.cls(i) & kCapital) && !(tokens_.cls(i) & kCovered) && lists_.event_head.contains(word(i))) h = i;
      if (h <= b) {
        size_t start = h;
        while (start > a && (tokens_.cls(start - 1) & kCapital) && !(tokens_.cls(start - 1) & kConnector) &&
               std::find(std::begin(kEventOpeners), std::end(kEventOpeners), word(start - 1)) ==
                   std::end(kEventOpeners))
          --start;
        // "Presidential Medal of Freedom", "Goodwood Festival of Speed".
        if (start < h) add_name(join(text, tokens_, start, end_through_connector(h, b)), Entity::Type::other, out);
        if (start == a) continue;
        b = last_before(start, a);
      }
    }

    // Organisation: the run holds an organisation word ("Ministry"). It
    // spans from the first real word to the head, plus what follows the
    // head up to a title ("Harvard University Professor Jane Smith").
    size_t org_end = SIZE_MAX, head = SIZE_MAX;
    for (size_t i = a; i <= b; ++i)
      if ((tokens_.cls(i) & kOrgHead) && !(tokens_.cls(i) & kCovered)) {
        head = i;
        break;
      }
    size_t person_from = a;
    if (head != SIZE_MAX) {
      size_t start = a;
      while (start < head && (tokens_.cls(start) & (kNotName | kConnector)) && !(tokens_.cls(start) & kCovered) &&
             std::find(std::begin(kOrgOpeners), std::end(kOrgOpeners), word(start)) == std::end(kOrgOpeners))
        ++start;
      // "Detroit Lions and Chicago Bears": an "and" right after the head,
      // with another head behind it, joins two organisations, not one name
      // ("Department of Health and Human Services" has no head before it).
      if (head + 2 <= b && (word(head + 1) == "and" || word(head + 1) == "&")) {
        bool second = false;
        for (size_t h = head + 2; h <= b && !second; ++h) second = tokens_.cls(h) & kOrgHead;
        if (second) {
          bool covered = true;
          for (size_t i = start; i <= head; ++i) covered = covered && (tokens_.cls(i) & kCovered);
          if (head > start && !covered) add_name(join(text, tokens_, start, head), Entity::Type::organization, out);
          k = head + 2;  // the next run starts after "and"
          continue;
        }
      }
      // After the head the name goes on only through a connector
      // ("Council on Foreign Relations", not "Airways Flight"), and a
      // weekday or month ends it ("Pasteur Hospital on Friday").
      org_end = end_through_connector(head, b);
      bool all_covered = true;
      for (size_t i = start; i <= org_end; ++i)
        if (!(tokens_.cls(i) & kCovered)) all_covered = false;
      if (org_end > start && !all_covered) add_name(join(text, tokens_, start, org_end), Entity::Type::organization, out);
      person_from = org_end + 1;
    }

    bool title_seen = false;
    for (size_t i = a; i < person_from; ++i)
      if (tokens_.cls(i) & kTitle) title_seen = true;
    size_t i = person_from;
    while (i <= b) {
      const uint16_t stop = kCovered | kTitle | kNotName | kConnector | kOrgHead | kAcronym | kDemonym;
      if (tokens_.cls(i) & stop) {
        if (tokens_.cls(i) & kTitle) title_seen = true;
        ++i;
        continue;
      }
      size_t j = i;
      size_t particles = 0;
      // "Charles de Gaulle", "Paulino do Rego Barros": a particle between
      // two words of the name keeps it whole.
      while (j + 1 <= b) {
        if (!(tokens_.cls(j + 1) & stop)) {
          ++j;
        } else if (tokens_.cls(j + 1) & kParticle) {
          size_t k = j + 1;  // "van der Berg": particles in a row
          while (k + 1 <= b && (tokens_.cls(k + 1) & kParticle)) ++k;
          if (k + 1 > b || (tokens_.cls(k + 1) & stop)) break;
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
      bool title_before = i > a && (tokens_.cls(i - 1) & kTitle) && !(tokens_.cls(i - 1) & kRoleTitle);
      bool first_name = tokens_.cls(i) & kFirstName;
      auto lower_word_before_run = [&](uint16_t cls) {
        return i == a && a > 0 && gap(a) == " " && (tokens_.cls(a - 1) & cls);
      };
      bool role_before = lower_word_before_run(kRole);
      bool speech_before = lower_word_before_run(kSpeech);
      bool at_end = j == b;
      bool speech_after = at_end && j + 1 < n && (tokens_.cls(j + 1) & kSpeech) && gap(j + 1) == " ";
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
          if ((tokens_.cls(k) & kOrgWord) && (word(k - 1) == "the" || word(k - 1) == "The")) {
            org_apposition = true;
            break;
          }
      if (at_end && j + 1 < n && gap(j + 1) == ", ") {
        std::string_view next = word(j + 1);
        thing = next == "which";
        apposition = next == "a" || next == "an" || next == "the" || next == "who" || (tokens_.cls(j + 1) & kRole);
        // "Lumen Grid, a Berlin-based startup": a company named like a person.
        if (next == "a" || next == "an" || next == "the")
          for (size_t k = j + 2; k < n && k <= j + 5 && gap(k).find_first_of(",.;") == std::string_view::npos; ++k) {
            if (tokens_.cls(k) & kRole) break;
            if (tokens_.cls(k) & kOrgWord) {
              org_apposition = true;
              break;
            }
          }
      }
      // "The start-up, Lumen Grid, makes ...": the company noun before the name.
      if (i == a && i > 0 && (tokens_.cls(i - 1) & kOrgWord) && at_end && j + 1 < n && gap(i) == ", " &&
          gap(j + 1) == ", ")
        org_apposition = true;
      // Cheap tests first: a one-letter "s" token, a two-letter word before.
      // Each read once: an unrecorded token is rebuilt at every read.
      const Token after = j + 1 < n ? tokens_[j + 1] : Token{};
      if (j + 2 < n && after.end == after.start + 1 && text[after.start] == 's' &&
          (gap(j + 1) == "'" || gap(j + 1) == "\xE2\x80\x99") && gap(j + 2) == " " && listed(kOrgOwned, word(j + 2)))
        org_apposition = true;
      const Token before = i >= 2 ? tokens_[i - 1] : Token{};
      if (i == a && i >= 2 && before.end == before.start + 2 && gap(i) == " " && names::gap(text, before) == " " &&
          (names::word(text, before) == "of" || names::word(text, before) == "in") && listed(kOrgBought, word(i - 2)))
        org_apposition = true;
      bool cue = title_seen || first_name || role_before || speech_before || speech_after || apposition;
      bool ends_in_initial = initial(j);
      // "(Reporting by Soyoung Kim; Editing by ...)": the wire's staff, not
      // people in the story.
      bool credit = i >= 2 && names::word(text, before) == "by" &&
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
      } else if (length >= 2 && length <= 3 && (i > a || !opens_sentence(text, tokens_, a))) {
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

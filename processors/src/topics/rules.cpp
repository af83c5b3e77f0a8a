// Loading the rule files of data/topics/ and compiling every literal into the
// term index (Hyperscan for the few it cannot serve). Runs once at start-up; errors name the file and line.
#include "topics/rules.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "newsflow/core/errors.hpp"
#include "newsflow/processors/text_util.hpp"
#include "newsflow/processors/topics.hpp"
#include "topics/language.hpp"

namespace newsflow::processors {

bool TopicRules::language_supported(std::string_view language) const {
  return std::find(settings.languages.begin(), settings.languages.end(), language) != settings.languages.end();
}

namespace topics {

void WordClasses::add(std::string_view word, uint16_t bits) {
  if (const Entry* known = find(word)) {
    entries_[static_cast<size_t>(known - entries_.data())].second |= bits;
    return;
  }
  entries_.emplace_back(std::string(word), bits);
  // At most half full keeps probe chains short.
  if (entries_.size() * 2 > slots_.size())
    rehash(std::max<size_t>(64, slots_.size() * 2));
  else
    insert(entries_.size() - 1);
}

void WordClasses::insert(size_t entry) {
  const std::string& word = entries_[entry].first;
  uint64_t h = hash(word, word.data() + word.size());
  size_t mask = slots_.size() - 1;
  size_t i = h & mask;
  while (slots_[i].entry != 0) i = (i + 1) & mask;
  slots_[i] = {static_cast<uint32_t>(h >> 32), static_cast<uint32_t>(entry + 1)};
  uint64_t bit = (h >> 20) & (kFilterBits - 1);
  filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
}

void WordClasses::rehash(size_t slots) {
  slots_.assign(slots, Slot{});
  for (size_t e = 0; e < entries_.size(); ++e) insert(e);
}

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(path + ": cannot open");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

[[noreturn]] void fail(const std::string& path, size_t line, const std::string& message) {
  throw ConfigError(path + ":" + std::to_string(line) + ": " + message);
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t pos = s.find(sep, start);
    out.push_back(trim(s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start)));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

// Calls fn(line_number, line) for every line that is neither blank nor a comment.
template <typename Fn>
void for_each_rule_line(const std::string& path, const std::string& content, Fn&& fn) {
  size_t line_no = 0, start = 0;
  while (start <= content.size()) {
    size_t end = content.find('\n', start);
    if (end == std::string::npos) end = content.size();
    ++line_no;
    std::string_view line = trim(std::string_view(content).substr(start, end - start));
    if (!line.empty() && line.front() != '#') fn(line_no, line);
    start = end + 1;
  }
  (void)path;
}

// RFC 4180 records: quoted fields may hold commas, quotes ("") and newlines.
std::vector<std::vector<std::string>> parse_csv(const std::string& content) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < content.size(); ++i) {
    char c = content[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < content.size() && content[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < content.size() && content[i + 1] == '\n') ++i;
      row.push_back(std::move(field));
      field.clear();
      if (!(row.size() == 1 && row[0].empty())) rows.push_back(std::move(row));
      row.clear();
    } else {
      field += c;
    }
  }
  if (!field.empty() || !row.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

void load_taxonomy(const std::string& path, TopicRules& rules) {
  auto rows = parse_csv(read_file(path));
  if (rows.empty()) throw ConfigError(path + ": empty");
  const auto& header = rows[0];
  auto column = [&](std::string_view name) {
    auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end()) throw ConfigError(path + ":1: missing column " + std::string(name));
    return static_cast<size_t>(it - header.begin());
  };
  size_t qcode = column("qcode"), level = column("level"), top = column("top_level_qcode"),
         name = column("name_en_GB"), retired = column("retired_date");
  std::vector<std::string> tops;
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (row.size() < header.size()) throw ConfigError(path + ": record " + std::to_string(r + 1) + ": too few fields");
    // Retired codes are left out entirely, so no rule can refer to one.
    if (!row[retired].empty()) continue;
    MediaTopic t;
    t.code = row[qcode];
    t.label = row[name];
    t.level = std::atoi(row[level].c_str());
    rules.topic_index.emplace(t.code, static_cast<uint32_t>(rules.topics.size()));
    rules.topics.push_back(std::move(t));
    tops.push_back(row[top]);
  }
  for (size_t i = 0; i < rules.topics.size(); ++i) {
    auto it = rules.topic_index.find(tops[i]);
    if (it == rules.topic_index.end())
      throw ConfigError(path + ": " + rules.topics[i].code + ": level-1 ancestor " + tops[i] + " missing or retired");
    rules.topics[i].top = it->second;
  }
}

double parse_number(const std::string& path, size_t line, std::string_view s) {
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) fail(path, line, "not a number: " + std::string(s));
  return v;
}

void load_settings(const std::string& path, Settings& s) {
  std::string content = read_file(path);
  for_each_rule_line(path, content, [&](size_t line, std::string_view text) {
    auto parts = split(text, '|');
    if (parts.size() != 2) fail(path, line, "expected NAME | VALUE");
    std::string_view key = parts[0], value = parts[1];
    auto num = [&] { return parse_number(path, line, value); };
    auto positive = [&] {
      double v = num();
      if (v < 0) fail(path, line, std::string(key) + " must not be negative");
      return v;
    };
    if (key == "languages") {
      s.languages.clear();
      for (auto l : split(value, ',')) if (!l.empty()) s.languages.emplace_back(l);
    } else if (key == "title_weight") s.title_weight = positive();
    else if (key == "lead_weight") s.lead_weight = positive();
    else if (key == "body_weight") s.body_weight = positive();
    else if (key == "lead_bytes") s.lead_bytes = static_cast<uint32_t>(positive());
    else if (key == "tail_from") s.tail_from = static_cast<uint32_t>(positive());
    else if (key == "tail_weight") s.tail_weight = positive();
    else if (key == "saturation") {
      s.saturation = positive();
      if (s.saturation <= 0) fail(path, line, "saturation must be positive");
    } else if (key == "veto_window") s.veto_window = static_cast<uint32_t>(positive());
    else if (key == "min_evidence") s.min_evidence = positive();
    else if (key == "relative_evidence") s.relative_evidence = positive();
    else if (key == "second_min_evidence") s.second_min_evidence = positive();
    else if (key == "second_needs_lead") {
      if (value != "true" && value != "false") fail(path, line, "second_needs_lead must be true or false");
      s.second_needs_lead = value == "true";
    }
    else if (key == "max_top_level") s.max_top_level = static_cast<uint32_t>(positive());
    else if (key == "relative_in_group") s.relative_in_group = positive();
    else if (key == "max_per_group") s.max_per_group = static_cast<uint32_t>(positive());
    else if (key == "group_rest_weight") s.group_rest_weight = positive();
    else if (key == "lead_bonus") s.lead_bonus = positive();
    else if (key == "specificity") s.specificity = positive();
    else if (key == "title_bonus") s.title_bonus = positive();
    else if (key == "event_bonus") s.event_bonus = positive();
    else if (key == "section_weight") s.section_weight = positive();
    else if (key == "outlet_weight") s.outlet_weight = positive();
    else if (key == "score_scale") {
      s.score_scale = positive();
      if (s.score_scale <= 0) fail(path, line, "score_scale must be positive");
    } else fail(path, line, "unknown setting " + std::string(key));
  });
}

// Builds the literal table while the files are read; compiled at the end.
class PatternTable {
 public:
  struct Literal {
    std::string text;
    unsigned flags;
  };

  uint32_t add(std::string text, unsigned flags, Pattern role) {
    role.length = static_cast<uint32_t>(text.size());
    literals_.push_back({std::move(text), flags});
    roles_.push_back(role);
    return static_cast<uint32_t>(roles_.size() - 1);
  }

  void compile(TopicRules& rules, const std::string& dir) {
    std::vector<LiteralSpec> specs;
    specs.reserve(literals_.size());
    for (size_t i = 0; i < literals_.size(); ++i)
      specs.push_back({literals_[i].text, (literals_[i].flags & HS_FLAG_CASELESS) != 0, roles_[i].prefix});
    std::vector<uint32_t> unserved = rules.term_index.build(specs);
    if (!unserved.empty()) compile_hyperscan(rules, dir, unserved);
    rules.patterns = std::move(roles_);
  }

 private:
  void compile_hyperscan(TopicRules& rules, const std::string& dir, const std::vector<uint32_t>& ids) {
    std::vector<const char*> exprs;
    std::vector<unsigned> flags;
    std::vector<size_t> lens;
    for (uint32_t id : ids) {
      exprs.push_back(literals_[id].text.data());
      lens.push_back(literals_[id].text.size());
      flags.push_back(literals_[id].flags);
    }
    hs_database_t* db = nullptr;
    hs_compile_error_t* error = nullptr;
    if (hs_compile_lit_multi(exprs.data(), flags.data(), ids.data(), lens.data(), static_cast<unsigned>(exprs.size()),
                             HS_MODE_BLOCK, nullptr, &db, &error) != HS_SUCCESS) {
      std::string message = error && error->message ? error->message : "unknown error";
      int expression = error ? error->expression : -1;
      hs_free_compile_error(error);
      if (expression >= 0)
        message += " (literal '" + literals_[ids[static_cast<size_t>(expression)]].text + "')";
      throw ConfigError(dir + ": cannot compile the rule set: " + message);
    }
    rules.database.reset(db);
    rules.database_first_bytes.clear();
    auto add_first = [&](char c) {
      if (rules.database_first_bytes.find(c) == std::string::npos) rules.database_first_bytes += c;
    };
    for (uint32_t id : ids) {
      const char c = literals_[id].text[0];
      add_first(c);
      if (literals_[id].flags & HS_FLAG_CASELESS) {
        add_first(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        add_first(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
      }
    }
  }

  std::vector<Literal> literals_;
  std::vector<Pattern> roles_;
};

// Context words are shared by every veto that names them.
class ContextWords {
 public:
  ContextWords(TopicRules& rules, PatternTable& table) : rules_(rules), table_(table) {}
  uint32_t intern(std::string_view word) {
    std::string key = lower(word);
    auto it = index_.find(key);
    if (it != index_.end()) return it->second;
    auto id = static_cast<uint32_t>(rules_.context_words.size());
    rules_.context_words.push_back(key);
    table_.add(key, HS_FLAG_CASELESS, {PatternKind::context_word, id, false});
    index_.emplace(std::move(key), id);
    return id;
  }
  static std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  }

 private:
  TopicRules& rules_;
  PatternTable& table_;
  std::unordered_map<std::string, uint32_t> index_;
};

bool valid_literal(std::string_view s) {
  if (s.empty()) return false;
  for (size_t i = 0; i + 1 < s.size(); ++i)
    if (s[i] == ' ' && s[i + 1] == ' ') return false;
  return s.find_first_of("\t\n\r") == std::string_view::npos;
}

// `section | CODE | words` and `outlet | CODE | sites`: URL words, each a
// term of its own that no text matches (the matcher never sees it), weighing
// section_weight or outlet_weight.
void add_sections(const std::string& path, size_t line, std::string_view code, std::string_view words, bool outlet,
                  TopicRules& rules) {
  auto topic = rules.topic_index.find(std::string(code));
  if (topic == rules.topic_index.end()) fail(path, line, "unknown or retired Media Topic " + std::string(code));
  const double weight = outlet ? rules.settings.outlet_weight : rules.settings.section_weight;
  for (auto word : split(words, ',')) {
    std::string key = ContextWords::lower(word);
    bool letters = std::all_of(key.begin(), key.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (key.size() < 2 || key.size() > SectionIndex::kMaxWord || !letters)
      fail(path, line, "bad " + std::string(outlet ? "outlet" : "section") + " word '" + std::string(word) +
                           "' (2 to 32 ASCII letters)");
    if (weight <= 0) continue;
    auto id = static_cast<uint32_t>(rules.terms.size());
    std::string text = (outlet ? "outlet:" : "section:") + key;
    rules.terms.push_back({std::move(text), {{topic->second, static_cast<float>(weight)}}, {}});
    rules.sections.add(std::move(key), {id, rules.topics[topic->second].top}, outlet);
  }
}

void load_terms(const std::string& path, TopicRules& rules, PatternTable& table, ContextWords& context) {
  std::string content = read_file(path);
  std::unordered_map<std::string, uint32_t> term_index;  // lower-cased text (+'*') -> term
  std::vector<std::tuple<size_t, std::string, std::vector<std::string_view>>> vetoes;
  std::vector<std::pair<size_t, std::string_view>> events;  // line, term
  for_each_rule_line(path, content, [&](size_t line, std::string_view text) {
    auto parts = split(text, '|');
    if (parts.size() == 2 && parts[0] == "event") {
      for (auto term : split(parts[1], ',')) events.emplace_back(line, term);
      return;
    }
    if (parts.size() != 3)
      fail(path, line, "expected CODE | WEIGHT | terms, veto | term | contexts or event | terms");
    if (parts[0] == "veto") {
      vetoes.emplace_back(line, ContextWords::lower(parts[1]), split(parts[2], ','));
      return;
    }
    if (parts[0] == "section" || parts[0] == "outlet") {
      add_sections(path, line, parts[1], parts[2], parts[0] == "outlet", rules);
      return;
    }
    auto topic = rules.topic_index.find(std::string(parts[0]));
    if (topic == rules.topic_index.end()) fail(path, line, "unknown or retired Media Topic " + std::string(parts[0]));
    double weight = parse_number(path, line, parts[1]);
    if (weight <= 0) fail(path, line, "weight must be positive");
    for (auto term : split(parts[2], ',')) {
      if (term.empty()) fail(path, line, "empty term");
      bool prefix = term.back() == '*';
      std::string_view literal = prefix ? trim(term.substr(0, term.size() - 1)) : term;
      if (!valid_literal(literal)) fail(path, line, "bad term '" + std::string(term) + "'");
      std::string key = ContextWords::lower(term);
      auto it = term_index.find(key);
      uint32_t id;
      if (it == term_index.end()) {
        id = static_cast<uint32_t>(rules.terms.size());
        rules.terms.push_back({ContextWords::lower(literal), {}, {}});
        table.add(rules.terms.back().text, HS_FLAG_CASELESS, {PatternKind::topic_term, id, prefix});
        term_index.emplace(key, id);
      } else {
        id = it->second;
      }
      auto& uses = rules.terms[id].uses;
      auto same = std::find_if(uses.begin(), uses.end(), [&](const TermUse& u) { return u.topic == topic->second; });
      if (same != uses.end())
        same->weight = std::max(same->weight, static_cast<float>(weight));
      else
        uses.push_back({topic->second, static_cast<float>(weight)});
    }
  });
  for (auto& [line, term, contexts] : vetoes) {
    auto it = term_index.find(term);
    if (it == term_index.end()) it = term_index.find(term + "*");
    if (it == term_index.end()) fail(path, line, "veto for a term that no rule defines: " + term);
    for (auto c : contexts) {
      if (!valid_literal(c)) fail(path, line, "bad context word '" + std::string(c) + "'");
      rules.terms[it->second].vetoes.push_back(context.intern(c));
    }
  }
  for (auto [line, term] : events) {
    auto it = term_index.find(ContextWords::lower(term));
    if (it == term_index.end()) fail(path, line, "event term that no rule defines: " + std::string(term));
    rules.terms[it->second].event = true;
  }
}

void load_entities(const std::string& path, TopicRules& rules, PatternTable& table, ContextWords& context) {
  std::string content = read_file(path);
  std::unordered_map<std::string, uint32_t> by_name;
  std::unordered_map<std::string, uint32_t> alias_line;  // alias -> alias index
  std::vector<std::tuple<size_t, std::string, std::vector<std::string_view>>> vetoes;
  for_each_rule_line(path, content, [&](size_t line, std::string_view text) {
    auto parts = split(text, '|');
    if (parts[0] == "veto") {
      if (parts.size() != 3) fail(path, line, "expected veto | NAME | contexts");
      vetoes.emplace_back(line, std::string(parts[1]), split(parts[2], ','));
      return;
    }
    if (parts.size() != 4) fail(path, line, "expected TYPE | NAME | COUNTRY | aliases");
    GazetteerEntity e;
    if (parts[0] == "person") e.type = Entity::Type::person;
    else if (parts[0] == "organization") e.type = Entity::Type::organization;
    else if (parts[0] == "place") e.type = Entity::Type::place;
    else if (parts[0] == "other") e.type = Entity::Type::other;
    else fail(path, line, "unknown type " + std::string(parts[0]));
    e.name = parts[1];
    e.country = parts[2];
    if (e.name.empty()) fail(path, line, "empty name");
    if (!e.country.empty() &&
        (e.country.size() != 2 || !std::isupper(static_cast<unsigned char>(e.country[0])) ||
         !std::isupper(static_cast<unsigned char>(e.country[1]))))
      fail(path, line, "country must be an ISO 3166-1 alpha-2 code: " + e.country);
    if (by_name.count(e.name)) fail(path, line, "duplicate name " + e.name);
    auto id = static_cast<uint32_t>(rules.entities.size());
    by_name.emplace(e.name, id);
    std::vector<std::string_view> aliases{parts[1]};
    for (auto a : split(parts[3], ','))
      if (!a.empty()) aliases.push_back(a);
    // Datelines print the place in capitals ("BERLIN (AP) -").
    std::vector<std::string> upper;
    if (e.type == Entity::Type::place)
      for (auto a : aliases) {
        std::string u(a);
        for (char& c : u) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (u != a && u.size() >= 4) upper.push_back(std::move(u));
      }
    rules.entities.push_back(std::move(e));
    for (const auto& u : upper) {
      if (alias_line.count(u)) continue;  // another name's capitals, or listed already
      auto alias_id = static_cast<uint32_t>(rules.alias_entity.size());
      rules.alias_entity.push_back(id);
      rules.alias_vetoes.emplace_back();
      alias_line.emplace(u, alias_id);
      table.add(u, 0, {PatternKind::entity_alias, alias_id, false});
    }
    for (auto a : aliases) {
      if (!valid_literal(a)) fail(path, line, "bad alias '" + std::string(a) + "'");
      std::string alias(a);
      auto seen = alias_line.find(alias);
      if (seen != alias_line.end()) {
        if (rules.alias_entity[seen->second] == id) continue;  // repeated within one rule
        fail(path, line, "alias '" + alias + "' already belongs to " + rules.entities[rules.alias_entity[seen->second]].name);
      }
      auto alias_id = static_cast<uint32_t>(rules.alias_entity.size());
      rules.alias_entity.push_back(id);
      rules.alias_vetoes.emplace_back();
      alias_line.emplace(alias, alias_id);
      table.add(alias, 0, {PatternKind::entity_alias, alias_id, false});
    }
  });
  for (auto& [line, name, contexts] : vetoes) {
    auto it = alias_line.find(name);
    if (it == alias_line.end()) fail(path, line, "veto for a name or alias that no rule defines: " + name);
    for (auto c : contexts) {
      if (!valid_literal(c)) fail(path, line, "bad context word '" + std::string(c) + "'");
      rules.alias_vetoes[it->second].push_back(context.intern(c));
    }
  }
}

void load_person_lists(const std::string& path, PersonLists& lists) {
  std::string content = read_file(path);
  for_each_rule_line(path, content, [&](size_t line, std::string_view text) {
    auto parts = split(text, '|');
    if (parts.size() != 2) fail(path, line, "expected LIST | words");
    WordSet* target = nullptr;
    if (parts[0] == "title") target = &lists.title;
    else if (parts[0] == "role") target = &lists.role;
    else if (parts[0] == "speech") target = &lists.speech;
    else if (parts[0] == "first_name") target = &lists.first_name;
    else if (parts[0] == "not_name") target = &lists.not_name;
    else if (parts[0] == "org_head") target = &lists.org_head;
    else if (parts[0] == "connector") target = &lists.connector;
    else if (parts[0] == "org_word") target = &lists.org_word;
    else if (parts[0] == "demonym") target = &lists.demonym;
    else if (parts[0] == "particle") target = &lists.particle;
    else if (parts[0] == "place_head") target = &lists.place_head;
    else if (parts[0] == "event_head") target = &lists.event_head;
    else fail(path, line, "unknown list " + std::string(parts[0]));
    for (auto w : split(parts[1], ','))
      if (!w.empty()) target->emplace(w);
  });
  // A role word opening a sentence reads as a title: "Actor Charlie Sheen".
  std::vector<std::string> role_titles;
  for (const auto& r : lists.role) {
    std::string capitalised = r;
    capitalised[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(capitalised[0])));
    if (capitalised != r && !lists.title.count(capitalised)) role_titles.push_back(capitalised);
  }
  for (const auto& t : role_titles) lists.title.insert(t);
  // "Mr." and "Mr" are the same title.
  std::vector<std::string> dotted;
  for (const auto& t : lists.title)
    if (t.size() > 1 && t.back() == '.') dotted.push_back(t.substr(0, t.size() - 1));
  for (auto& t : dotted) lists.title.insert(std::move(t));
  auto fold = [&](const WordSet& set, uint16_t bit) {
    for (const auto& w : set) lists.classes.add(w, bit);
  };
  fold(lists.title, kTitleWord);
  fold(lists.role, kRoleWord);
  fold(lists.speech, kSpeechWord);
  fold(lists.first_name, kFirstNameWord);
  fold(lists.not_name, kNotNameWord);
  fold(lists.org_head, kOrgHeadWord);
  fold(lists.connector, kConnectorWord);
  fold(lists.org_word, kOrgWordWord);
  fold(lists.demonym, kDemonymWord);
  // A particle joins capitalised words into one run, as a connector does.
  fold(lists.particle, kParticleWord | kConnectorWord);
  fold(lists.place_head, kPlaceHeadWord);
  for (const auto& t : role_titles) lists.classes.add(t, kRoleTitleWord);
}


// Ranking weight of each term from the lexicon itself (an IDF over branches):
// the number of level-1 topics whose terms contain the term's rarest word.
// "attack" feeds crime, conflict and health phrases, "airstrike" only
// conflict; a phrase is as specific as its rarest word ("truck attack").
void rate_specificity(TopicRules& rules) {
  const double k = rules.settings.specificity;
  std::unordered_map<std::string_view, std::vector<uint32_t>> branches;  // word -> level-1 topics
  auto words = [](std::string_view text) { return split(text, ' '); };
  for (const TopicTerm& term : rules.terms)
    for (std::string_view w : words(term.text)) {
      auto& tops = branches[w];
      for (const TermUse& use : term.uses) {
        uint32_t top = rules.topics[use.topic].top;
        if (std::find(tops.begin(), tops.end(), top) == tops.end()) tops.push_back(top);
      }
    }
  for (TopicTerm& term : rules.terms) {
    size_t rarest = SIZE_MAX;
    for (std::string_view w : words(term.text)) rarest = std::min(rarest, branches[w].size());
    if (rarest == SIZE_MAX || rarest == 0) rarest = 1;
    term.specificity = static_cast<float>(1.0 / (1.0 + k * static_cast<double>(rarest - 1)));
  }
  rules.term_rank.resize(rules.terms.size());
  for (size_t t = 0; t < rules.terms.size(); ++t) rules.term_rank[t] = {rules.terms[t].specificity, rules.terms[t].event};
}

}  // namespace
}  // namespace topics

std::shared_ptr<const TopicRules> load_topic_rules(const TopicsOptions& options) {
  namespace fs = std::filesystem;
  const std::string& dir = options.rules_dir;
  if (!fs::is_directory(dir)) throw ConfigError(dir + ": topics rules directory does not exist");
  auto rules = std::make_shared<TopicRules>();
  rules->explain = options.explain;
  topics::load_settings(dir + "/settings.rules", rules->settings);
  topics::load_taxonomy(dir + "/mediatopics_en.csv", *rules);
  topics::PatternTable table;
  topics::ContextWords context(*rules, table);
  for (const auto& language : rules->settings.languages) {
    topics::load_terms(dir + "/" + language + ".terms", *rules, table, context);
    std::string entities = dir + "/" + language + ".entities";
    if (fs::exists(entities)) topics::load_entities(entities, *rules, table, context);
  }
  topics::rate_specificity(*rules);
  topics::load_person_lists(dir + "/persons.rules", rules->persons);
  table.compile(*rules, dir);
  rules->lexicon.build(rules->term_index, rules->persons.classes, topics::english_function_words());
  return rules;
}

}  // namespace newsflow::processors

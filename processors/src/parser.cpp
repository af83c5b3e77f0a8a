#include "newsflow/processors/parser.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "newsflow/core/time.hpp"
#include "newsflow/processors/url.hpp"

namespace newsflow::processors {

namespace {

bool is_json_blank(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

bool is_blank(std::string_view s) { return std::all_of(s.begin(), s.end(), is_json_blank); }

Rejection not_json(simdjson::error_code e) {
  return Rejection{RecordError::not_json, std::string("not JSON: ") + simdjson::error_message(e)};
}

// The top-level fields' values of a document the DOM parser accepted (so
// valid JSON, its root an object), as their JSON text exactly as it appeared
// in the input (a container's with the blanks after it), in document order:
// what the pass-through fields are copied from. The DOM keeps no positions,
// and walking the document again with simdjson's On-Demand parser indexed it
// a second time, with the portable kernel (the header-only parser is
// compiled for no particular CPU). Valid JSON makes this a plain scan:
// strings end at an unescaped quote, containers at their matching bracket
// outside strings, anything else at a blank, a comma or the closing brace.
// One pass over the document, no recursion.
class TopLevelValues {
 public:
  explicit TopLevelValues(std::string_view doc) : doc_(doc) {
    skip_blanks();
    ++at_;  // the root's '{'
  }

  // The next field's value; called once per field the DOM iterates. Every
  // read is bounded by the document's end, though valid JSON never reaches it.
  std::string_view next() {
    skip_blanks();
    if (at_ < doc_.size() && doc_[at_] == ',') ++at_;
    skip_blanks();
    at_ = string_end(at_);  // the key
    skip_blanks();
    ++at_;  // ':'
    skip_blanks();
    const size_t start = std::min(at_, doc_.size());
    if (start == doc_.size()) return {};
    const char c = doc_[start];
    if (c == '"') {
      at_ = string_end(at_);
    } else if (c == '{' || c == '[') {
      size_t depth = 0;
      while (at_ < doc_.size()) {
        const char b = doc_[at_];
        if (b == '"') {
          at_ = string_end(at_);
          continue;
        }
        ++at_;
        if (b == '{' || b == '[') ++depth;
        else if ((b == '}' || b == ']') && --depth == 0) break;
      }
      // As simdjson's raw_json() of a container, which the records were
      // copied with: up to the next token, the blanks after the bracket kept.
      skip_blanks();
    } else {
      while (at_ < doc_.size() && !is_json_blank(doc_[at_]) && doc_[at_] != ',' && doc_[at_] != '}') ++at_;
    }
    return doc_.substr(start, at_ - start);
  }

 private:
  void skip_blanks() {
    while (at_ < doc_.size() && is_json_blank(doc_[at_])) ++at_;
  }
  // Past the closing quote of the string whose opening quote is at i: the
  // first quote after it with an even run of backslashes before it.
  size_t string_end(size_t i) const {
    if (i >= doc_.size()) return doc_.size();
    for (size_t q = i + 1;; ++q) {
      q = doc_.find('"', q);
      if (q == std::string_view::npos) return doc_.size();  // not reached for valid JSON
      size_t backslashes = 0;
      while (q - backslashes > i + 1 && doc_[q - 1 - backslashes] == '\\') ++backslashes;
      if (backslashes % 2 == 0) return q + 1;
    }
  }

  std::string_view doc_;
  size_t at_ = 0;
};

// Calls on_number(token) for each number token of a valid JSON document (the
// text between strings); the first non-empty answer ends the scan. One linear
// pass, so callers only run it when a cheaper test says it may find something.
template <typename F>
std::optional<std::string> scan_numbers(std::string_view doc, F on_number) {
  bool in_string = false;
  for (size_t i = 0; i < doc.size(); ++i) {
    const char c = doc[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') { in_string = true; continue; }
    if (c != '-' && (c < '0' || c > '9')) continue;
    size_t end = i;
    while (end < doc.size() && std::strchr("0123456789+-.eE", doc[end]) != nullptr) ++end;
    if (auto why = on_number(doc.substr(i, end - i))) return why;
    i = end - 1;
  }
  return std::nullopt;
}

// After simdjson's NUMBER_ERROR: is some number in the document valid by the
// JSON grammar but outside what readers hold (a double's range, or an integer
// beyond 64 bits)? Then the record is valid JSON we refuse (bad_value), not
// broken JSON.
std::optional<std::string> unrepresentable_number(std::string_view doc) {
  return scan_numbers(doc, [](std::string_view text) -> std::optional<std::string> {
    const std::string token(text);
    // The grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    size_t k = token[0] == '-' ? 1 : 0;
    auto digits = [&] { const size_t from = k; while (k < token.size() && token[k] >= '0' && token[k] <= '9') ++k; return k - from; };
    const size_t int_start = k;
    const size_t int_digits = digits();
    if (int_digits == 0 || (int_digits > 1 && token[int_start] == '0')) return std::nullopt;
    bool integer = true;
    if (k < token.size() && token[k] == '.') { ++k; integer = false; if (digits() == 0) return std::nullopt; }
    if (k < token.size() && (token[k] == 'e' || token[k] == 'E')) {
      ++k; integer = false;
      if (k < token.size() && (token[k] == '+' || token[k] == '-')) ++k;
      if (digits() == 0) return std::nullopt;
    }
    if (k != token.size()) return std::nullopt;
    if (integer) {
      errno = 0;
      if (token[0] == '-') (void)std::strtoll(token.c_str(), nullptr, 10);
      else (void)std::strtoull(token.c_str(), nullptr, 10);
      if (errno == ERANGE) return "integer " + token.substr(0, 40) + " is outside the 64-bit range";
    } else if (std::isinf(std::strtod(token.c_str(), nullptr))) {
      return "number " + token.substr(0, 40) + " is outside the double range";
    }
    return std::nullopt;
  });
}

// Jackson's default StreamReadConstraints (2.15 and later) refuse the whole
// record for a number of more than 1,000 digits (integer, fraction and
// exponent digits together; sign, point and 'e' are not counted) or a key of
// more than 50,000 bytes once decoded. Its other defaults are met elsewhere:
// nesting 1,000 (input.max_depth is at most 500), strings of 20,000,000
// characters (input.max_record_bytes is at most that), document length and
// token count unlimited.
constexpr size_t kMaxNumberDigits = 1000;
constexpr size_t kMaxKeyBytes = 50'000;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Such a number has its digits in at most three runs, so one run of at least
// 334 digits, which covers some byte at 333 + k * 334: probing those bytes
// finds every candidate without reading the record byte by byte.
bool has_long_digit_run(std::string_view doc) {
  constexpr size_t run = kMaxNumberDigits / 3 + 1;
  for (size_t i = run - 1; i < doc.size(); i += run) {
    if (!is_digit(doc[i])) continue;
    size_t lo = i, hi = i + 1;
    while (lo > 0 && is_digit(doc[lo - 1])) --lo;
    while (hi < doc.size() && is_digit(doc[hi])) ++hi;
    if (hi - lo >= run) return true;
  }
  return false;
}

std::optional<std::string> too_many_digits(std::string_view doc) {
  if (!has_long_digit_run(doc)) return std::nullopt;
  return scan_numbers(doc, [](std::string_view token) -> std::optional<std::string> {
    const auto n = static_cast<size_t>(std::count_if(token.begin(), token.end(), is_digit));
    if (n <= kMaxNumberDigits) return std::nullopt;
    return "number " + std::string(token.substr(0, 40)) + "... has " + std::to_string(n) +
           " digits, more than the 1000 Jackson reads by default";
  });
}

// Walks the validated document for keys too long for Jackson and for repeated
// keys in any object. Readers disagree on a repeated key (Python and Jackson
// keep the last, simdjson iterates both), so such a record is refused rather
// than relayed with a different meaning per reader. Sorting each object's keys
// keeps this O(n log n): a record of 100,000 short fields must not cost n^2
// comparisons. `keys` is scratch space reused across records; `field` names
// the top-level field being walked, for the message.
std::optional<std::string> check_objects(simdjson::dom::element e, std::vector<std::string_view>& keys,
                                         std::string_view field, bool root) {
  using simdjson::dom::element_type;
  if (e.type() == element_type::ARRAY) {
    for (auto item : simdjson::dom::array(e))
      if (auto why = check_objects(item, keys, field, false)) return why;
    return std::nullopt;
  }
  if (e.type() != element_type::OBJECT) return std::nullopt;
  const auto object = simdjson::dom::object(e);
  const size_t mark = keys.size();
  for (auto [key, value] : object) {
    if (key.size() > kMaxKeyBytes)
      return "key of " + std::to_string(key.size()) + " bytes, more than the 50000 Jackson reads by default";
    keys.push_back(key);
  }
  const auto from = keys.begin() + static_cast<ptrdiff_t>(mark);
  std::sort(from, keys.end());
  const auto dup = std::adjacent_find(from, keys.end());
  std::optional<std::string> why;
  if (dup != keys.end()) {
    why = "duplicate key '" + std::string(*dup) + "'";
    if (!root) *why += " inside '" + std::string(field) + "'";
  }
  keys.resize(mark);
  if (why) return why;
  for (auto [key, value] : object)
    if ((why = check_objects(value, keys, root ? key : field, false))) return why;
  return std::nullopt;
}

const char* type_name(simdjson::dom::element_type t) {
  using simdjson::dom::element_type;
  switch (t) {
    case element_type::ARRAY: return "array";
    case element_type::OBJECT: return "object";
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE: return "number";
    case element_type::STRING: return "string";
    case element_type::BOOL: return "boolean";
    case element_type::NULL_VALUE: return "null";
  }
  return "unknown";
}

bool is_number(simdjson::dom::element_type t) {
  using simdjson::dom::element_type;
  return t == element_type::INT64 || t == element_type::UINT64 || t == element_type::DOUBLE;
}

// Empties the article for the next record but keeps what its strings and
// vectors have allocated: a worker parses one article after another into the
// same Article, and `out = Article{}` freed and re-allocated a dozen strings
// per record. Every field must be reset here; the size check below catches a
// field added to Article without a line here.
void reset(Article& a) {
  a.id.clear();
  a.id_derived = false;
  a.url.clear();
  a.source.clear();
  a.title.clear();
  a.body.clear();
  a.published_at.clear();
  a.published_at_ms.reset();
  a.language.clear();
  a.language_detected = false;
  // raw_fields keeps its elements: parse() assigns into them (see put_raw).
  a.origin.reset();
  a.canonical_url.clear();
  a.text.clear();
  a.chrome_lines_removed = 0;
  a.title_repeat_removed = false;
  a.normalize_suspect = false;
  a.dedup.status = DedupResult::Status::unique;
  a.dedup.duplicate_of.clear();
  a.dedup.similarity = 0.0;
  a.dedup.method.clear();
  a.dedup.cluster_id.clear();
  a.dedup.copies_seen = 1;
  a.dedup.evaluated = false;
  a.topics.clear();
  a.topics_language_supported = true;
  a.entities.clear();
  a.quotes.clear();
  a.speakers.clear();
}
static_assert(sizeof(Article) == 648 && sizeof(DedupResult) == 128,
              "Article or DedupResult has a new field: reset it in reset(Article&) too, then update the sizes");

// Field `used` of the reused raw_fields: the strings of the previous record's
// field in that slot are overwritten, so their buffers are reused.
void put_raw(std::vector<std::pair<std::string, std::string>>& fields, size_t used, std::string_view key,
             std::string_view raw) {
  if (used == fields.size()) fields.emplace_back();
  fields[used].first.assign(key);
  fields[used].second.assign(raw);
}

}  // namespace

struct ArticleParser::Impl {
  explicit Impl(ParserOptions o)
      : options(std::move(o)), validator(options.max_record_bytes + 64) {
    // Grows with the largest record seen (up to the limit above) rather than
    // reserving tape for max_record_bytes in every worker.
    // simdjson counts the document itself as a level.
    if (validator.allocate(64 * 1024, std::max<size_t>(1, options.max_depth) + 1))
      throw ConfigError("input.max_depth: cannot allocate the JSON validator");
  }
  ParserOptions options;
  // The DOM parser validates the whole document and bounds its depth, so no
  // pass-through value (copied out byte-exact, TopLevelValues) relays
  // `[tru, 1,]` or `1e400` or 10,000 nested arrays to every downstream reader;
  // the known fields are read from its tree.
  simdjson::dom::parser validator;
  std::vector<char> padded;  // reused copy of the input with simdjson's padding
  std::vector<std::string_view> keys;  // check_objects' scratch space
};

ArticleParser::ArticleParser(ParserOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
ArticleParser::~ArticleParser() = default;

std::optional<Rejection> ArticleParser::parse(const RawRecord& record, Article& out) {
  reset(out);
  size_t raw_used = 0;
  // Whatever path returns, raw_fields ends with exactly this record's fields.
  struct TrimRaw {
    std::vector<std::pair<std::string, std::string>>& fields;
    const size_t& used;
    ~TrimRaw() { fields.resize(used); }
  } trim_raw{out.raw_fields, raw_used};
  out.origin = record.origin;
  const auto& opt = impl_->options;
  std::string_view value = record.value;

  if (value.size() > opt.max_record_bytes)
    return Rejection{RecordError::body_too_large, "record of " + std::to_string(value.size()) +
                                                      " bytes exceeds input.max_record_bytes (" +
                                                      std::to_string(opt.max_record_bytes) + ")"};
  if (!simdjson::validate_utf8(value.data(), value.size()))
    return Rejection{RecordError::invalid_utf8, "record is not valid UTF-8"};

  // A byte-order mark is allowed (and ignored) by RFC 8259 and written by
  // Windows tools; the dead letter or output keeps the original bytes anyway.
  if (value.starts_with("\xEF\xBB\xBF")) value.remove_prefix(3);

  auto& buf = impl_->padded;
  if (buf.size() < value.size() + simdjson::SIMDJSON_PADDING) buf.resize(value.size() + simdjson::SIMDJSON_PADDING);
  std::memcpy(buf.data(), value.data(), value.size());
  std::memset(buf.data() + value.size(), 0, simdjson::SIMDJSON_PADDING);

  simdjson::dom::element root;
  if (auto e = impl_->validator.parse(reinterpret_cast<const uint8_t*>(buf.data()), value.size(), false).get(root)) {
    if (e == simdjson::DEPTH_ERROR)
      return Rejection{RecordError::too_deep, "nesting deeper than input.max_depth (" +
                                                  std::to_string(opt.max_depth) + ")"};
    if (e == simdjson::NUMBER_ERROR) {
      if (auto why = unrepresentable_number(value)) return Rejection{RecordError::bad_value, *why};
    }
    return not_json(e);
  }
  impl_->keys.clear();
  if (auto why = check_objects(root, impl_->keys, {}, true)) return Rejection{RecordError::bad_value, *why};
  if (auto why = too_many_digits(value)) return Rejection{RecordError::bad_value, *why};

  if (root.type() != simdjson::dom::element_type::OBJECT)
    return Rejection{RecordError::not_object, std::string("expected a JSON object, got ") + type_name(root.type())};

  std::string_view body_key;
  size_t body_rank = opt.fields.body.size();
  bool has_published_at = false;

  auto string_field = [&](simdjson::dom::element v, std::string_view raw, std::string_view key, std::string& dst,
                          bool allow_number) -> std::optional<Rejection> {
    const auto t = v.type();
    if (t == simdjson::dom::element_type::NULL_VALUE) return std::nullopt;
    if (is_number(t) && allow_number) {
      dst.assign(raw);
      return std::nullopt;
    }
    if (t != simdjson::dom::element_type::STRING)
      return Rejection{RecordError::wrong_type,
                       "field '" + std::string(key) + "' must be a string, got " + type_name(t)};
    dst.assign(v.get_string().value_unsafe());
    return std::nullopt;
  };

  TopLevelValues values(value);
  for (auto [key, v] : simdjson::dom::object(root)) {
    const std::string_view raw = values.next();
    std::optional<Rejection> rejection;
    const auto& f = opt.fields;
    if (key == f.id) {
      rejection = string_field(v, raw, key, out.id, /*allow_number=*/true);
    } else if (key == f.url) {
      rejection = string_field(v, raw, key, out.url, false);
    } else if (key == f.source) {
      rejection = string_field(v, raw, key, out.source, false);
    } else if (key == f.title) {
      rejection = string_field(v, raw, key, out.title, false);
    } else if (key == f.published_at) {
      rejection = string_field(v, raw, key, out.published_at, false);
      has_published_at = !out.published_at.empty();
    } else if (key == f.language) {
      rejection = string_field(v, raw, key, out.language, false);
    } else if (auto it = std::find(f.body.begin(), f.body.end(), key); it != f.body.end()) {
      const auto rank = static_cast<size_t>(it - f.body.begin());
      if (rank < body_rank && v.type() != simdjson::dom::element_type::NULL_VALUE) {
        // A rejection ends the parse, so the body can be written in place.
        rejection = string_field(v, raw, key, out.body, false);
        if (!rejection) {
          body_rank = rank;
          body_key = *it;
        }
      }
    }
    if (rejection) return rejection;
    put_raw(out.raw_fields, raw_used++, key, raw);
  }
  if (body_key.empty()) {
    std::string names;
    for (const auto& b : opt.fields.body) names += (names.empty() ? "" : ", ") + b;
    return Rejection{RecordError::missing_field, "no body field (looked for: " + names + ")"};
  }
  if (is_blank(out.body)) return Rejection{RecordError::empty_body, "field '" + std::string(body_key) + "' is empty"};
  if (out.body.size() > opt.max_body_bytes)
    return Rejection{RecordError::body_too_large, "body of " + std::to_string(out.body.size()) +
                                                      " bytes exceeds input.max_body_bytes (" +
                                                      std::to_string(opt.max_body_bytes) + ")"};
  if (out.id.empty() && out.url.empty())
    return Rejection{RecordError::missing_field,
                     "neither '" + opt.fields.id + "' nor '" + opt.fields.url + "' is present"};
  if (has_published_at) {
    out.published_at_ms = parse_rfc3339_ms(out.published_at);
    if (!out.published_at_ms)
      return Rejection{RecordError::bad_value,
                       "field '" + opt.fields.published_at + "' is not an RFC 3339 date-time: " + out.published_at};
  }
  if (!out.url.empty()) out.canonical_url = canonicalize_url(out.url);
  if (out.id.empty()) {
    out.id = id_from_url(out.canonical_url);
    out.id_derived = true;
  }
  return std::nullopt;
}

}  // namespace newsflow::processors

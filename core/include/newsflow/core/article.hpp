#pragma once
// The parsed article and every processor's enrichment. One struct so later
// processors can read earlier ones' results (quotes reads entities, topics
// reads language) without knowing each other's classes.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsflow/core/record.hpp"

namespace newsflow {

struct DedupResult {
  enum class Status { unique, duplicate, near_duplicate };
  Status status = Status::unique;
  std::string duplicate_of;  // empty when unique
  double similarity = 0.0;   // 0..1; 1 for exact copies
  std::string method;        // "id", "canonical_url", "content_hash", "near_duplicate"; empty when unique
  std::string cluster_id;    // id of the story's first-seen article
  uint64_t copies_seen = 1;  // copies of this story so far, this one included
  bool evaluated = false;    // false when dedup is disabled
};

struct Topic {
  std::string id;     // "medtop:..."
  std::string label;  // English name
  double score = 0.0;
  std::string top;    // level-1 ancestor code
  std::vector<std::string> matched_terms;  // filled only with topics.explain
};

struct Entity {
  enum class Type { person, organization, place, other };
  std::string text;
  Type type = Type::other;
  uint32_t count = 0;
  std::string country;  // ISO 3166-1 alpha-2 for places, empty otherwise
};

struct Quote {
  enum class Kind { direct, partial, scare, indirect };
  // What `speaker` holds: a named person or organisation, or only a role
  // phrase ("spokesperson for the camp", "officials") when nobody is named.
  enum class SpeakerKind { none, person, organization, role };
  std::string text;
  std::optional<std::string> speaker;
  SpeakerKind speaker_kind = SpeakerKind::none;
  std::optional<std::string> speaker_role;
  std::string cue;
  Kind kind = Kind::direct;
  uint32_t start = 0;  // byte offsets into Article::text (UTF-8), [start, end)
  uint32_t end = 0;
  double confidence = 0.0;
};

struct Speaker {
  std::string name;
  std::optional<std::string> role;
  uint32_t quote_count = 0;
};

struct Article {
  // Input fields.
  std::string id;
  bool id_derived = false;  // true when derived from the canonical URL
  std::string url;
  std::string source;
  std::string title;
  std::string body;          // as received
  std::string published_at;  // as received (RFC 3339)
  std::optional<int64_t> published_at_ms;
  std::string language;      // from input, or detected
  bool language_detected = false;

  // Raw top-level fields of the input object, in input order, as JSON text,
  // so untouched fields round-trip byte-exact.
  std::vector<std::pair<std::string, std::string>> raw_fields;
  std::optional<Origin> origin;

  // Enrichment.
  std::string canonical_url;
  std::string text;  // normalized body; quote offsets refer to it
  uint32_t chrome_lines_removed = 0;
  bool title_repeat_removed = false;
  bool normalize_suspect = false;  // normalize would have removed too much: nothing doubtful was removed
  DedupResult dedup;
  std::vector<Topic> topics;
  bool topics_language_supported = true;  // false: the topic rules have no terms for `language`
  std::vector<Entity> entities;
  std::vector<Quote> quotes;
  std::vector<Speaker> speakers;
};

std::string_view to_string(DedupResult::Status s);
std::string_view to_string(Entity::Type t);
std::string_view to_string(Quote::Kind k);
std::string_view to_string(Quote::SpeakerKind k);

}  // namespace newsflow

#include "newsflow/processors/serializer.hpp"

#include <algorithm>
#include <array>

#include "newsflow/core/json_writer.hpp"
#include "newsflow/core/time.hpp"
#include "newsflow/core/version.hpp"

namespace newsflow::processors {
namespace {

// Keys newsflow writes itself; an input field of the same name is replaced.
constexpr std::array<std::string_view, 12> kEnrichmentKeys = {
    "text",   "canonical_url", "origin", "processed_at", "newsflow_version", "normalize",
    "dedup",  "topics",        "entities", "quotes",     "speakers",         "language"};

bool is_enrichment_key(std::string_view k) {
  return std::find(kEnrichmentKeys.begin(), kEnrichmentKeys.end(), k) != kEnrichmentKeys.end();
}

void write_optional(JsonWriter& w, const std::optional<std::string>& s) {
  if (s)
    w.value(*s);
  else
    w.null();
}

}  // namespace

void serialize_output(const Article& a, const SerializerOptions& options, int64_t processed_at_ms,
                      std::string& out) {
  // One allocation for a fresh buffer (a reused one has the room already):
  // the pass-through fields and the text are most of the record.
  size_t estimate = a.text.size() + 1024;
  for (const auto& [key, raw] : a.raw_fields) estimate += key.size() + raw.size() + 4;
  JsonWriter w = JsonWriter::overwriting(out, estimate);
  Rfc3339Buffer stamp;
  w.begin_object();
  bool wrote_id = false;
  bool had_body = false;
  for (const auto& [key, raw] : a.raw_fields) {
    if (is_enrichment_key(key)) continue;
    if (key == "id") wrote_id = true;
    if (key == "body") had_body = true;
    w.key(key).raw(raw);
  }
  if (!wrote_id) w.key("id").value(a.id);
  // When the body arrived under "text", keep the original beside the normalized text.
  if (!had_body) {
    for (const auto& [key, raw] : a.raw_fields)
      if (key == "text") w.key("body").raw(raw);
  }
  w.key("text").value(a.text);
  w.key("canonical_url").value(a.canonical_url);
  if (!a.language.empty())
    w.key("language").value(a.language);
  else
    w.key("language").null();
  if (a.origin) {
    w.key("origin").begin_object();
    w.key("topic").value(a.origin->topic);
    w.key("partition").value(static_cast<int64_t>(a.origin->partition));
    w.key("offset").value(a.origin->offset);
    if (a.origin->timestamp_ms >= 0)
      w.key("timestamp").value(format_rfc3339_ms(a.origin->timestamp_ms, stamp));
    else
      w.key("timestamp").null();
    w.end_object();
  }
  w.key("processed_at").value(format_rfc3339_ms(processed_at_ms, stamp));
  w.key("newsflow_version").value(version());

  w.key("normalize").begin_object();
  w.key("chrome_lines_removed").value(a.chrome_lines_removed);
  w.key("title_repeat_removed").value(a.title_repeat_removed);
  w.key("suspect").value(a.normalize_suspect);
  w.key("language_detected").value(a.language_detected);
  w.key("id_derived").value(a.id_derived);
  w.end_object();

  const auto& d = a.dedup;
  w.key("dedup").begin_object();
  w.key("status").value(to_string(d.status));
  if (!d.duplicate_of.empty()) w.key("duplicate_of").value(d.duplicate_of);
  w.key("similarity").value(d.similarity);
  if (!d.method.empty()) w.key("method").value(d.method);
  w.key("cluster_id").value(d.cluster_id.empty() ? a.id : d.cluster_id);
  w.key("copies_seen").value(d.copies_seen);
  w.end_object();

  w.key("topics").begin_array();
  for (const auto& t : a.topics) {
    w.begin_object();
    w.key("id").value(t.id);
    w.key("label").value(t.label);
    w.key("score").value(t.score);
    w.key("top").value(t.top);
    if (options.explain_topics) {
      w.key("matched").begin_array();
      for (const auto& m : t.matched_terms) w.value(m);
      w.end_array();
    }
    w.end_object();
  }
  w.end_array();

  w.key("entities").begin_array();
  for (const auto& e : a.entities) {
    w.begin_object();
    w.key("text").value(e.text);
    w.key("type").value(to_string(e.type));
    w.key("count").value(e.count);
    if (!e.country.empty()) w.key("country").value(e.country);
    w.end_object();
  }
  w.end_array();

  w.key("quotes").begin_array();
  for (const auto& q : a.quotes) {
    w.begin_object();
    w.key("text").value(q.text);
    w.key("speaker");
    write_optional(w, q.speaker);
    w.key("speaker_kind");
    if (q.speaker_kind == Quote::SpeakerKind::none)
      w.null();
    else
      w.value(to_string(q.speaker_kind));
    w.key("speaker_role");
    write_optional(w, q.speaker_role);
    w.key("cue").value(q.cue);
    w.key("kind").value(to_string(q.kind));
    w.key("start").value(q.start);
    w.key("end").value(q.end);
    w.key("confidence").value(q.confidence);
    w.end_object();
  }
  w.end_array();

  w.key("speakers").begin_array();
  for (const auto& s : a.speakers) {
    w.begin_object();
    w.key("name").value(s.name);
    w.key("role");
    write_optional(w, s.role);
    w.key("quote_count").value(s.quote_count);
    w.end_object();
  }
  w.end_array();
  w.end_object().finish();
}

}  // namespace newsflow::processors

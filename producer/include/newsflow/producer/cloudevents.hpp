#pragma once
// CloudEvents 1.0 attributes on output records, binary content mode of the
// Kafka protocol binding: each attribute is a ce_<name> header, the data is
// the record value and its media type the content-type header.
//   ce_specversion  1.0
//   ce_id           <input topic>/<partition>/<offset>: unique per input
//                   record and the same when a record is processed again
//                   (a replay, an at-least-once redelivery), so consumers can
//                   drop repeats by (source, id) as the spec intends
//   ce_source       configured (a URI-reference naming this stage)
//   ce_type         configured
//   ce_subject      the article id (the record key)
//   ce_time         when this stage produced the event (RFC 3339, UTC)
// The input's own ce_* headers describe the input event, so they are
// replaced, not duplicated; traceparent/tracestate are left as they are.
#include <cstdint>
#include <string>
#include <string_view>

#include "newsflow/core/record.hpp"

namespace newsflow::producer {

struct CloudEventsOptions {
  bool enabled = true;
  std::string source = "/newsflow";
  std::string type = "news.article.enriched";
};

void set_cloudevents_headers(Headers& headers, const CloudEventsOptions& options, const Origin& input,
                             std::string_view subject, int64_t time_ms);

}  // namespace newsflow::producer

#include "newsflow/producer/cloudevents.hpp"

#include <algorithm>

#include "newsflow/core/time.hpp"

namespace newsflow::producer {

void set_cloudevents_headers(Headers& headers, const CloudEventsOptions& options, const Origin& input,
                             std::string_view subject, int64_t time_ms) {
  if (!options.enabled) return;
  std::erase_if(headers, [](const Header& h) { return h.key.starts_with("ce_"); });
  headers.push_back({"ce_specversion", "1.0"});
  headers.push_back({"ce_id", input.topic + "/" + std::to_string(input.partition) + "/" + std::to_string(input.offset)});
  headers.push_back({"ce_source", options.source});
  headers.push_back({"ce_type", options.type});
  if (!subject.empty()) headers.push_back({"ce_subject", std::string(subject)});
  headers.push_back({"ce_time", format_rfc3339_ms(time_ms)});
  // Binary mode names the data's media type in content-type (the pipeline sets it).
  if (std::none_of(headers.begin(), headers.end(), [](const Header& h) { return h.key == "content-type"; }))
    headers.push_back({"content-type", "application/json"});
}

}  // namespace newsflow::producer

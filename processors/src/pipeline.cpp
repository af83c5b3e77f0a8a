#include "newsflow/processors/pipeline.hpp"

#include <exception>

#include "newsflow/core/time.hpp"

namespace newsflow::processors {
namespace {

// Trace context and CloudEvents-style metadata travel from input to output.
bool carried_header(std::string_view key) {
  return key == "traceparent" || key == "tracestate" || key.starts_with("ce_");
}

// Assigns into the slot's existing strings, so a reused record keeps their
// capacity: the headers cost no allocation once the first records are through.
void put_header(Headers& headers, size_t& used, std::string_view key, std::string_view value) {
  if (used == headers.size()) headers.emplace_back();
  headers[used].key.assign(key);
  headers[used].value.assign(value);
  ++used;
}

}  // namespace

Pipeline::Pipeline(ParserOptions parser_options, SerializerOptions serializer_options,
                   std::vector<std::unique_ptr<Processor>> chain)
    : parser_(std::move(parser_options)), serializer_options_(serializer_options), chain_(std::move(chain)) {
  for (auto& p : chain_) {
    Processor* inner = p.get();
    if (auto* instrumented = dynamic_cast<InstrumentedProcessor*>(inner)) inner = &instrumented->inner();
    if (auto* stateful = dynamic_cast<StatefulProcessor*>(inner)) stateful_.push_back(stateful);
  }
}

const ProcessedRecord& Pipeline::process(const RawRecord& record) {
  ProcessedRecord& result = result_;
  result.disposition = Disposition::output;
  result.error_class.clear();
  result.error_message.clear();
  auto reject = [&](const Rejection& r) -> const ProcessedRecord& {
    result.disposition = Disposition::reject;
    result.key.assign(record.key.value_or(""));
    result.value.assign(record.value);
    result.headers.clear();
    result.error_class.assign(to_string(r.error));
    result.error_message.assign(r.message);
    return result;
  };

  if (auto rejection = parser_.parse(record, article_)) return reject(*rejection);

  for (auto& processor : chain_) {
    Outcome outcome;
    try {
      outcome = processor->process(article_);
    } catch (const std::exception& e) {
      // A processor bug must not stop the stage; the record goes to the
      // dead-letter topic with the reason so nothing is lost.
      return reject({RecordError::processor_failure, std::string(processor->name()) + ": " + e.what()});
    }
    if (outcome.kind == Outcome::Kind::reject) {
      outcome.rejection.message = std::string(processor->name()) + ": " + outcome.rejection.message;
      return reject(outcome.rejection);
    }
    if (outcome.kind == Outcome::Kind::duplicate) {
      result.disposition = Disposition::duplicate;
      // A dropped duplicate is never written: what the processors after
      // dedup would add (topics, quotes: most of a record's cost) is not needed.
      if (serializer_options_.duplicates_dropped) break;
    }
  }

  result.key.assign(article_.id);
  if (result.disposition == Disposition::duplicate && serializer_options_.duplicates_dropped)
    result.value.clear();
  else
    serialize_output(article_, serializer_options_, now_ms(), result.value);
  size_t used = 0;
  put_header(result.headers, used, "content-type", "application/json");
  for (const auto& h : record.headers)
    if (carried_header(h.key)) put_header(result.headers, used, h.key, h.value);
  put_header(result.headers, used, "newsflow.dedup.status", to_string(article_.dedup.status));
  result.headers.resize(used);
  return result;
}

void Pipeline::drain_state_changes(std::vector<StateChange>& out) {
  for (auto* s : stateful_) s->drain_state_changes(out);
}

void Pipeline::commit_state() {
  for (auto* s : stateful_) s->commit_state();
}

void Pipeline::rollback_state() {
  for (auto* s : stateful_) s->rollback_state();
}

bool Pipeline::restore(const StateChange& change) {
  for (auto* s : stateful_)
    if (s->restore(change)) return true;
  return false;
}

}  // namespace newsflow::processors

#include "newsflow/processors/processor.hpp"

namespace newsflow::processors {

std::string_view to_string(Outcome::Kind k) {
  switch (k) {
    case Outcome::Kind::pass: return "pass";
    case Outcome::Kind::duplicate: return "duplicate";
    case Outcome::Kind::reject: return "reject";
  }
  return "pass";
}

InstrumentedProcessor::InstrumentedProcessor(std::unique_ptr<Processor> inner, std::shared_ptr<ProcessorProbe> probe)
    : inner_(std::move(inner)), probe_(std::move(probe)) {}

Outcome InstrumentedProcessor::process(Article& article) {
  const auto start = std::chrono::steady_clock::now();
  Outcome outcome = inner_->process(article);
  probe_->observe(outcome.kind, std::chrono::steady_clock::now() - start);
  return outcome;
}

}  // namespace newsflow::processors

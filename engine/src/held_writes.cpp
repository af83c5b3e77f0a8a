#include "newsflow/engine/held_writes.hpp"

#include <utility>

namespace newsflow::engine {

HeldWrites::Held& HeldWrites::next() {
  if (count_ == held_.size()) held_.emplace_back();
  return held_[count_++];
}

void HeldWrites::hold(Destination destination, RawRecord&& input, const ProcessedRecord& record) {
  Held& h = next();
  h.kind = Kind::write;
  h.destination = destination;
  h.input = std::move(input);
  h.record = record;
}

void HeldWrites::hold_dead_letter(RawRecord&& input, const ProcessedRecord& rejection) {
  Held& h = next();
  h.kind = Kind::dead_letter;
  h.input = std::move(input);
  h.record = rejection;
}

void HeldWrites::hold_passthrough(RawRecord&& input) {
  Held& h = next();
  h.kind = Kind::passthrough;
  h.input = std::move(input);
}

Status HeldWrites::write_to(RecordSink& sink) {
  Status s = Status::ok();
  for (size_t i = 0; i < count_ && s.is_ok(); ++i) {
    const Held& h = held_[i];
    switch (h.kind) {
      case Kind::write: s = sink.write(h.destination, h.input, h.record); break;
      case Kind::dead_letter: s = sink.write_dead_letter(h.input, h.record); break;
      case Kind::passthrough: s = sink.write_passthrough(h.input); break;
    }
  }
  count_ = 0;
  return s;
}

}  // namespace newsflow::engine

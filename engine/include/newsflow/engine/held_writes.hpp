#pragma once
// The writes of a batch processed while the previous batch's transaction
// commits on another thread (Committer::commit_can_overlap): the sink cannot
// take them before the next transaction begins, so they are kept here, in
// order, and written once it has.
#include <cstddef>
#include <vector>

#include "newsflow/core/record.hpp"
#include "newsflow/core/seams.hpp"
#include "newsflow/core/status.hpp"

namespace newsflow::engine {

class HeldWrites {
 public:
  // The input is moved in (the engine is done with it); the processed record
  // is copied, into the buffers an earlier held record left.
  void hold(Destination destination, RawRecord&& input, const ProcessedRecord& record);
  void hold_dead_letter(RawRecord&& input, const ProcessedRecord& rejection);
  void hold_passthrough(RawRecord&& input);

  size_t size() const { return count_; }
  // Writes what is held, in order, and forgets it; the first refusal stops it
  // (the batch then aborts, and what is left is dropped with it).
  Status write_to(RecordSink& sink);
  void clear() { count_ = 0; }

 private:
  enum class Kind { write, dead_letter, passthrough };
  struct Held {
    Kind kind = Kind::write;
    Destination destination = Destination::output;
    RawRecord input;
    ProcessedRecord record;
  };
  Held& next();
  std::vector<Held> held_;  // [0, count_) in use; the rest keeps its buffers
  size_t count_ = 0;
};

}  // namespace newsflow::engine

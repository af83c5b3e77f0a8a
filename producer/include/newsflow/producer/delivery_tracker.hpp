#pragma once
// Which records handed to a producer are stored, in the order they were
// written, so that a batch can be committed once every record written before
// its end is delivered while later batches are already being written
// (at-least-once commits overlapping the next batch's work). librdkafka
// reports deliveries per partition in order but across partitions in any
// order, so a count of outstanding records alone cannot say that.
//
// Not thread-safe: the producer's delivery callbacks run inside poll/flush on
// the thread that writes.
#include <algorithm>
#include <cstdint>
#include <deque>
#include <limits>

namespace newsflow::producer {

class DeliveryTracker {
 public:
  // The sequence number of the next record written; 1, 2, 3, ...
  uint64_t add() {
    pending_.push_back(false);
    return ++written_;
  }
  // The record just added was refused before it was queued.
  void remove_last() {
    pending_.pop_back();
    --written_;
  }
  // Everything written so far: a batch ends at this mark.
  uint64_t mark() const { return written_; }

  void delivered(uint64_t seq, bool failed) {
    if (seq < front_) return;  // already counted (cannot happen with librdkafka; harmless)
    pending_[seq - front_] = true;
    ++reported_;
    while (!pending_.empty() && pending_.front()) {
      pending_.pop_front();
      ++front_;
    }
    if (failed && seq > forgotten_through_) {
      first_failed_ = std::min(first_failed_, seq);
      ++failed_;
    }
  }

  // Every record written up to `mark` has a delivery report.
  bool settled_through(uint64_t mark) const { return front_ > mark; }
  // One of them failed (and was not forgotten).
  bool failed_through(uint64_t mark) const { return first_failed_ <= mark; }
  uint64_t failed_count() const { return failed_; }
  uint64_t outstanding() const { return written_ - reported_; }  // without a report yet

  // The engine gave up everything written so far (an aborted batch): their
  // failures, reported now or later, are no longer a later batch's errors.
  void forget() {
    forgotten_through_ = written_;
    first_failed_ = kNone;
    failed_ = 0;
  }

 private:
  static constexpr uint64_t kNone = std::numeric_limits<uint64_t>::max();
  uint64_t written_ = 0;
  uint64_t reported_ = 0;
  uint64_t front_ = 1;            // lowest sequence number without a report
  std::deque<bool> pending_;      // from front_: reported yet?
  uint64_t first_failed_ = kNone;
  uint64_t failed_ = 0;
  uint64_t forgotten_through_ = 0;
};

}  // namespace newsflow::producer

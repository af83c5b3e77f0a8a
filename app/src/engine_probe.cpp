#include "newsflow/app/engine_probe.hpp"

#include "newsflow/app/logging.hpp"
#include "newsflow/processors/dedup.hpp"

namespace newsflow::app {

void MetricsEngineProbe::heartbeat() {
  if (targets_.health) targets_.health->worker_progress(targets_.worker);
}

void MetricsEngineProbe::processed(const RawRecord& input, const Article& article, bool written) {
  metrics_.article_processed(article);
  if (written && input.origin) latency_.output(input.origin->timestamp_ms, article.published_at_ms);
}

void MetricsEngineProbe::dead_lettered(const RawRecord& input, const ProcessedRecord& rejection) {
  metrics_.dead_lettered(rejection.error_class);
  log_dead_letter(input, rejection);
}

void MetricsEngineProbe::committed(const std::array<uint64_t, 4>& written, size_t,
                                   std::chrono::duration<double> open_for) {
  metrics_.produced("output", written[static_cast<size_t>(Destination::output)]);
  metrics_.produced("duplicate", written[static_cast<size_t>(Destination::duplicate)]);
  metrics_.produced("dead_letter", written[static_cast<size_t>(Destination::dead_letter)]);
  metrics_.produced("changelog", written[static_cast<size_t>(Destination::changelog)]);
  metrics_.batch_committed();
  latency_.delivered();
  metrics_.batch_done(open_for.count());
  if (index_) metrics_.set_dedup_index_entries(processors::dedup_index_size(*index_));
}

void MetricsEngineProbe::aborted(engine::AbortCause cause, const Status&) {
  metrics_.batch_aborted();
  latency_.discard();
  if (cause == engine::AbortCause::delivery) metrics_.delivery_failed(1);
  if (cause == engine::AbortCause::commit) metrics_.commit_failed();
}

void MetricsEngineProbe::waiting(const Status&, std::chrono::milliseconds so_far) {
  metrics_.broker_waited(std::chrono::duration<double>(so_far - reported_wait_).count());
  reported_wait_ = so_far;
}

void MetricsEngineProbe::resumed(std::chrono::milliseconds outage) {
  metrics_.broker_waited(std::chrono::duration<double>(outage - reported_wait_).count());
  reported_wait_ = std::chrono::milliseconds(0);
}

}  // namespace newsflow::app

#include "newsflow/app/replay_progress.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>

namespace newsflow::app {
namespace {

std::string grouped(int64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

std::string progress_text(int64_t done, int64_t total, double seconds) {
  const double share = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
  // The first second's rate says more about start-up than about the replay.
  const double rate = seconds >= 1 ? done / seconds : 0;
  std::string eta = "--:--";
  if (rate > 0 && done < total) {
    const auto left = static_cast<int64_t>(std::ceil(static_cast<double>(total - done) / rate));
    eta = fmt::format("{}:{:02}", left / 60, left % 60);
  } else if (done >= total) {
    eta = "0:00";
  }
  return fmt::format("{:3.0f}%  {}/{} {}  {}/s  ETA {}", share * 100, grouped(done), grouped(total),
                     total == 1 ? "record" : "records", rate > 0 ? grouped(static_cast<int64_t>(rate)) : std::string("--"),
                     eta);
}

std::string progress_bar(int64_t done, int64_t total, int width) {
  const int filled = total > 0 ? static_cast<int>(std::min<int64_t>(width, done * width / total)) : width;
  return "[" + std::string(static_cast<size_t>(filled), '#') + std::string(static_cast<size_t>(width - filled), '.') +
         "]";
}

ReplayProgress::ReplayProgress(ProgressStyle style, Sample sample, engine::EngineProbe& inner, Metrics& metrics,
                               std::chrono::milliseconds log_every)
    : style_(style), sample_(std::move(sample)), inner_(inner), metrics_(metrics), log_every_(log_every) {
  if (style_ == ProgressStyle::automatic) style_ = ::isatty(STDERR_FILENO) ? ProgressStyle::bar : ProgressStyle::log;
}

void ReplayProgress::polled(size_t records) {
  inner_.polled(records);
  show(false);
}

void ReplayProgress::heartbeat() {
  inner_.heartbeat();
  show(false);
}

void ReplayProgress::waiting(const Status& why, std::chrono::milliseconds so_far) {
  inner_.waiting(why, so_far);
  show(false);
}

void ReplayProgress::committed(const std::array<uint64_t, 4>& written, size_t records,
                               std::chrono::duration<double> open_for) {
  inner_.committed(written, records, open_for);
  show(false);
}

void ReplayProgress::show(bool force) {
  const auto now = std::chrono::steady_clock::now();
  // Gauges and bars at most 10 times a second; log lines every log_every_.
  if (!force && now - last_sample_ < std::chrono::milliseconds(100)) return;
  last_sample_ = now;
  const auto parts = sample_();
  int64_t done = 0, total = 0;
  for (const auto& p : parts) {
    done += p.done;
    total += p.total;
  }
  metrics_.replay_progress(done, total);
  if (!force && style_ == ProgressStyle::log && now - last_ < log_every_) return;
  last_ = now;
  const double seconds = std::chrono::duration<double>(now - started_).count();
  switch (style_) {
    case ProgressStyle::none:
    case ProgressStyle::automatic:
      return;
    case ProgressStyle::log:
      spdlog::info("replay: {}", progress_text(done, total, seconds));
      return;
    case ProgressStyle::bar:
      std::fprintf(stderr, "\r\x1b[Kreplay %s %s", progress_bar(done, total, 30).c_str(),
                   progress_text(done, total, seconds).c_str());
      break;
    case ProgressStyle::partitions: {
      // Redraw the block in place: up to its first line, then every line.
      if (drawn_lines_ > 0) std::fprintf(stderr, "\r\x1b[%dA", drawn_lines_);
      for (const auto& p : parts)
        std::fprintf(stderr, "\r\x1b[Kpartition %-3d %s %s\n", p.partition, progress_bar(p.done, p.total, 20).c_str(),
                     progress_text(p.done, p.total, seconds).c_str());
      std::fprintf(stderr, "\r\x1b[Kall           %s %s\n", progress_bar(done, total, 20).c_str(),
                   progress_text(done, total, seconds).c_str());
      drawn_lines_ = static_cast<int>(parts.size()) + 1;
      break;
    }
  }
  std::fflush(stderr);
}

void ReplayProgress::finish() {
  show(true);
  if (style_ == ProgressStyle::bar) std::fputc('\n', stderr);
}

}  // namespace newsflow::app

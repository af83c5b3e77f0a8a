#include "newsflow/consumer/range_source.hpp"

#include <algorithm>
#include <cctype>

#include "newsflow/consumer/kafka_source.hpp"
#include "newsflow/core/time.hpp"

namespace newsflow::consumer {

RangeSource::RangeSource(std::map<std::string, std::string> properties, std::string topic, TopicRange range)
    : topic_(std::move(topic)), range_(std::move(range)) {
  properties["enable.auto.commit"] = "false";
  properties["enable.auto.offset.store"] = "false";
  properties["isolation.level"] = "read_committed";
  // The end of the log is how a partition whose range ends in transaction
  // markers is seen to be done.
  properties["enable.partition.eof"] = "true";
  // Records of the range deleted while it is read (retention, delete-records)
  // must stop the replay: the default reset to the end would skip them and
  // report the range done.
  properties["auto.offset.reset"] = "error";
  rk_ = kafka::make_handle(RD_KAFKA_CONSUMER, kafka::make_conf(properties, "kafka.consumer"), "replay consumer");
  rd_kafka_poll_set_consumer(rk_.get());
  queue_.reset(rd_kafka_queue_get_consumer(rk_.get()));
  kafka::PartitionList assignment(rd_kafka_topic_partition_list_new(static_cast<int>(range_.size())));
  for (const auto& [partition, r] : range_) {
    position_[partition] = r.start;
    if (r.start >= r.end) continue;
    rd_kafka_topic_partition_list_add(assignment.get(), topic_.c_str(), partition)->offset = r.start;
    ++remaining_;
  }
  // Manual assignment: the replay never joins a group, so no live member is
  // ever asked to give up a partition.
  if (auto err = rd_kafka_assign(rk_.get(), assignment.get()))
    throw ConfigError("replay: cannot assign partitions of '" + topic_ + "': " + rd_kafka_err2str(err));
}

RangeSource::~RangeSource() { close(); }

void RangeSource::close() {
  if (closed_ || !rk_) return;
  closed_ = true;
  rd_kafka_assign(rk_.get(), nullptr);
  rd_kafka_consumer_close(rk_.get());
}

Status RangeSource::poll(std::vector<RawRecord>& batch, size_t max, std::chrono::milliseconds wait) {
  if (remaining_ == 0) return Status::ok();
  if (auto failure = kafka::fatal_client_error()) return Status::fatal("cannot connect to Kafka: " + *failure);
  if (messages_.size() < max) messages_.resize(max);
  Status status = Status::ok();
  auto take = [&](size_t n, int timeout_ms) {
    const ssize_t got = rd_kafka_consume_batch_queue(queue_.get(), timeout_ms, messages_.data(), n);
    if (got < 0) {
      status = Status::fatal(std::string("consume failed: ") + rd_kafka_err2str(rd_kafka_last_error()));
      return ssize_t{0};
    }
    ssize_t kept = 0;
    for (ssize_t i = 0; i < got; ++i) {
      kafka::MessagePtr msg(messages_[static_cast<size_t>(i)]);
      auto it = range_.find(msg->partition);
      if (it == range_.end()) continue;
      int64_t& position = position_[msg->partition];
      const bool was_open = position < it->second.end;
      if (msg->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
        position = std::max(position, std::min(msg->offset, it->second.end));
      } else if (msg->err == RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET) {
        status = Status::fatal("partition " + std::to_string(msg->partition) + " of '" + topic_ + "': offset " +
                               std::to_string(position) +
                               " is no longer in the log (deleted by retention or delete-records while the replay "
                               "ran): " + rd_kafka_message_errstr(msg.get()));
        continue;
      } else if (msg->err) {
        if (msg->err == RD_KAFKA_RESP_ERR__FATAL)
          status = kafka::fatal_error(rk_.get(), "fatal consumer error").value_or(Status::fatal("fatal consumer error"));
        continue;
      } else if (msg->offset < it->second.end) {
        batch.push_back(to_raw_record(msg.get()));
        position = msg->offset + 1;
        ++kept;
      } else {
        position = it->second.end;
      }
      if (was_open && position >= it->second.end) {
        --remaining_;
        kafka::PartitionList done(rd_kafka_topic_partition_list_new(1));
        rd_kafka_topic_partition_list_add(done.get(), topic_.c_str(), msg->partition);
        rd_kafka_pause_partitions(rk_.get(), done.get());
      }
    }
    return kept;
  };
  if (take(max, 0) > 0 || !status.is_ok() || remaining_ == 0) return status;
  if (take(1, static_cast<int>(wait.count())) > 0 && status.is_ok() && max > 1 && remaining_ > 0) take(max - 1, 0);
  return status;
}

Status RangeSource::rewind() {
  kafka::PartitionList list(rd_kafka_topic_partition_list_new(static_cast<int>(range_.size())));
  for (const auto& [partition, r] : range_)
    if (r.start < r.end) rd_kafka_topic_partition_list_add(list.get(), topic_.c_str(), partition);
  if (auto err = rd_kafka_committed(rk_.get(), list.get(), 10000))
    return Status::retriable(std::string("rewind: committed offsets: ") + rd_kafka_err2str(err), err);
  remaining_ = 0;
  for (int i = 0; i < list->cnt; ++i) {
    auto& e = list->elems[i];
    const PartitionRange& r = range_[e.partition];
    e.offset = std::clamp<int64_t>(e.offset < 0 ? r.start : e.offset, r.start, r.end);
    position_[e.partition] = e.offset;
    if (e.offset < r.end) ++remaining_;
  }
  rd_kafka_resume_partitions(rk_.get(), list.get());
  kafka::ErrorPtr error(rd_kafka_seek_partitions(rk_.get(), list.get(), 10000));
  if (error) return Status::retriable(std::string("rewind: seek: ") + rd_kafka_error_string(error.get()));
  return Status::ok();
}

std::vector<RangeProgress> RangeSource::progress() const {
  std::vector<RangeProgress> out;
  for (const auto& [partition, r] : range_) {
    const int64_t position = position_.at(partition);
    out.push_back({partition, std::max<int64_t>(0, position - r.start), std::max<int64_t>(0, r.end - r.start)});
  }
  return out;
}

std::optional<int64_t> parse_lookback(std::string_view spec) {
  // ISO 8601 durations, negative: -P[nD][T[nH][nM][nS]]
  if (!spec.starts_with("-P") || spec.size() < 4) return std::nullopt;
  spec.remove_prefix(2);
  int64_t total = 0;
  bool in_time = false, any = false;
  while (!spec.empty()) {
    if (spec.front() == 'T') {
      if (in_time) return std::nullopt;
      in_time = true;
      spec.remove_prefix(1);
      continue;
    }
    size_t digits = 0;
    while (digits < spec.size() && std::isdigit(static_cast<unsigned char>(spec[digits]))) ++digits;
    if (digits == 0 || digits == spec.size() || digits > 9) return std::nullopt;
    const int64_t n = std::stoll(std::string(spec.substr(0, digits)));
    const char unit = spec[digits];
    int64_t ms = 0;
    if (!in_time && unit == 'D') ms = 86'400'000;
    else if (!in_time && unit == 'W') ms = 7 * 86'400'000LL;
    else if (in_time && unit == 'H') ms = 3'600'000;
    else if (in_time && unit == 'M') ms = 60'000;
    else if (in_time && unit == 'S') ms = 1'000;
    else return std::nullopt;
    total += n * ms;
    any = true;
    spec.remove_prefix(digits + 1);
  }
  return any ? std::optional<int64_t>(total) : std::nullopt;
}

namespace {

constexpr const char* kAcceptedForms =
    "accepted: beginning, end, an RFC 3339 time (2026-11-30T06:00:00Z, 2026-11-30T08:00:00+02:00, 2026-11-30), "
    "a duration back from now (-PT6H, -P2D, -P1DT12H) or partition:offset pairs (0:1200,1:880)";

// "2026-..." : meant as a date, so a parse failure says so instead of
// reporting it as a bad partition:offset pair.
bool looks_like_date(std::string_view spec) {
  if (spec.size() < 5 || spec[4] != '-') return false;
  return std::all_of(spec.begin(), spec.begin() + 4, [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

}  // namespace

ParsedBound parse_replay_bound(std::string_view spec, int64_t now, const char* name) {
  ParsedBound out;
  const std::string text(spec);
  auto fail = [&](const std::string& what) {
    out.error = std::string(name) + " '" + text + "' " + what + " (" + kAcceptedForms + ")";
    return out;
  };
  ReplayBound b;
  if (spec == "beginning") {
    b.kind = ReplayBound::Kind::beginning;
  } else if (spec == "end") {
    b.kind = ReplayBound::Kind::end;
  } else if (spec.starts_with("-")) {
    const auto back = parse_lookback(spec);
    if (!back) return fail("is not a valid duration back from now");
    b.kind = ReplayBound::Kind::time;
    b.time_ms = now - *back;
  } else if (looks_like_date(spec)) {
    const auto t = parse_rfc3339_ms(spec);
    if (!t) return fail("is not a valid RFC 3339 time");
    b.kind = ReplayBound::Kind::time;
    b.time_ms = *t;
  } else if (spec.find(':') != std::string_view::npos && std::isdigit(static_cast<unsigned char>(spec.front()))) {
    b.kind = ReplayBound::Kind::offsets;
    size_t pos = 0;
    while (pos < text.size()) {
      size_t comma = text.find(',', pos);
      if (comma == std::string::npos) comma = text.size();
      const std::string item = text.substr(pos, comma - pos);
      const size_t colon = item.find(':');
      try {
        if (colon == std::string::npos) throw std::invalid_argument(item);
        size_t used = 0;
        const int p = std::stoi(item.substr(0, colon), &used);
        if (used != colon) throw std::invalid_argument(item);
        const int64_t o = std::stoll(item.substr(colon + 1), &used);
        if (used != item.size() - colon - 1 || p < 0 || o < 0) throw std::invalid_argument(item);
        b.offsets[p] = o;
      } catch (const std::exception&) {
        return fail("is not a valid offsets form: '" + item + "' is not partition:offset");
      }
      pos = comma + 1;
    }
  } else {
    return fail("is not a replay bound");
  }
  out.bound = b;
  return out;
}

namespace {

// The timestamp of the first record a read_committed consumer sees at or
// after `offset`: what "the oldest retained record" of a partition means.
std::optional<int64_t> first_timestamp(rd_kafka_t* rk, const std::string& topic, int32_t partition, int64_t offset,
                                       int timeout_ms) {
  kafka::PartitionList list(rd_kafka_topic_partition_list_new(1));
  rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), partition)->offset = offset;
  if (rd_kafka_assign(rk, list.get())) return std::nullopt;
  std::optional<int64_t> ts;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (!ts && std::chrono::steady_clock::now() < deadline) {
    kafka::MessagePtr msg(rd_kafka_consumer_poll(rk, 200));
    if (!msg || msg->err || msg->partition != partition) continue;
    const int64_t t = rd_kafka_message_timestamp(msg.get(), nullptr);
    if (t >= 0) ts = t;
  }
  rd_kafka_assign(rk, nullptr);
  return ts;
}

}  // namespace

ResolvedRange resolve_range(rd_kafka_t* rk, const RangeRequest& request, int timeout_ms) {
  ResolvedRange out;
  const ParsedBound from_parsed = parse_replay_bound(request.from, request.now_ms, "--from");
  const ParsedBound to_parsed = parse_replay_bound(request.to, request.now_ms, "--to");
  if (!from_parsed.bound || !to_parsed.bound) {
    out.error = from_parsed.bound ? to_parsed.error : from_parsed.error;
    return out;
  }
  const ReplayBound* from = &*from_parsed.bound;
  const ReplayBound* to = &*to_parsed.bound;
  using Kind = ReplayBound::Kind;
  // Two times are compared as times: offsets_for_times would map a reversed
  // pair to an empty range and hide the mistake.
  if (from->kind == Kind::time && to->kind == Kind::time && from->time_ms > to->time_ms) {
    out.error = "the range is reversed: --from " + request.from + " (" + format_rfc3339_ms(from->time_ms) +
                ") is after --to " + request.to + " (" + format_rfc3339_ms(to->time_ms) + ")";
    return out;
  }

  const rd_kafka_metadata_t* md = nullptr;
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk, request.topic.c_str(), nullptr);
  const auto err = rd_kafka_metadata(rk, 0, rkt, &md, timeout_ms);
  rd_kafka_topic_destroy(rkt);
  if (err) {
    out.error = "topic '" + request.topic + "': cannot read metadata: " + rd_kafka_err2str(err);
    return out;
  }
  std::vector<int32_t> all;
  if (md->topic_cnt == 1 && md->topics[0].err == RD_KAFKA_RESP_ERR_NO_ERROR)
    for (int i = 0; i < md->topics[0].partition_cnt; ++i) all.push_back(md->topics[0].partitions[i].id);
  rd_kafka_metadata_destroy(md);
  if (all.empty()) {
    out.error = "topic '" + request.topic + "' does not exist";
    return out;
  }
  std::vector<int32_t> partitions = request.partitions;
  if (partitions.empty() && from->kind == Kind::offsets)
    for (const auto& [p, o] : from->offsets) partitions.push_back(p);
  if (partitions.empty()) partitions = all;
  std::sort(partitions.begin(), partitions.end());
  for (int32_t p : partitions)
    if (!std::binary_search(all.begin(), all.end(), p)) {
      out.error = "topic '" + request.topic + "' has no partition " + std::to_string(p) + " (it has " +
                  std::to_string(all.size()) + ")";
      return out;
    }

  std::map<int32_t, std::pair<int64_t, int64_t>> marks;  // low, high
  for (int32_t p : partitions) {
    int64_t lo = 0, hi = 0;
    if (auto e = rd_kafka_query_watermark_offsets(rk, request.topic.c_str(), p, &lo, &hi, timeout_ms)) {
      out.error = "partition " + std::to_string(p) + ": watermarks: " + rd_kafka_err2str(e);
      return out;
    }
    marks[p] = {lo, hi};
  }
  auto offsets_at = [&](int64_t time_ms, std::map<int32_t, int64_t>& result) -> bool {
    kafka::PartitionList list(rd_kafka_topic_partition_list_new(static_cast<int>(partitions.size())));
    for (int32_t p : partitions) rd_kafka_topic_partition_list_add(list.get(), request.topic.c_str(), p)->offset = time_ms;
    if (auto e = rd_kafka_offsets_for_times(rk, list.get(), timeout_ms)) {
      out.error = std::string("offsets_for_times: ") + rd_kafka_err2str(e);
      return false;
    }
    for (int i = 0; i < list->cnt; ++i) {
      const auto& el = list->elems[i];
      // -1: no record at or after the time, so the bound is the end of the log.
      result[el.partition] = el.offset < 0 ? marks[el.partition].second : el.offset;
    }
    return true;
  };
  auto resolve = [&](const ReplayBound& b, const char* name, std::map<int32_t, int64_t>& result) -> bool {
    switch (b.kind) {
      case Kind::beginning:
        for (int32_t p : partitions) result[p] = marks[p].first;
        return true;
      case Kind::end:
        for (int32_t p : partitions) result[p] = marks[p].second;
        return true;
      case Kind::time:
        return offsets_at(b.time_ms, result);
      case Kind::offsets:
        for (int32_t p : partitions) {
          auto it = b.offsets.find(p);
          if (it == b.offsets.end()) {
            out.error = std::string(name) + " names no offset for partition " + std::to_string(p);
            return false;
          }
          if (it->second < marks[p].first || it->second > marks[p].second) {
            out.error = std::string(name) + " offset " + std::to_string(it->second) + " of partition " +
                        std::to_string(p) + " is outside the retained log [" + std::to_string(marks[p].first) +
                        ", " + std::to_string(marks[p].second) + ")";
            return false;
          }
          result[p] = it->second;
        }
        return true;
    }
    return false;
  };
  std::map<int32_t, int64_t> starts, ends;
  if (!resolve(*from, "--from", starts) || !resolve(*to, "--to", ends)) return out;
  // A start time older than what a partition keeps, where records were
  // removed (log start > 0), asks for records that are gone: refused, not
  // clamped, so a backfill never silently misses the deleted part.
  if (from->kind == Kind::time) {
    size_t wholly_before = 0;
    std::string first;  // the first partition that lost records of the range
    int64_t first_oldest = 0;
    for (int32_t p : partitions) {
      const auto [lo, hi] = marks[p];
      if (lo == 0 || lo >= hi || starts[p] != lo) continue;
      const auto oldest = first_timestamp(rk, request.topic, p, lo, timeout_ms);
      if (!oldest || *oldest <= from->time_ms) continue;
      if (to->kind == Kind::time && to->time_ms <= *oldest) ++wholly_before;
      if (!first.empty()) continue;
      first = "partition " + std::to_string(p) + "'s retained log starts at offset " + std::to_string(lo) +
              ", whose record is from " + format_rfc3339_ms(*oldest);
      first_oldest = *oldest;
    }
    if (wholly_before == partitions.size()) {
      out.error = "the range --from " + request.from + " --to " + request.to +
                  " is wholly before the retained log of '" + request.topic + "': " + first +
                  "; its records were deleted (retention or delete-records)";
      return out;
    }
    if (!first.empty()) {
      out.error = "--from " + request.from + " (" + format_rfc3339_ms(from->time_ms) +
                  ") is before the retained log: " + first +
                  "; the records before it were deleted (retention or delete-records). Use --from beginning for "
                  "what is kept, or --from " + format_rfc3339_ms(first_oldest) + " or later";
      return out;
    }
  }
  int64_t total = 0;
  for (int32_t p : partitions) {
    if (starts[p] > ends[p]) {
      out.error = "the range is reversed on partition " + std::to_string(p) + ": --from resolves to offset " +
                  std::to_string(starts[p]) + ", --to to " + std::to_string(ends[p]);
      return out;
    }
    out.range[p] = {starts[p], ends[p]};
    total += ends[p] - starts[p];
  }
  if (total == 0) {
    out.error = "the range holds no records (--from " + request.from + " --to " + request.to + " on '" +
                request.topic + "')";
    out.range.clear();
  }
  return out;
}

}  // namespace newsflow::consumer

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

struct Bound {
  enum class Kind { beginning, end, time, offsets } kind = Kind::end;
  int64_t time_ms = 0;
  std::map<int32_t, int64_t> offsets;
};

std::optional<Bound> parse_bound(std::string_view spec, int64_t now, std::string& error, const char* name) {
  Bound b;
  if (spec == "beginning") {
    b.kind = Bound::Kind::beginning;
  } else if (spec == "end") {
    b.kind = Bound::Kind::end;
  } else if (auto back = parse_lookback(spec)) {
    b.kind = Bound::Kind::time;
    b.time_ms = now - *back;
  } else if (auto t = parse_rfc3339_ms(spec)) {
    b.kind = Bound::Kind::time;
    b.time_ms = *t;
  } else if (spec.find(':') != std::string_view::npos && std::isdigit(static_cast<unsigned char>(spec.front()))) {
    b.kind = Bound::Kind::offsets;
    size_t pos = 0;
    const std::string s(spec);
    while (pos < s.size()) {
      size_t comma = s.find(',', pos);
      if (comma == std::string::npos) comma = s.size();
      const std::string item = s.substr(pos, comma - pos);
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
        error = std::string(name) + " '" + s + "': '" + item + "' is not partition:offset";
        return std::nullopt;
      }
      pos = comma + 1;
    }
  } else {
    error = std::string(name) + " '" + std::string(spec) +
            "': expected beginning, end, an RFC 3339 time (2026-11-30T06:00:00Z), a duration back from now "
            "(-PT6H, -P2D) or partition:offset pairs (0:1200,1:880)";
    return std::nullopt;
  }
  return b;
}

}  // namespace

ResolvedRange resolve_range(rd_kafka_t* rk, const RangeRequest& request, int timeout_ms) {
  ResolvedRange out;
  const auto from = parse_bound(request.from, request.now_ms, out.error, "--from");
  if (!from) return out;
  const auto to = parse_bound(request.to, request.now_ms, out.error, "--to");
  if (!to) return out;

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
  if (partitions.empty() && from->kind == Bound::Kind::offsets)
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
  auto resolve = [&](const Bound& b, const char* name, std::map<int32_t, int64_t>& result) -> bool {
    switch (b.kind) {
      case Bound::Kind::beginning:
        for (int32_t p : partitions) result[p] = marks[p].first;
        return true;
      case Bound::Kind::end:
        for (int32_t p : partitions) result[p] = marks[p].second;
        return true;
      case Bound::Kind::time:
        return offsets_at(b.time_ms, result);
      case Bound::Kind::offsets:
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

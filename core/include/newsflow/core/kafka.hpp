#pragma once
// RAII for librdkafka handles and the one way to build a client config.
// Header-only so core itself does not link librdkafka; consumer, producer
// and app (which do) include it.
#include <librdkafka/rdkafka.h>

#include <atomic>
#include <cstring>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <string>

#include "newsflow/core/errors.hpp"
#include "newsflow/core/status.hpp"

namespace newsflow::kafka {

struct HandleDeleter {
  void operator()(rd_kafka_t* rk) const { rd_kafka_destroy(rk); }
};
struct ConfDeleter {
  void operator()(rd_kafka_conf_t* c) const { rd_kafka_conf_destroy(c); }
};
struct PartitionListDeleter {
  void operator()(rd_kafka_topic_partition_list_t* l) const { rd_kafka_topic_partition_list_destroy(l); }
};
struct QueueDeleter {
  void operator()(rd_kafka_queue_t* q) const { rd_kafka_queue_destroy(q); }
};
struct HeadersDeleter {
  void operator()(rd_kafka_headers_t* h) const { rd_kafka_headers_destroy(h); }
};
struct ErrorDeleter {
  void operator()(rd_kafka_error_t* e) const { rd_kafka_error_destroy(e); }
};
struct MessageDeleter {
  void operator()(rd_kafka_message_t* m) const { rd_kafka_message_destroy(m); }
};

using Handle = std::unique_ptr<rd_kafka_t, HandleDeleter>;
using Conf = std::unique_ptr<rd_kafka_conf_t, ConfDeleter>;
using PartitionList = std::unique_ptr<rd_kafka_topic_partition_list_t, PartitionListDeleter>;
using Queue = std::unique_ptr<rd_kafka_queue_t, QueueDeleter>;
using HeadersPtr = std::unique_ptr<rd_kafka_headers_t, HeadersDeleter>;
using ErrorPtr = std::unique_ptr<rd_kafka_error_t, ErrorDeleter>;
using MessagePtr = std::unique_ptr<rd_kafka_message_t, MessageDeleter>;

using LogCallback = void (*)(const rd_kafka_t* rk, int level, const char* facility, const char* message);
inline LogCallback& log_callback() {
  static LogCallback cb = nullptr;
  return cb;
}
// Every client made after this logs through cb instead of librdkafka's own
// stderr lines (the app installs its logger here, so JSON logs stay JSON).
inline void set_log_callback(LogCallback cb) { log_callback() = cb; }

// librdkafka retries a failed SASL authentication or TLS handshake for ever
// and only tells error_cb, so a wrong password or an untrusted broker
// certificate would look like a stage that never becomes ready. Every client
// built by make_conf records the first such error here; start-up and the run
// loop ask fatal_client_error() and stop with it.
namespace detail {
struct ClientFailure {
  std::atomic<bool> set{false};
  std::mutex mutex;
  std::string message;
};
inline ClientFailure& client_failure() {
  static ClientFailure state;
  return state;
}
}  // namespace detail

inline bool is_fatal_client_error(rd_kafka_resp_err_t err) {
  return err == RD_KAFKA_RESP_ERR__AUTHENTICATION || err == RD_KAFKA_RESP_ERR__SSL ||
         err == RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED || err == RD_KAFKA_RESP_ERR_ILLEGAL_SASL_STATE ||
         err == RD_KAFKA_RESP_ERR_UNSUPPORTED_SASL_MECHANISM;
}

// The first authentication/TLS failure any client saw, e.g. "SASL
// authentication error: ... invalid credentials ...". librdkafka's reasons
// never contain the password.
inline std::optional<std::string> fatal_client_error() {
  auto& f = detail::client_failure();
  if (!f.set.load(std::memory_order_acquire)) return std::nullopt;
  std::lock_guard lock(f.mutex);
  return f.message;
}

inline void error_cb(rd_kafka_t* rk, int code, const char* reason, void*) {
  const auto err = static_cast<rd_kafka_resp_err_t>(code);
  if (is_fatal_client_error(err)) {
    auto& f = detail::client_failure();
    std::lock_guard lock(f.mutex);
    if (!f.set.load(std::memory_order_relaxed)) {
      f.message = std::string(rd_kafka_err2name(err)) + ": " + reason;
      // The right password is refused too when librdkafka is too old for the
      // broker's SCRAM (librdkafka#4895): say so, or operators hunt for a typo.
      if (std::strstr(reason, "SCRAM") != nullptr && rd_kafka_version() < 0x020601ff)
        f.message += std::string("; if the broker is Kafka 4.0 or later: librdkafka ") + rd_kafka_version_str() +
                     " cannot SCRAM-authenticate to it even with the right password (fixed in 2.6.1, "
                     "docs/security.md)";
      f.set.store(true, std::memory_order_release);
    }
    return;  // the stage reports it once, as the reason it stops
  }
  if (auto log = log_callback()) {
    // Connection failures are already logged by librdkafka (facility FAIL);
    // the rest (all brokers down, ...) go through the same logger, so JSON
    // logs stay JSON.
    if (err != RD_KAFKA_RESP_ERR__TRANSPORT)
      log(rk, 3, "ERROR", (std::string(rd_kafka_err2name(err)) + ": " + reason).c_str());
    return;
  }
  // What librdkafka prints for errors when no error_cb is set.
  std::fprintf(stderr, "%%3|%s|ERROR| %s: %s\n", rd_kafka_name(rk), rd_kafka_err2name(err), reason);
}

// Applies properties in order; a bad property is a start-up error naming it.
inline Conf make_conf(const std::map<std::string, std::string>& properties, const std::string& what) {
  Conf conf(rd_kafka_conf_new());
  if (log_callback()) rd_kafka_conf_set_log_cb(conf.get(), log_callback());
  rd_kafka_conf_set_error_cb(conf.get(), &error_cb);
  char err[512];
  for (const auto& [key, value] : properties) {
    if (rd_kafka_conf_set(conf.get(), key.c_str(), value.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK)
      throw ConfigError(what + " property '" + key + "': " + err);
  }
  return conf;
}

// Creates the client; takes ownership of conf only on success (librdkafka's rule).
inline Handle make_handle(rd_kafka_type_t type, Conf conf, const std::string& what) {
  char err[512];
  rd_kafka_t* rk = rd_kafka_new(type, conf.get(), err, sizeof err);
  if (!rk) throw ConfigError(what + ": " + err);
  conf.release();
  return Handle(rk);
}

// Keeps librdkafka's own classification of a transactional-API error. An
// error with none of the three flags is treated as fatal (librdkafka's
// examples/transactions.c does the same).
inline Status to_status(rd_kafka_error_t* error, std::string_view what) {
  if (!error) return Status::ok();
  ErrorPtr owned(error);
  std::string message = std::string(what) + ": " + rd_kafka_error_string(error);
  const int code = rd_kafka_error_code(error);
  if (rd_kafka_error_is_fatal(error)) return Status::fatal(std::move(message), code);
  if (rd_kafka_error_txn_requires_abort(error)) return Status::abortable(std::move(message), code);
  if (rd_kafka_error_is_retriable(error)) return Status::retriable(std::move(message), code);
  return Status::fatal(std::move(message), code);
}

// The client's fatal error, if it has one (idempotent or transactional producer).
inline std::optional<Status> fatal_error(rd_kafka_t* rk, std::string_view what) {
  char reason[512];
  const rd_kafka_resp_err_t err = rd_kafka_fatal_error(rk, reason, sizeof reason);
  if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return std::nullopt;
  return Status::fatal(std::string(what) + ": " + reason, err);
}

}  // namespace newsflow::kafka

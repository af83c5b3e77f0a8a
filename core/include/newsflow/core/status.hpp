#pragma once
// The outcome of an operation on a source, sink or committer. Errors keep the
// class librdkafka gives them, because that class decides what the run loop
// does next, never the message text:
//   retriable  the same call may succeed if made again (a timeout, a broker
//              that is restarting);
//   abortable  the open batch (transaction) cannot commit: abort it, rewind
//              the source to its committed positions and process it again;
//   fatal      this worker cannot go on (fenced by a newer instance, denied by
//              an ACL, a misconfiguration): stop and exit non-zero.
#include <string>
#include <string_view>
#include <utility>

namespace newsflow {

enum class ErrorClass { retriable, abortable, fatal };

std::string_view to_string(ErrorClass c);

class [[nodiscard]] Status {
 public:
  static Status ok() { return Status(); }
  static Status retriable(std::string message, int code = 0) { return {ErrorClass::retriable, std::move(message), code}; }
  static Status abortable(std::string message, int code = 0) { return {ErrorClass::abortable, std::move(message), code}; }
  static Status fatal(std::string message, int code = 0) { return {ErrorClass::fatal, std::move(message), code}; }

  bool is_ok() const { return !failed_; }
  bool is_retriable() const { return failed_ && class_ == ErrorClass::retriable; }
  bool requires_abort() const { return failed_ && class_ == ErrorClass::abortable; }
  bool is_fatal() const { return failed_ && class_ == ErrorClass::fatal; }
  ErrorClass error_class() const { return class_; }
  const std::string& message() const { return message_; }
  int code() const { return code_; }  // librdkafka's rd_kafka_resp_err_t, 0 when not from librdkafka

 private:
  Status() = default;
  Status(ErrorClass c, std::string message, int code) : failed_(true), class_(c), message_(std::move(message)), code_(code) {}
  bool failed_ = false;
  ErrorClass class_ = ErrorClass::fatal;
  std::string message_;
  int code_ = 0;
};

}  // namespace newsflow

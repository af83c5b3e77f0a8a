#pragma once
// Typed per-record failures. The per-record path returns these instead of
// throwing; the class string is what the dead-letter header carries.
#include <stdexcept>
#include <string>
#include <string_view>

namespace newsflow {

enum class RecordError {
  not_json,
  not_object,
  invalid_utf8,
  missing_field,
  empty_body,
  body_too_large,
  wrong_type,
  bad_value,
  too_deep,
  processor_failure,
};

std::string_view to_string(RecordError e);

struct Rejection {
  RecordError error = RecordError::processor_failure;
  std::string message;
};

// Start-up and configuration problems: thrown, never on the per-record path.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace newsflow

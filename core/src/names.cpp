#include "newsflow/core/article.hpp"
#include "newsflow/core/errors.hpp"
#include "newsflow/core/seams.hpp"
#include "newsflow/core/status.hpp"
#include "newsflow/core/version.hpp"

namespace newsflow {

std::string_view version() { return NEWSFLOW_VERSION; }

std::string_view to_string(Destination d) {
  switch (d) {
    case Destination::output: return "output";
    case Destination::dead_letter: return "dead_letter";
    case Destination::duplicate: return "duplicate";
    case Destination::changelog: return "changelog";
  }
  return "output";
}

std::string_view to_string(ErrorClass c) {
  switch (c) {
    case ErrorClass::retriable: return "retriable";
    case ErrorClass::abortable: return "abortable";
    case ErrorClass::fatal: return "fatal";
  }
  return "fatal";
}

std::string_view to_string(DedupResult::Status s) {
  switch (s) {
    case DedupResult::Status::unique: return "unique";
    case DedupResult::Status::duplicate: return "duplicate";
    case DedupResult::Status::near_duplicate: return "near_duplicate";
  }
  return "unique";
}

std::string_view to_string(Entity::Type t) {
  switch (t) {
    case Entity::Type::person: return "person";
    case Entity::Type::organization: return "organization";
    case Entity::Type::place: return "place";
    case Entity::Type::other: return "other";
  }
  return "other";
}

std::string_view to_string(Quote::Kind k) {
  switch (k) {
    case Quote::Kind::direct: return "direct";
    case Quote::Kind::partial: return "partial";
    case Quote::Kind::scare: return "scare";
    case Quote::Kind::indirect: return "indirect";
  }
  return "direct";
}

std::string_view to_string(Quote::SpeakerKind k) {
  switch (k) {
    case Quote::SpeakerKind::none: return "none";
    case Quote::SpeakerKind::person: return "person";
    case Quote::SpeakerKind::organization: return "organization";
    case Quote::SpeakerKind::role: return "role";
  }
  return "none";
}

std::string_view to_string(RecordError e) {
  switch (e) {
    case RecordError::not_json: return "not_json";
    case RecordError::not_object: return "not_object";
    case RecordError::invalid_utf8: return "invalid_utf8";
    case RecordError::missing_field: return "missing_field";
    case RecordError::empty_body: return "empty_body";
    case RecordError::body_too_large: return "body_too_large";
    case RecordError::wrong_type: return "wrong_type";
    case RecordError::bad_value: return "bad_value";
    case RecordError::too_deep: return "too_deep";
    case RecordError::processor_failure: return "processor_failure";
  }
  return "processor_failure";
}

}  // namespace newsflow

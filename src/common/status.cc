#include "common/status.h"

namespace kefu {

std::string Status::ToString() const {
  if (ok()) return "OK";
  return reason_ + ": " + message_;
}

Status InvalidArgument(std::string reason, std::string message) {
  return Status(StatusCode::kInvalidArgument, std::move(reason), std::move(message));
}
Status Unauthenticated(std::string message) {
  return Status(StatusCode::kUnauthenticated, "unauthenticated", std::move(message));
}
Status PermissionDenied(std::string message) {
  return Status(StatusCode::kPermissionDenied, "forbidden", std::move(message));
}
Status NotFound(std::string message) {
  return Status(StatusCode::kNotFound, "not_found", std::move(message));
}
Status FailedPrecondition(std::string reason, std::string message) {
  return Status(StatusCode::kFailedPrecondition, std::move(reason), std::move(message));
}
Status Aborted(std::string reason, std::string message) {
  return Status(StatusCode::kAborted, std::move(reason), std::move(message));
}
Status AlreadyExists(std::string reason, std::string message) {
  return Status(StatusCode::kAlreadyExists, std::move(reason), std::move(message));
}
Status TooLarge(std::string message) {
  return Status(StatusCode::kTooLarge, "body_too_large", std::move(message));
}
Status ValidationError(std::string message) {
  return Status(StatusCode::kValidation, "validation_failed", std::move(message));
}
Status Unavailable(std::string message) {
  return Status(StatusCode::kUnavailable, "unavailable", std::move(message));
}
Status Internal(std::string message) {
  return Status(StatusCode::kInternal, "internal", std::move(message));
}

std::string Echo(std::string_view value, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < value.size(); ++i) {
    // A code point starts at every byte that is not a continuation byte.
    if ((static_cast<unsigned char>(value[i]) & 0xC0) != 0x80 && chars++ == max_chars) {
      return std::string(value.substr(0, i)) + "…";
    }
  }
  return std::string(value);
}

}  // namespace kefu

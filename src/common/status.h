// Status and StatusOr: how errors cross module boundaries in Kefu.
//
// A Status carries a canonical code (which the API maps to an HTTP status in
// one place, api/errors.cc), a stable machine-readable reason such as
// "illegal_transition" that clients may branch on, and a human message.
// No exception crosses a public header; adapters convert library exceptions
// into a Status.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace kefu {

enum class StatusCode {
  kOk,
  kInvalidArgument,     // malformed input (bad JSON, bad UTF-8)       -> 400
  kUnauthenticated,     // no or bad credentials                        -> 401
  kPermissionDenied,    // authenticated but not allowed                -> 403
  kNotFound,            // absent, or not visible to the caller         -> 404
  kFailedPrecondition,  // wrong state for this action                  -> 409
  kAborted,             // stale version / concurrent change            -> 409
  kAlreadyExists,       // unique key taken                             -> 409
  kTooLarge,            // body or batch over a limit                   -> 413
  kValidation,          // well-formed but fails validation             -> 422
  kResourceExhausted,   // a rate or quota limit (streams, sign-ins)    -> 429
  kUnavailable,         // storage busy or down                         -> 503
  kInternal,            // a bug or an unexpected library failure       -> 500
};

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string reason, std::string message)
      : code_(code), reason_(std::move(reason)), message_(std::move(message)) {}

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  // Stable snake_case code for clients, e.g. "illegal_transition".
  const std::string& reason() const { return reason_; }
  const std::string& message() const { return message_; }
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string reason_;
  std::string message_;
};

inline Status OkStatus() { return Status(); }
Status InvalidArgument(std::string reason, std::string message);
Status Unauthenticated(std::string message);
Status PermissionDenied(std::string message);
Status NotFound(std::string message);
Status FailedPrecondition(std::string reason, std::string message);
Status Aborted(std::string reason, std::string message);
Status AlreadyExists(std::string reason, std::string message);
Status TooLarge(std::string message);
Status ValidationError(std::string message);
Status Unavailable(std::string message);
Status Internal(std::string message);

// `value` as an error message may repeat it: its first `max_chars` code
// points, then "…" when there were more, so that a 1 MiB field name is not
// sent back whole. Never splits a UTF-8 sequence.
constexpr size_t kMaxEchoChars = 64;
std::string Echo(std::string_view value, size_t max_chars = kMaxEchoChars);

// Either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  StatusOr(Status status) : v_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(v_).ok() && "StatusOr built from an OK status");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  Status status() const { return ok() ? OkStatus() : std::get<Status>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T& value() & { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace kefu

#define KEFU_CONCAT_INNER_(a, b) a##b
#define KEFU_CONCAT_(a, b) KEFU_CONCAT_INNER_(a, b)

#define KEFU_RETURN_IF_ERROR(expr)         \
  do {                                     \
    ::kefu::Status kefu_status_ = (expr);  \
    if (!kefu_status_.ok()) return kefu_status_; \
  } while (0)

#define KEFU_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                \
  if (!tmp.ok()) return tmp.status();               \
  lhs = std::move(tmp).value()

#define KEFU_ASSIGN_OR_RETURN(lhs, expr) \
  KEFU_ASSIGN_OR_RETURN_IMPL_(KEFU_CONCAT_(kefu_sor_, __LINE__), lhs, expr)

#include "api/errors.h"

namespace kefu::api {

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return 200;
    case StatusCode::kInvalidArgument: return 400;
    case StatusCode::kUnauthenticated: return 401;
    case StatusCode::kPermissionDenied: return 403;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kFailedPrecondition: return 409;
    case StatusCode::kAborted: return 409;
    case StatusCode::kAlreadyExists: return 409;
    case StatusCode::kTooLarge: return 413;
    case StatusCode::kValidation: return 422;
    case StatusCode::kResourceExhausted: return 429;
    case StatusCode::kUnavailable: return 503;
    case StatusCode::kInternal: return 500;
  }
  return 500;
}

nlohmann::ordered_json ErrorBody(const Status& s) {
  // Values a message repeats are abbreviated where they are quoted (Echo);
  // this bounds whatever a message builds from longer input all the same.
  return {{"error", {{"code", s.reason()}, {"message", Echo(s.message(), kMaxErrorMessageChars)}}}};
}

}  // namespace kefu::api

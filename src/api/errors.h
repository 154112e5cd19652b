// The one place where Status codes become HTTP status codes, and the error
// body every endpoint uses: {"error": {"code": "...", "message": "..."}}.
#pragma once

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace kefu::api {

// Error messages are cut to this many code points (and "…").
constexpr size_t kMaxErrorMessageChars = 512;

int HttpStatusFor(StatusCode code);
nlohmann::ordered_json ErrorBody(const Status& s);

}  // namespace kefu::api

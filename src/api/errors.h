// The one place where Status codes become HTTP status codes, and the error
// body every endpoint uses: {"error": {"code": "...", "message": "..."}}.
#pragma once

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace kefu::api {

int HttpStatusFor(StatusCode code);
nlohmann::ordered_json ErrorBody(const Status& s);

}  // namespace kefu::api

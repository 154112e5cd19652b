// GET /api/v1/stream: server-sent events from the LiveFeed (docs/api.md
// §11.2). It answers outside the Router's pipeline because the response
// never ends: a chunked text/event-stream, one chunk per event.
#pragma once

#include "api/http.h"
#include "api/routes.h"

namespace kefu::api {

void AddStreamRoute(ExpressRouter& router, Services& s);

}  // namespace kefu::api

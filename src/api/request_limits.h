// Limits on a request's head (target and header fields), checked before
// routing so that no route, regex or handler ever sees an oversized head.
//
// Two layers (docs/security.md):
//  - the pipeline's limits below: a head over them is answered with a JSON
//    error (414 uri_too_long, 431 headers_too_large) on a connection that
//    stays usable;
//  - RESTinio's hard limits (HardLimits()), well above them: the parser stops
//    there and the connection is closed after a best-effort JSON error
//    (api/transport.h), because the rest of such a request is never read.
#pragma once

#include <cstddef>
#include <optional>

#include <restinio/all.hpp>

#include "common/status.h"

namespace kefu::api {

struct HeadLimits {
  size_t max_target_bytes = 8 * 1024;   // path and query; more -> 414
  size_t max_field_bytes = 8 * 1024;    // one header's name + value; more -> 431
  size_t max_head_bytes = 32 * 1024;    // all headers' names + values; more -> 431
  size_t max_fields = 100;              // header fields; more -> 431
};

// The refusal of a head over `limits`, with the HTTP status it is sent with
// (414 or 431); nullopt when the head is within them.
struct HeadRefusal {
  int http_status;
  Status status;
};
std::optional<HeadRefusal> CheckHead(const restinio::http_request_header_t& head,
                                     const HeadLimits& limits);

// RESTinio's own limits for `limits`: each several times the pipeline's, so
// that the common oversized request still reaches CheckHead and gets a proper
// answer; the body limit is `max_body_bytes`.
restinio::incoming_http_msg_limits_t HardLimits(const HeadLimits& limits, size_t max_body_bytes);

}  // namespace kefu::api

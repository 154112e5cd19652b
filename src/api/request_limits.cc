#include "api/request_limits.h"

#include <string>

namespace kefu::api {

std::optional<HeadRefusal> CheckHead(const restinio::http_request_header_t& head,
                                     const HeadLimits& limits) {
  if (head.request_target().size() > limits.max_target_bytes) {
    return HeadRefusal{414, InvalidArgument("uri_too_long",
                                            "the request target is longer than " +
                                                std::to_string(limits.max_target_bytes) + " bytes")};
  }
  size_t fields = 0, total = 0, longest = 0;
  head.for_each_field([&](const restinio::http_header_field_t& f) {
    size_t n = f.name().size() + f.value().size();
    ++fields;
    total += n;
    if (n > longest) longest = n;
  });
  std::string what;
  if (fields > limits.max_fields) {
    what = "more than " + std::to_string(limits.max_fields) + " header fields";
  } else if (longest > limits.max_field_bytes) {
    what = "a header field longer than " + std::to_string(limits.max_field_bytes) + " bytes";
  } else if (total > limits.max_head_bytes) {
    what = "headers longer than " + std::to_string(limits.max_head_bytes) + " bytes in all";
  }
  if (what.empty()) return std::nullopt;
  return HeadRefusal{431, InvalidArgument("headers_too_large", "the request has " + what)};
}

restinio::incoming_http_msg_limits_t HardLimits(const HeadLimits& limits, size_t max_body_bytes) {
  return restinio::incoming_http_msg_limits_t{}
      .max_url_size(limits.max_target_bytes * 8)
      .max_field_name_size(limits.max_field_bytes * 8)
      .max_field_value_size(limits.max_field_bytes * 8)
      .max_field_count(limits.max_fields * 10)
      .max_body_size(max_body_bytes);
}

}  // namespace kefu::api

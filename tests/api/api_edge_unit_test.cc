// The HTTP edge's pure parts: head limits, the answers to parser errors, the
// abbreviation of echoed values and the webhook signature's form.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api/errors.h"
#include "api/request_limits.h"
#include "api/transport.h"
#include "auth/hmac.h"
#include "common/status.h"

namespace kefu::api {
namespace {

restinio::http_request_header_t Head(std::string target, int fields, size_t value_bytes) {
  restinio::http_request_header_t h{restinio::http_method_get(), std::move(target)};
  for (int i = 0; i < fields; ++i) h.add_field("X-F" + std::to_string(i), std::string(value_bytes, 'v'));
  return h;
}

// To see it fail: make CheckHead return std::nullopt at its top.
TEST(HeadLimitsTest, RefusesTargetsAndHeadersOverTheLimits) {
  HeadLimits l;  // 8 KiB target, 8 KiB field, 32 KiB head, 100 fields
  EXPECT_FALSE(CheckHead(Head("/" + std::string(8191, 'a'), 0, 0), l));
  auto target = CheckHead(Head("/" + std::string(8192, 'a'), 0, 0), l);
  ASSERT_TRUE(target);
  EXPECT_EQ(target->http_status, 414);
  EXPECT_EQ(target->status.reason(), "uri_too_long");

  EXPECT_FALSE(CheckHead(Head("/", 100, 10), l));
  auto many = CheckHead(Head("/", 101, 10), l);
  ASSERT_TRUE(many);
  EXPECT_EQ(many->http_status, 431);
  EXPECT_EQ(many->status.reason(), "headers_too_large");

  // "X-F0" is 4 bytes + value: 8,192 in all passes, 8,193 does not.
  EXPECT_FALSE(CheckHead(Head("/", 1, 8192 - 4), l));
  auto longest = CheckHead(Head("/", 1, 8192 - 3), l);
  ASSERT_TRUE(longest);
  EXPECT_EQ(longest->http_status, 431);

  // Five fields of 7 KiB: each within, 35 KiB in all over 32 KiB.
  auto total = CheckHead(Head("/", 5, 7 * 1024), l);
  ASSERT_TRUE(total);
  EXPECT_EQ(total->http_status, 431);
  EXPECT_FALSE(CheckHead(Head("/", 4, 7 * 1024), l));
}

TEST(HeadLimitsTest, HardLimitsLeaveRoomAboveThePipelines) {
  HeadLimits l;
  auto hard = HardLimits(l, 16u << 20);
  EXPECT_GT(hard.max_url_size(), l.max_target_bytes);
  EXPECT_GT(hard.max_field_value_size(), l.max_field_bytes);
  EXPECT_GT(hard.max_field_count(), l.max_fields);
  EXPECT_EQ(hard.max_body_size(), 16u << 20);
}

TEST(ParserErrorReplyTest, EachParserErrorHasItsStatusAndCode) {
  struct Case {
    const char* name;
    int status;
    const char* code;
  };
  for (const Case& c : std::vector<Case>{
           {"HPE_CB_url", 414, "uri_too_long"},
           {"HPE_CB_header_field", 431, "headers_too_large"},
           {"HPE_CB_header_value", 431, "headers_too_large"},
           {"HPE_HEADER_OVERFLOW", 431, "headers_too_large"},
           {"HPE_CB_headers_complete", 413, "body_too_large"},
           {"HPE_CB_body", 413, "body_too_large"},
           {"HPE_UNEXPECTED_CONTENT_LENGTH", 400, "bad_content_length"},
           {"HPE_INVALID_CONTENT_LENGTH", 400, "bad_content_length"},
           {"HPE_INVALID_CHUNK_SIZE", 400, "bad_chunk"},
           {"HPE_INVALID_METHOD", 400, "bad_request"},
           {"HPE_SOMETHING_NEW", 400, "bad_request"},
       }) {
    SCOPED_TRACE(c.name);
    ParseErrorReply r = ReplyForParserError(c.name);
    EXPECT_EQ(r.http_status, c.status);
    EXPECT_EQ(r.code, c.code);
    EXPECT_FALSE(r.message.empty());
  }
}

TEST(ParserErrorReplyTest, TheRawResponseIsOneCompleteJsonErrorThatClosesTheConnection) {
  std::string raw = RawErrorResponse(ReplyForParserError("HPE_CB_url"));
  ASSERT_EQ(raw.rfind("HTTP/1.1 414 URI Too Long\r\n", 0), 0u) << raw;
  EXPECT_NE(raw.find("\r\nConnection: close\r\n"), std::string::npos);
  EXPECT_NE(raw.find("\r\nX-Content-Type-Options: nosniff\r\n"), std::string::npos);
  size_t body_at = raw.find("\r\n\r\n") + 4;
  std::string body = raw.substr(body_at);
  size_t cl = raw.find("Content-Length: ");
  EXPECT_EQ(std::stoul(raw.substr(cl + 16)), body.size());
  auto j = nlohmann::json::parse(body);
  EXPECT_EQ(j["error"]["code"], "uri_too_long");
}

// To see it fail: return the value whole at the top of kefu::Echo.
TEST(EchoTest, AbbreviatesLongValuesOnCodePointBoundaries) {
  EXPECT_EQ(Echo("short"), "short");
  EXPECT_EQ(Echo(std::string(64, 'a')), std::string(64, 'a'));
  EXPECT_EQ(Echo(std::string(65, 'a')), std::string(64, 'a') + "…");
  std::string han;
  for (int i = 0; i < 100; ++i) han += "破";
  std::string want;
  for (int i = 0; i < 64; ++i) want += "破";
  EXPECT_EQ(Echo(han), want + "…");
  EXPECT_EQ(Echo(std::string(1 << 20, 'x')).size(), 64u + std::string("…").size());
  EXPECT_EQ(Echo("abcdef", 3), "abc…");
}

// To see it fail: return s.message() unabbreviated in api::ErrorBody.
TEST(EchoTest, ErrorBodiesAreBoundedWhateverTheMessage) {
  auto body = ErrorBody(ValidationError("prefix " + std::string(100000, 'x')));
  EXPECT_LE(body["error"]["message"].get<std::string>().size(), kMaxErrorMessageChars + 3);
}

// To see it fail: restore the optional prefix in VerifyHmacSha256.
TEST(WebhookSignatureTest, OnlyTheDocumentedSha256FormVerifies) {
  std::string hex = HmacSha256Hex("k", "body");
  EXPECT_TRUE(VerifyHmacSha256("k", "body", "sha256=" + hex));
  EXPECT_FALSE(VerifyHmacSha256("k", "body", hex));
  EXPECT_FALSE(VerifyHmacSha256("k", "body", "sha256=" + hex + "0"));
  EXPECT_FALSE(VerifyHmacSha256("", "body", "sha256=" + HmacSha256Hex("", "body")));
}

}  // namespace
}  // namespace kefu::api

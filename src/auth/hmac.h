// HMAC-SHA256 for signed webhooks (carrier updates).
#pragma once

#include <string>
#include <string_view>

namespace kefu {

// Lower-case hex HMAC-SHA256 of `data` under `key`.
std::string HmacSha256Hex(std::string_view key, std::string_view data);

// Checks a signature header of the form "sha256=<lower-case hex>" (the
// prefix is required) against `data`, in time independent of where they differ.
// An empty key never verifies.
bool VerifyHmacSha256(std::string_view key, std::string_view data, std::string_view signature);

}  // namespace kefu

// Bearer tokens: 256 random bits, shown once to the client as
// "kefu_" + 64 hex digits; only their SHA-256 is stored.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace kefu {

// `n` bytes from the operating system's CSPRNG (getrandom).
StatusOr<std::string> RandomBytes(size_t n);

// A new random token in its client form.
StatusOr<std::string> NewToken();

// Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);

std::string HexEncode(std::string_view bytes);

// The CSRF token of a browser session: derived from (and revealing
// nothing of) the session token, so it needs no storage and dies with it.
std::string CsrfTokenFor(std::string_view session_token);

// Compares two strings in time independent of where they differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace kefu

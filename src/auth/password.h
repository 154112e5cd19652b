// Password hashing with Argon2id (libargon2). Parameters follow OWASP's
// recommendation for Argon2id: 19 MiB of memory, 2 passes, 1 lane.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace kefu {

// Returns the PHC-encoded hash ("$argon2id$v=19$m=19456,t=2,p=1$salt$hash")
// of `password` with a fresh random salt.
StatusOr<std::string> HashPassword(std::string_view password);

// True iff `password` matches `encoded`. Never throws; a malformed hash is
// a mismatch.
bool VerifyPassword(std::string_view password, const std::string& encoded);

// Minimum policy for new passwords: 8..128 bytes.
Status CheckPasswordPolicy(std::string_view password);

}  // namespace kefu

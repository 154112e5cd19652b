#include "auth/password.h"

#include <argon2.h>

#include "auth/token.h"

namespace kefu {
namespace {
constexpr uint32_t kTimeCost = 2;
constexpr uint32_t kMemoryKiB = 19456;
constexpr uint32_t kLanes = 1;
constexpr size_t kSaltLen = 16;
constexpr size_t kHashLen = 32;
}  // namespace

StatusOr<std::string> HashPassword(std::string_view password) {
  KEFU_ASSIGN_OR_RETURN(std::string salt, RandomBytes(kSaltLen));
  size_t len = argon2_encodedlen(kTimeCost, kMemoryKiB, kLanes, kSaltLen, kHashLen, Argon2_id);
  std::string encoded(len, '\0');
  int rc = argon2id_hash_encoded(kTimeCost, kMemoryKiB, kLanes, password.data(), password.size(),
                                 salt.data(), salt.size(), kHashLen, encoded.data(), len);
  if (rc != ARGON2_OK) return Internal(std::string("argon2: ") + argon2_error_message(rc));
  encoded.resize(encoded.find('\0'));
  return encoded;
}

bool VerifyPassword(std::string_view password, const std::string& encoded) {
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

Status CheckPasswordPolicy(std::string_view password) {
  if (password.size() < 8 || password.size() > 128) {
    return ValidationError("password must be 8 to 128 bytes long");
  }
  return OkStatus();
}

}  // namespace kefu

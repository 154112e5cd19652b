// Strict readers for configuration JSON: every field has the type it must
// have, unknown fields are refused, and errors name the field
// (kValidation "validation_failed").
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace kefu::config {

// kValidation if `j` is not an object or has a key outside `known`.
Status RefuseUnknown(const nlohmann::json& j, std::initializer_list<std::string_view> known,
                     const std::string& what);

// Optional fields keep `out` untouched when absent; required ones fail.
Status ReadString(const nlohmann::json& j, const char* key, const std::string& what,
                  std::string& out, bool required = false);
Status ReadInt(const nlohmann::json& j, const char* key, const std::string& what, int64_t min,
               int64_t max, int64_t& out);
Status ReadBool(const nlohmann::json& j, const char* key, const std::string& what, bool& out);
Status ReadStrings(const nlohmann::json& j, const char* key, const std::string& what,
                   std::vector<std::string>& out);

// An optional enum field read with `parse` (a Parse* of core/enums.h).
template <typename E, typename Parse>
Status ReadEnum(const nlohmann::json& j, const char* key, const std::string& what, Parse parse,
                std::optional<E>& out) {
  std::string s;
  KEFU_RETURN_IF_ERROR(ReadString(j, key, what, s));
  if (!j.contains(key)) return OkStatus();
  auto v = parse(s);
  if (!v) return ValidationError(what + "." + key + " has an unknown value: " + s);
  out = *v;
  return OkStatus();
}

}  // namespace kefu::config

#include "config/json_fields.h"

#include <algorithm>

#include "common/utf8.h"

namespace kefu::config {

using nlohmann::json;

Status RefuseUnknown(const json& j, std::initializer_list<std::string_view> known,
                     const std::string& what) {
  if (!j.is_object()) return ValidationError(what + " must be a JSON object");
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (std::find(known.begin(), known.end(), it.key()) == known.end()) {
      return ValidationError("unknown field in " + what + ": " + Echo(it.key()));
    }
  }
  return OkStatus();
}

Status ReadString(const json& j, const char* key, const std::string& what, std::string& out,
                  bool required) {
  auto it = j.find(key);
  if (it == j.end()) {
    return required ? ValidationError(what + "." + key + " is required") : OkStatus();
  }
  if (!it->is_string()) return ValidationError(what + "." + key + " must be a string");
  out = it->get<std::string>();
  return OkStatus();
}

Status ReadInt(const json& j, const char* key, const std::string& what, int64_t min, int64_t max,
               int64_t& out) {
  auto it = j.find(key);
  if (it == j.end()) return OkStatus();
  if (!it->is_number_integer()) return ValidationError(what + "." + key + " must be an integer");
  int64_t v = it->get<int64_t>();
  if (v < min || v > max) {
    return ValidationError(what + "." + key + " must be between " + std::to_string(min) +
                           " and " + std::to_string(max));
  }
  out = v;
  return OkStatus();
}

Status ReadBool(const json& j, const char* key, const std::string& what, bool& out) {
  auto it = j.find(key);
  if (it == j.end()) return OkStatus();
  if (!it->is_boolean()) return ValidationError(what + "." + key + " must be true or false");
  out = it->get<bool>();
  return OkStatus();
}

Status ReadStrings(const json& j, const char* key, const std::string& what,
                   std::vector<std::string>& out) {
  auto it = j.find(key);
  if (it == j.end()) return OkStatus();
  if (!it->is_array()) return ValidationError(what + "." + key + " must be an array of strings");
  std::vector<std::string> v;
  for (const auto& e : *it) {
    if (!e.is_string()) return ValidationError(what + "." + key + " must be an array of strings");
    v.push_back(e.get<std::string>());
  }
  out = std::move(v);
  return OkStatus();
}

}  // namespace kefu::config

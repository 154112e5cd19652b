// JSON mapping of domain records, both ways. Input parsing is strict:
// wrong types and unknown fields are kValidation errors naming the field.
#pragma once

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "core/model.h"
#include "core/ticket_rules.h"
#include "service/customer_service.h"
#include "service/paging.h"

namespace kefu::api {

using json = nlohmann::ordered_json;

// Reads the members of one JSON object, refusing what it does not know.
class FieldReader {
 public:
  // kValidation if `obj` is not an object.
  static StatusOr<FieldReader> Of(const json& obj, std::string what);

  // Each reader leaves `out` untouched when the field is absent or null.
  Status Str(const char* name, std::string* out, bool required = false);
  Status StrList(const char* name, std::vector<std::string>* out);
  Status Bool(const char* name, bool* out);
  Status Int(const char* name, int64_t* out, bool required = false);
  // A money amount in fen: a JSON integer in [min_fen, kMaxAmountFen]
  // (core/money.h). Another JSON type (a float such as 1.5 or 1e30, a
  // string, a boolean) is kValidation "validation_failed"; an integer out of
  // range, including one above INT64_MAX (which would wrap if read as
  // int64), is kValidation with the field's `range_reason` (e.g.
  // "bad_amount"). REQUIRES: 0 <= min_fen <= kMaxAmountFen.
  Status Fen(const char* name, int64_t* out, int64_t min_fen, const char* range_reason,
             bool required = false);
  Status Time(const char* name, std::optional<Timestamp>* out);
  // Any JSON value, for nested objects; nullptr when absent.
  const json* Raw(const char* name);
  bool Has(const char* name) const;
  // kValidation naming the first member that no reader asked for.
  Status Finish() const;

 private:
  FieldReader(const json* obj, std::string what) : obj_(obj), what_(std::move(what)) {}
  const json* Get(const char* name);
  Status TypeError(const char* name, const char* type) const;

  const json* obj_;
  std::string what_;
  std::vector<std::string> seen_;
};

// Parses an enum field with `parse`; kValidation lists nothing, names the value.
template <typename E, typename ParseFn>
Status EnumField(FieldReader& r, const char* name, ParseFn parse, std::optional<E>* out) {
  std::string s;
  KEFU_RETURN_IF_ERROR(r.Str(name, &s));
  if (!r.Has(name) || s.empty()) return OkStatus();
  auto v = parse(s);
  if (!v) return ValidationError(std::string(name) + " has an unknown value: " + s);
  *out = *v;
  return OkStatus();
}

// The threat fields of a ticket body: "threat" (true means "legal", false
// "none") and "threat_level" (none|review|public|legal); nullopt when both
// are absent; kValidation when they disagree.
Status ThreatFields(FieldReader& r, std::optional<ThreatLevel>* out);

StatusOr<NewTicket> ParseNewTicket(const json& j);
StatusOr<Customer> ParseCustomer(const json& j);
StatusOr<Order> ParseOrder(const json& j);

// An ISO 8601 time or null; a string or null when empty.
json OptTime(const std::optional<Timestamp>& t);
json OrNull(const std::string& s);

json ToJson(const Ticket& t, const Actor& viewer);
// Customers do not see the internal tags a ticket was opened with.
json ToJson(const TicketEvent& e, const Actor& viewer);
json ToJson(const Customer& c);
// PATCH /customers/:id: {"tier"?, "reason"?, "notes"?, "preferences"?,
// "important_dates"?: [{"label", "date"}]}.
StatusOr<CustomerUpdate> ParseCustomerUpdate(const json& j);
// {"score", "comment", "at"}
json RatingJson(const Rating& r);
json ToJson(const Order& o);

// {"items": [...], "next_cursor": "..." | null}
template <typename T, typename Fn>
json PageJson(const Page<T>& p, Fn to_json) {
  json items = json::array();
  for (const auto& it : p.items) items.push_back(to_json(it));
  return json{{"items", std::move(items)},
              {"next_cursor", p.next_cursor.empty() ? json(nullptr) : json(p.next_cursor)}};
}

// A whole list (no further page) in the list shape: {"items": [...], "next_cursor": null}.
template <typename T, typename Fn>
json ListJson(const std::vector<T>& v, Fn to_json) {
  json items = json::array();
  for (const auto& it : v) items.push_back(to_json(it));
  return json{{"items", std::move(items)}, {"next_cursor", nullptr}};
}

}  // namespace kefu::api

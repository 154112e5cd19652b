#include "api/json_codec.h"

#include <algorithm>
#include <limits>

#include "core/money.h"
#include "core/order_money.h"

namespace kefu::api {

StatusOr<FieldReader> FieldReader::Of(const json& obj, std::string what) {
  if (!obj.is_object()) return ValidationError(what + " must be a JSON object");
  return FieldReader(&obj, std::move(what));
}

const json* FieldReader::Get(const char* name) {
  seen_.emplace_back(name);
  auto it = obj_->find(name);
  if (it == obj_->end() || it->is_null()) return nullptr;
  return &*it;
}

bool FieldReader::Has(const char* name) const {
  auto it = obj_->find(name);
  return it != obj_->end() && !it->is_null();
}

Status FieldReader::TypeError(const char* name, const char* type) const {
  return ValidationError(std::string(name) + " must be " + type);
}

Status FieldReader::Str(const char* name, std::string* out, bool required) {
  const json* v = Get(name);
  if (v == nullptr) {
    return required ? ValidationError(std::string(name) + " is required") : OkStatus();
  }
  if (!v->is_string()) return TypeError(name, "a string");
  *out = v->get<std::string>();
  return OkStatus();
}

Status FieldReader::StrList(const char* name, std::vector<std::string>* out) {
  const json* v = Get(name);
  if (v == nullptr) return OkStatus();
  if (!v->is_array()) return TypeError(name, "an array of strings");
  std::vector<std::string> r;
  for (const auto& e : *v) {
    if (!e.is_string()) return TypeError(name, "an array of strings");
    r.push_back(e.get<std::string>());
  }
  *out = std::move(r);
  return OkStatus();
}

Status FieldReader::Bool(const char* name, bool* out) {
  const json* v = Get(name);
  if (v == nullptr) return OkStatus();
  if (!v->is_boolean()) return TypeError(name, "true or false");
  *out = v->get<bool>();
  return OkStatus();
}

Status FieldReader::Int(const char* name, int64_t* out, bool required) {
  const json* v = Get(name);
  if (v == nullptr) {
    return required ? ValidationError(std::string(name) + " is required") : OkStatus();
  }
  if (!v->is_number_integer()) return TypeError(name, "an integer");
  *out = v->get<int64_t>();
  return OkStatus();
}

Status FieldReader::Fen(const char* name, int64_t* out, int64_t min_fen,
                        const char* range_reason, bool required) {
  const json* v = Get(name);
  if (v == nullptr) {
    return required ? ValidationError(std::string(name) + " is required") : OkStatus();
  }
  if (!v->is_number_integer()) return TypeError(name, "a whole number of fen");
  constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();
  // Unsigned JSON integers above INT64_MAX: get<int64_t>() would wrap them.
  bool too_big = v->is_number_unsigned() && v->get<uint64_t>() > static_cast<uint64_t>(kInt64Max);
  int64_t fen = too_big ? kInt64Max : v->get<int64_t>();
  KEFU_RETURN_IF_ERROR(CheckAmountFen(name, fen, min_fen, range_reason));
  *out = fen;
  return OkStatus();
}

Status FieldReader::Time(const char* name, std::optional<Timestamp>* out) {
  std::string s;
  KEFU_RETURN_IF_ERROR(Str(name, &s));
  if (s.empty()) return OkStatus();
  auto t = ParseIso8601(s);
  if (!t) return TypeError(name, "an ISO 8601 time such as 2026-11-23T08:00:00Z");
  *out = *t;
  return OkStatus();
}

const json* FieldReader::Raw(const char* name) { return Get(name); }

Status FieldReader::Finish() const {
  for (auto it = obj_->begin(); it != obj_->end(); ++it) {
    if (std::find(seen_.begin(), seen_.end(), it.key()) == seen_.end()) {
      return ValidationError("unknown field in " + what_ + ": " + Echo(it.key()));
    }
  }
  return OkStatus();
}

StatusOr<NewTicket> ParseNewTicket(const json& j) {
  KEFU_ASSIGN_OR_RETURN(FieldReader r, FieldReader::Of(j, "ticket"));
  NewTicket n;
  KEFU_RETURN_IF_ERROR(r.Str("subject", &n.subject, true));
  KEFU_RETURN_IF_ERROR(r.Str("body", &n.body));
  KEFU_RETURN_IF_ERROR(r.Str("customer", &n.customer_id));
  KEFU_RETURN_IF_ERROR(r.Str("order", &n.order_id));
  KEFU_RETURN_IF_ERROR(r.Str("category", &n.category));
  KEFU_RETURN_IF_ERROR(r.StrList("tags", &n.tags));
  std::optional<Channel> ch;
  KEFU_RETURN_IF_ERROR(EnumField(r, "channel", ParseChannel, &ch));
  if (ch) n.channel = *ch;
  std::optional<Priority> pr;
  KEFU_RETURN_IF_ERROR(EnumField(r, "priority", ParsePriority, &pr));
  if (pr) n.priority = *pr;
  KEFU_RETURN_IF_ERROR(r.Str("team", &n.team));
  KEFU_RETURN_IF_ERROR(r.Str("language", &n.language));
  std::optional<ThreatLevel> threat;
  KEFU_RETURN_IF_ERROR(ThreatFields(r, &threat));
  n.threat = threat.value_or(ThreatLevel::kNone);
  KEFU_RETURN_IF_ERROR(r.Finish());
  return n;
}

Status ThreatFields(FieldReader& r, std::optional<ThreatLevel>* out) {
  std::optional<ThreatLevel> level;
  KEFU_RETURN_IF_ERROR(EnumField(r, "threat_level", ParseThreatLevel, &level));
  if (r.Has("threat")) {
    bool flag = false;
    KEFU_RETURN_IF_ERROR(r.Bool("threat", &flag));
    if (level && (*level != ThreatLevel::kNone) != flag) {
      return ValidationError("threat and threat_level disagree");
    }
    if (!level) level = flag ? ThreatLevel::kLegal : ThreatLevel::kNone;
  } else {
    r.Raw("threat");
  }
  *out = level;
  return OkStatus();
}

StatusOr<Customer> ParseCustomer(const json& j) {
  KEFU_ASSIGN_OR_RETURN(FieldReader r, FieldReader::Of(j, "customer"));
  Customer c;
  KEFU_RETURN_IF_ERROR(r.Str("name", &c.name, true));
  KEFU_RETURN_IF_ERROR(r.Str("phone", &c.phone));
  KEFU_RETURN_IF_ERROR(r.Str("email", &c.email));
  std::optional<Tier> tier;
  KEFU_RETURN_IF_ERROR(EnumField(r, "tier", ParseTier, &tier));
  if (tier) c.tier = *tier;
  KEFU_RETURN_IF_ERROR(r.Finish());
  return c;
}

StatusOr<Order> ParseOrder(const json& j) {
  KEFU_ASSIGN_OR_RETURN(FieldReader r, FieldReader::Of(j, "order"));
  Order o;
  KEFU_RETURN_IF_ERROR(r.Str("customer", &o.customer_id, true));
  KEFU_RETURN_IF_ERROR(r.Time("paid_at", &o.paid_at));
  KEFU_RETURN_IF_ERROR(r.Time("shipped_at", &o.shipped_at));
  KEFU_RETURN_IF_ERROR(r.Time("delivered_at", &o.delivered_at));
  KEFU_RETURN_IF_ERROR(r.Str("carrier", &o.carrier));
  KEFU_RETURN_IF_ERROR(r.Str("tracking_number", &o.tracking_number));
  KEFU_RETURN_IF_ERROR(r.Str("market", &o.market));
  KEFU_RETURN_IF_ERROR(r.Fen("discount_fen", &o.discount_fen, 0, "validation_failed"));
  KEFU_RETURN_IF_ERROR(r.Fen("shipping_fee_fen", &o.shipping_fee_fen, 0, "validation_failed"));
  KEFU_RETURN_IF_ERROR(r.Fen("free_shipping_threshold_fen", &o.free_shipping_threshold_fen, 0,
                             "validation_failed"));
  KEFU_RETURN_IF_ERROR(r.Fen("shipping_waived_fen", &o.shipping_waived_fen, 0, "validation_failed"));
  const json* items = r.Raw("items");
  if (items == nullptr) return ValidationError("items is required");
  if (!items->is_array()) return ValidationError("items must be an array");
  for (const auto& ij : *items) {
    KEFU_ASSIGN_OR_RETURN(FieldReader ir, FieldReader::Of(ij, "items[]"));
    OrderItem it;
    KEFU_RETURN_IF_ERROR(ir.Str("sku", &it.sku, true));
    KEFU_RETURN_IF_ERROR(ir.Str("name", &it.name));
    KEFU_RETURN_IF_ERROR(ir.Int("quantity", &it.quantity, true));
    // Unit prices have their own, lower bound (kMaxPriceFen, ValidateOrder).
    KEFU_RETURN_IF_ERROR(ir.Fen("price_fen", &it.price_fen, 0, "validation_failed", true));
    KEFU_RETURN_IF_ERROR(ir.Str("category", &it.category));
    KEFU_RETURN_IF_ERROR(ir.Bool("non_returnable", &it.non_returnable));
    KEFU_RETURN_IF_ERROR(ir.Str("non_returnable_ground", &it.non_returnable_ground));
    KEFU_RETURN_IF_ERROR(ir.Str("disclosed_defect", &it.disclosed_defect));
    int64_t gift_of = 0;
    KEFU_RETURN_IF_ERROR(ir.Int("gift_of", &gift_of));
    if (gift_of < 0 || gift_of > 1000) return ValidationError("items[].gift_of must name a line");
    it.gift_of = static_cast<int>(gift_of);
    KEFU_RETURN_IF_ERROR(ir.Fen("gift_value_fen", &it.gift_value_fen, 0, "validation_failed"));
    KEFU_RETURN_IF_ERROR(ir.Fen("discount_fen", &it.discount_fen, 0, "validation_failed"));
    KEFU_RETURN_IF_ERROR(ir.Finish());
    o.items.push_back(std::move(it));
  }
  KEFU_RETURN_IF_ERROR(r.Finish());
  return o;
}

json OptTime(const std::optional<Timestamp>& t) {
  return t ? json(FormatIso8601(*t)) : json(nullptr);
}
json OrNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json ToJson(const Ticket& t, const Actor& viewer) {
  bool staff = IsStaff(viewer.role);
  return json{
      {"id", t.id},
      {"subject", t.subject},
      {"status", ToString(t.status)},
      {"priority", ToString(t.priority)},
      {"owner", OrNull(t.owner)},
      {"assignee", OrNull(t.assignee)},
      {"customer", t.customer_id},
      {"order", OrNull(t.order_id)},
      {"category", OrNull(t.category)},
      // Tags are the team's internal labels: customers get an empty list.
      {"tags", staff ? t.tags : std::vector<std::string>{}},
      // Who follows the ticket inside the team: customers get an empty list.
      {"watchers", staff ? t.watchers : std::vector<std::string>{}},
      {"team", OrNull(t.team)},
      {"language", t.language},
      // The threat flag is the team's assessment: customers always get false.
      {"threat", staff && t.threat},
      {"threat_level", ToString(staff ? t.threat_level : ThreatLevel::kNone)},
      // The customer's tone (text/sentiment.h), also the team's assessment.
      {"sentiment", staff ? OrNull(t.sentiment) : json(nullptr)},
      {"channel", ToString(t.channel)},
      {"created_at", FormatIso8601(t.created_at)},
      {"updated_at", FormatIso8601(t.updated_at)},
      {"first_response_at", OptTime(t.first_response_at)},
      {"resolved_at", OptTime(t.resolved_at)},
      {"closed_at", OptTime(t.closed_at)},
      {"version", t.version},
  };
}

json ToJson(const TicketEvent& e, const Actor& viewer) {
  json data = json::object();
  if (!e.body.empty()) data["body"] = e.body;
  if (!e.from.empty()) data["from"] = e.from;
  // A "created" event carries the subject the ticket was opened with.
  if (!e.to.empty()) data[e.type == EventType::kCreated ? "subject" : "to"] = e.to;
  if (!e.reason.empty()) data["reason"] = e.reason;
  if (!e.added.empty() && IsStaff(viewer.role)) {
    data[e.type == EventType::kCreated ? "tags" : "added"] = e.added;
  }
  if (!e.removed.empty()) data["removed"] = e.removed;
  return json{{"id", e.seq},
              {"ticket", e.ticket_id},
              {"type", ToString(e.type)},
              {"actor", e.actor},
              {"actor_role", ToString(e.actor_role)},
              {"at", FormatIso8601(e.at)},
              {"internal", !IsPublicEvent(e.type)},
              {"data", std::move(data)}};
}

json ToJson(const Customer& c) {
  json dates = json::array();
  for (const auto& d : c.profile.dates) dates.push_back({{"label", d.label}, {"date", d.date}});
  // The profile is the team's: CustomerService empties it for customers.
  return json{{"id", c.id},
              {"name", c.name},
              {"phone", OrNull(c.phone)},
              {"email", OrNull(c.email)},
              {"tier", ToString(c.tier)},
              {"created_at", FormatIso8601(c.created_at)},
              {"notes", OrNull(c.profile.notes)},
              {"preferences", OrNull(c.profile.preferences)},
              {"important_dates", std::move(dates)}};
}

StatusOr<CustomerUpdate> ParseCustomerUpdate(const json& j) {
  KEFU_ASSIGN_OR_RETURN(FieldReader r, FieldReader::Of(j, "customer"));
  CustomerUpdate u;
  KEFU_RETURN_IF_ERROR(EnumField(r, "tier", ParseTier, &u.tier));
  KEFU_RETURN_IF_ERROR(r.Str("reason", &u.reason));
  for (auto [name, out] : {std::pair{"notes", &u.notes}, std::pair{"preferences", &u.preferences}}) {
    if (!r.Has(name)) continue;
    std::string v;
    KEFU_RETURN_IF_ERROR(r.Str(name, &v));
    *out = std::move(v);
  }
  if (const json* dates = r.Raw("important_dates")) {
    if (!dates->is_array() || dates->size() > 20) {
      return ValidationError("important_dates must be an array of at most 20 dates");
    }
    std::vector<ImportantDate> out;
    for (const auto& dj : *dates) {
      KEFU_ASSIGN_OR_RETURN(FieldReader dr, FieldReader::Of(dj, "important_dates[]"));
      ImportantDate d;
      KEFU_RETURN_IF_ERROR(dr.Str("label", &d.label, true));
      KEFU_RETURN_IF_ERROR(dr.Str("date", &d.date, true));
      KEFU_RETURN_IF_ERROR(dr.Finish());
      out.push_back(std::move(d));
    }
    u.dates = std::move(out);
  }
  KEFU_RETURN_IF_ERROR(r.Finish());
  return u;
}

json ToJson(const Order& o) {
  json items = json::array();
  int line = 0;
  for (const auto& it : o.items) {
    items.push_back({{"line", ++line},
                     {"sku", it.sku},
                     {"name", it.name},
                     {"quantity", it.quantity},
                     {"price_fen", it.price_fen},
                     {"category", OrNull(it.category)},
                     {"non_returnable", it.non_returnable},
                     {"non_returnable_ground", OrNull(it.non_returnable_ground)},
                     {"disclosed_defect", OrNull(it.disclosed_defect)},
                     {"gift_of", it.gift_of > 0 ? json(it.gift_of) : json(nullptr)},
                     {"gift_value_fen", it.gift_of > 0 ? json(it.gift_value_fen) : json(nullptr)},
                     {"discount_fen", it.discount_fen},
                     {"paid_fen", LinePaidFen(it)}});
  }
  return json{{"id", o.id},
              {"customer", o.customer_id},
              {"status", ToString(StatusOf(o))},
              {"market", o.market},
              {"items", std::move(items)},
              {"discount_fen", o.discount_fen},
              {"shipping_fee_fen", o.shipping_fee_fen},
              {"free_shipping_threshold_fen", o.free_shipping_threshold_fen},
              {"shipping_waived_fen", o.shipping_waived_fen},
              {"total_fen", o.TotalFen()},
              {"paid_at", OptTime(o.paid_at)},
              {"shipped_at", OptTime(o.shipped_at)},
              {"delivered_at", OptTime(o.delivered_at)},
              {"carrier", OrNull(o.carrier)},
              {"tracking_number", OrNull(o.tracking_number)},
              {"created_at", FormatIso8601(o.created_at)}};
}

json RatingJson(const Rating& r) {
  return {{"score", r.score}, {"comment", r.comment}, {"at", FormatIso8601(r.at)}};
}

}  // namespace kefu::api

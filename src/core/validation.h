// Field-level validation of what users type. All functions are pure and
// return kValidation ("validation_failed") with a message naming the field.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "core/model.h"
#include "core/money.h"

namespace kefu {

constexpr size_t kMaxSubjectChars = 200;
constexpr size_t kMaxBodyChars = 20000;
constexpr size_t kMaxReasonChars = 500;
constexpr size_t kMaxTags = 20;
constexpr size_t kMaxTagChars = 32;
constexpr size_t kMaxNameChars = 100;
constexpr size_t kMaxOrderItems = 100;
constexpr int64_t kMaxQuantity = 100000;
// kMaxPriceFen, the bound on unit prices, is in core/money.h.

// Trims ASCII and ideographic (U+3000) white space at both ends.
std::string TrimSpace(std::string_view s);

// `value` must have between `min_chars` and `max_chars` code points after
// trimming. With min_chars > 0 the text is required: text made only of
// space and invisible characters (IsBlankText, common/utf8.h: U+00A0,
// U+3000, U+200B, U+FEFF, U+00AD, ...) counts as empty. REQUIRES: value is
// valid UTF-8 (the API checks whole bodies).
Status CheckText(std::string_view field, std::string_view value, size_t min_chars,
                 size_t max_chars);

// Text shown as a one-line label: a ticket subject, a customer's name, a
// tag. As CheckText, and kValidation with reason "bidi_control" if it holds
// a bidi embedding, override or isolate control (IsBidiControl): they are
// refused rather than stripped, so that nothing the sender typed is dropped
// silently and the label displays as sent.
Status CheckLabel(std::string_view field, std::string_view value, size_t min_chars,
                  size_t max_chars);

// Normalises a tag list: trims, drops duplicates, sorts. Tags are 1..32
// code points without white space, invisible characters (IsInvisible) or
// commas; at most kMaxTags.
StatusOr<std::vector<std::string>> NormalizeTags(const std::vector<std::string>& tags);

Status ValidateCategory(std::string_view category);  // empty or a known code
Status ValidateLanguage(std::string_view language);  // "zh" or "en"
// Names of teams, calendars and similar configuration objects: 1..32 of
// [a-z0-9_-], starting with a letter or digit.
Status ValidateTeamName(std::string_view name);
Status ValidateConfigName(std::string_view field, std::string_view name);
Status ValidateCustomer(const Customer& c);
// notes at most 2000 characters, preferences 1000, at most 20 dates, each
// with a label of 1 to 50 characters and a real "YYYY-MM-DD" or "MM-DD" date.
Status ValidateCustomerProfile(const CustomerProfile& p);
// Per-line bounds, dates in order, then ValidateOrderMoney (order_money.h).
Status ValidateOrder(const Order& o);

}  // namespace kefu

// Phrases in a customer's message that the FAQ bot must act on, found in
// normalised text (normalizer.h: simplified, lower case, so traditional
// characters and full-width letters match too). Pure, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kefu::text {

// The customer asks for a person: 人工, 转人工, 真人, 人工客服, 找客服,
// 活人, "human", "agent". A question that merely mentions staff (客服说…)
// does not count.
bool AsksForPerson(std::string_view normalized);

// Signs of a dispute a bot must not handle: a refund or return refused
// (拒绝, 驳回, 不给退, 不让退, 凭什么 …) or a demand for compensation (赔偿,
// 补偿, 赔钱, 退一赔三, 假一赔十, 精神损失 …). The phrases found, in text order.
std::vector<std::string> DisputeSignals(std::string_view normalized);

}  // namespace kefu::text

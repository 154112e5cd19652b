// Escalation signals in a customer's text (投诉升级信号): threats to go to
// the consumer association, the market regulator, the media, a lawyer or a
// court, to complain to the platform, or to leave a bad review. Each signal
// has a level (ThreatLevel's names in core/enums.h): "legal" (12315, 消协,
// 工商, 市场监管, 律师, 起诉, 法院), "public" (曝光, 媒体, 记者, 微博, 抖音,
// 黑猫投诉, platform complaints) or "review" (差评, 投诉你们). What a level
// sets off is the SLA policy's immediate_escalation (core/escalation.h).
//
// Matching is on normalised text (normalizer.h: traditional is folded to
// simplified, full-width to ASCII) with spaces, punctuation and symbols
// between characters ignored, so "12 3 1 5", "消*協" and "曝 光" are found.
// A few longer words that merely contain a signal ("工商银行") do not
// count, and numbers count only standing alone (not inside "O-000315").
// Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kefu::text {

// The signals found in `normalized`, each once, in the order of the list
// below: 12315, 315, 消协, 消费者协会, 工商, 市场监管, 曝光, 媒体, 记者,
// 律师, 起诉, 法院, 投诉到平台, 平台投诉, 黑猫投诉, 微博, 抖音, 差评,
// 投诉你们.
std::vector<std::string> FindThreatSignals(std::string_view normalized);

// The level of one signal that FindThreatSignals returns ("legal",
// "public" or "review"); "none" for anything else.
std::string_view ThreatLevelOfSignal(std::string_view signal);

// The most serious level among `signals`; "none" when there are none.
std::string_view ThreatLevelOf(const std::vector<std::string>& signals);

}  // namespace kefu::text

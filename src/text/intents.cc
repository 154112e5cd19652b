#include "text/intents.h"

#include <algorithm>
#include <array>

namespace kefu::text {
namespace {

constexpr std::array<std::string_view, 12> kPersonPhrases = {
    "转人工", "人工客服", "人工服务", "找人工", "要人工", "真人", "活人",
    "找客服", "叫客服", "human", "real person", "live agent"};

constexpr std::array<std::string_view, 22> kDisputePhrases = {
    "拒绝退", "拒绝了", "驳回", "不给退", "不让退", "不给我退", "不同意退", "不予退",
    "凭什么", "不给换", "退款被拒", "申请被拒", "赔偿", "补偿", "赔钱", "退一赔三",
    "假一赔十", "退一赔十", "精神损失", "误工费", "赔我", "索赔"};

}  // namespace

bool AsksForPerson(std::string_view s) {
  for (auto p : kPersonPhrases) {
    if (s.find(p) != std::string_view::npos) return true;
  }
  // "人工" alone, as a whole message or before a question mark ("人工?").
  std::string_view trimmed = s.substr(0, s.find_last_not_of(" ?!.。？！") + 1);
  return trimmed == "人工" || trimmed == "客服" || trimmed == "人工人工";
}

std::vector<std::string> DisputeSignals(std::string_view s) {
  std::vector<std::pair<size_t, std::string>> found;
  for (auto p : kDisputePhrases) {
    size_t at = s.find(p);
    if (at == std::string_view::npos) continue;
    // "拒绝了" inside "拒绝退" etc. are the same signal: keep the earliest start.
    bool overlapped = std::any_of(found.begin(), found.end(), [&](const auto& f) {
      return at < f.first + f.second.size() && f.first < at + p.size();
    });
    if (!overlapped) found.emplace_back(at, std::string(p));
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> out;
  for (auto& f : found) out.push_back(std::move(f.second));
  return out;
}

}  // namespace kefu::text

#include "text/indexing.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "text/code_points.h"
#include "text/normalizer.h"

namespace kefu::text {
namespace {

std::vector<std::string> CodePoints(std::string_view s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    size_t b = i;
    NextCodePoint(s, i);
    out.emplace_back(s.substr(b, i - b));
  }
  return out;
}

bool IsHanText(std::string_view s) {
  size_t i = 0;
  return !s.empty() && IsHanCodePoint(NextCodePoint(s, i));
}

// Single characters too common to search for on their own.
bool IsParticle(const std::string& c) {
  static constexpr std::string_view kParticles[] = {
      "的", "了", "吗", "呢", "吧", "啊", "呀", "哦", "嘛", "么", "是", "我", "你", "他",
      "她", "它", "在", "和", "与", "及", "也", "都", "就", "还", "又", "很", "太", "给", "把",
      "被", "这", "那", "有", "个", "一", "不", "没", "啦", "哈", "呗", "请", "要",
      "元", "块"};  // 元/块 after an amount: the amount is the term
  return std::find(std::begin(kParticles), std::end(kParticles), c) != std::end(kParticles);
}

// A term quoted for FTS5 (terms never contain '"', but be safe).
std::string Quote(std::string_view term) {
  std::string out = "\"";
  for (char c : term) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::vector<std::string> BigramsOf(const std::vector<std::string>& cps) {
  std::vector<std::string> out;
  for (size_t i = 0; i + 1 < cps.size(); ++i) out.push_back(cps[i] + cps[i + 1]);
  return out;
}

std::string AllOf(const std::vector<std::string>& terms) {
  std::string out;
  for (const auto& t : terms) out += (out.empty() ? "" : " AND ") + Quote(t);
  return terms.size() > 1 ? "(" + out + ")" : out;
}

// Clauses for a run of adjacent single Chinese characters.
void SingleCharRun(const std::vector<std::string>& chars, std::vector<std::string>& clauses,
                   std::vector<std::string>& highlight) {
  bool all_particles = std::all_of(chars.begin(), chars.end(), IsParticle);
  if (chars.size() >= 2 && !all_particles) {
    clauses.push_back(AllOf(BigramsOf(chars)));
    std::string joined;
    for (const auto& c : chars) joined += c;
    highlight.push_back(joined);
  } else if (chars.size() == 1 && !IsParticle(chars[0])) {
    clauses.push_back(Quote(chars[0]) + "*");
    highlight.push_back(chars[0]);
  }
}

// The normalised form of one code point, memoised per thread (a few thousand
// distinct characters cover nearly all text).
const std::string& NormalizedChar(const std::string& cp) {
  thread_local std::unordered_map<std::string, std::string> memo;
  auto it = memo.find(cp);
  if (it != memo.end()) return it->second;
  std::string n = DefaultNormalizer().Normalize(cp);
  if (n.empty() && !cp.empty() && static_cast<unsigned char>(cp[0]) <= ' ') n = " ";
  if (memo.size() > 50000) memo.clear();
  return memo.emplace(cp, std::move(n)).first->second;
}

}  // namespace

std::string IndexTerms(const Tokenizer& t, std::string_view raw) {
  std::string out;
  for (const Token& tok : t.Tokenize(DefaultNormalizer().Normalize(raw), /*bigrams=*/true)) {
    if (!out.empty()) out += ' ';
    out += tok.text;
  }
  return out;
}

ParsedQuery ParseQuery(const Tokenizer& t, std::string_view raw_query, bool any) {
  std::vector<Token> words = t.Tokenize(DefaultNormalizer().Normalize(raw_query), false);
  std::vector<std::string> clauses;
  ParsedQuery q;
  std::vector<std::string> singles;  // adjacent single Chinese characters
  size_t singles_end = 0;
  for (const Token& w : words) {
    bool han = w.kind == TokenKind::kWord && IsHanText(w.text);
    std::vector<std::string> cps = han ? CodePoints(w.text) : std::vector<std::string>{};
    if (!(han && cps.size() == 1 && w.begin == singles_end)) {
      SingleCharRun(singles, clauses, q.highlight_terms);
      singles.clear();
    }
    if (han && cps.size() == 1) {
      singles.push_back(w.text);
      singles_end = w.end;
      continue;
    }
    if (han && cps.size() > 2) {
      clauses.push_back("(" + Quote(w.text) + " OR " + AllOf(BigramsOf(cps)) + ")");
    } else {
      clauses.push_back(Quote(w.text));
    }
    q.highlight_terms.push_back(w.text);
  }
  SingleCharRun(singles, clauses, q.highlight_terms);
  for (const auto& c : clauses) q.match += (q.match.empty() ? "" : any ? " OR " : " AND ") + c;
  return q;
}

Snippet MakeSnippet(std::string_view raw, const std::vector<std::string>& terms, int max_chars) {
  std::vector<std::string> cps = CodePoints(raw);
  // The normalised text, and for each of its bytes the code point it came from.
  std::string norm;
  std::vector<int> origin;
  for (size_t i = 0; i < cps.size(); ++i) {
    const std::string& n = NormalizedChar(cps[i]);
    norm += n;
    origin.insert(origin.end(), n.size(), static_cast<int>(i));
  }
  std::vector<std::pair<int, int>> marks;
  for (const auto& term : terms) {
    if (term.empty()) continue;
    for (size_t at = norm.find(term); at != std::string::npos; at = norm.find(term, at + 1)) {
      marks.emplace_back(origin[at], origin[at + term.size() - 1] + 1);
    }
  }
  std::sort(marks.begin(), marks.end());
  std::vector<std::pair<int, int>> merged;
  for (const auto& m : marks) {
    if (!merged.empty() && m.first <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, m.second);
    } else {
      merged.push_back(m);
    }
  }
  int n = static_cast<int>(cps.size());
  int begin = 0;
  if (!merged.empty() && n > max_chars) begin = std::max(0, merged.front().first - max_chars / 4);
  int end = std::min(n, begin + max_chars);
  if (end == n) begin = std::max(0, std::min(begin, n - max_chars));
  Snippet s;
  int shift = begin;
  if (begin > 0) {
    s.text = "…";
    shift -= 1;
  }
  for (int i = begin; i < end; ++i) s.text += cps[i];
  if (end < n) s.text += "…";
  for (const auto& [b, e] : merged) {
    if (e <= begin || b >= end) continue;
    s.highlights.emplace_back(std::max(b, begin) - shift, std::min(e, end) - shift);
  }
  return s;
}

}  // namespace kefu::text

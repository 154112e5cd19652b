// The paper parser's fixed line patterns (parser_internal.h), written as
// forward scans instead of regular expressions: page marks, rule lines,
// metadata, competency lines, trailing true/false marks and the counts in
// section headings. Each is linear in the line
// (tests/training/parser_patterns_test.cc).
#include <algorithm>
#include <cstring>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "training/parser_internal.h"

namespace kefu::training::internal {

// ---- fixed patterns ----------------------------------------------------------
// Each matcher quotes the std::regex it replaces (see parser_internal.h).

bool IsRegexSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

size_t SkipRegexSpaces(std::string_view s, size_t p) {
  while (p < s.size() && IsRegexSpace(s[p])) ++p;
  return p;
}

size_t SkipDigits(std::string_view s, size_t p) {
  while (p < s.size() && IsDigit(s[p])) ++p;
  return p;
}

bool At(std::string_view s, size_t p, std::string_view w) { return p <= s.size() && s.substr(p).starts_with(w); }

size_t WordAt(std::string_view s, size_t p, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words) {
    if (At(s, p, w)) return w.size();
  }
  return 0;
}

namespace {

// ".*$" from `p`: no line break up to the end.
bool RestOfLine(std::string_view s, size_t p) { return s.find_first_of("\n\r", p) == std::string_view::npos; }

// "\d+" then `w` at `p`: the offset after `w`, npos if not there.
size_t NumberThen(std::string_view s, size_t p, std::string_view w) {
  size_t d = SkipDigits(s, p);
  return d > p && At(s, d, w) ? d + w.size() : std::string_view::npos;
}

}  // namespace

// ^(第\d+页(共\d+页)?|共\d+页第\d+页|-\d+-|\d+/\d+)$
bool IsPageMark(std::string_view t) {
  constexpr size_t npos = std::string_view::npos;
  if (At(t, 0, "第")) {
    size_t e = NumberThen(t, 3, "页");
    if (e == t.size()) return true;
    return e != npos && At(t, e, "共") && NumberThen(t, e + 3, "页") == t.size();
  }
  if (At(t, 0, "共")) {
    size_t e = NumberThen(t, 3, "页第");
    return e != npos && NumberThen(t, e, "页") == t.size();
  }
  if (At(t, 0, "-")) return NumberThen(t, 1, "-") == t.size();
  size_t e = NumberThen(t, 0, "/");
  return e != npos && SkipDigits(t, e) > e && SkipDigits(t, e) == t.size();
}

// ^(—|-|_|=|\*|~|─|━)+$
bool IsRuleChars(std::string_view t) {
  if (t.empty()) return false;
  for (size_t i = 0; i < t.size();) {
    size_t n = WordAt(t, i, {"—", "-", "_", "=", "*", "~", "─", "━"});
    if (n == 0) return false;
    i += n;
  }
  return true;
}

// ^\s*((考试时间|考试时长|答题时间)\s*:.*
//     |(满分|总分)\s*:?\s*\d{1,4}(\.\d+)?\s*分.*
//     |(姓名|部门|工号|岗位|得分|日期)\s*:.*
//     |(注意事项|考生须知)(\s*:.*)?)$
bool MatchMetadata(std::string_view f) {
  size_t p = SkipRegexSpaces(f, 0);
  auto colon_rest = [&](size_t q) {
    q = SkipRegexSpaces(f, q);
    return At(f, q, ":") && RestOfLine(f, q + 1);
  };
  if (size_t n = WordAt(f, p, {"考试时间", "考试时长", "答题时间", "姓名", "部门", "工号", "岗位", "得分", "日期"}))
    return colon_rest(p + n);
  if (size_t n = WordAt(f, p, {"注意事项", "考生须知"})) return p + n == f.size() || colon_rest(p + n);
  size_t n = WordAt(f, p, {"满分", "总分"});
  if (n == 0) return false;
  size_t q = SkipRegexSpaces(f, p + n);
  if (At(f, q, ":")) q = SkipRegexSpaces(f, q + 1);
  size_t d = SkipDigits(f, q);
  if (d == q || d - q > 4) return false;
  if (At(f, d, ".") && d + 1 < f.size() && IsDigit(f[d + 1])) d = SkipDigits(f, d + 1);
  size_t e = SkipRegexSpaces(f, d);
  return At(f, e, "分") && RestOfLine(f, e + 3);
}

// \((考察|考查|考核)\s*:([^)]*)\)   (std::regex_search: the leftmost)
std::optional<CompetencyMatch> FindCompetency(std::string_view f) {
  for (size_t p = f.find('('); p != std::string_view::npos; p = f.find('(', p + 1)) {
    size_t w = WordAt(f, p + 1, {"考察", "考查", "考核"});
    if (w == 0) continue;
    size_t colon = SkipRegexSpaces(f, p + 1 + w);
    if (!At(f, colon, ":")) continue;
    size_t close = f.find(')', colon + 1);
    // No ')' after this one: none after a later one either.
    if (close == std::string_view::npos) return std::nullopt;
    return CompetencyMatch{p, close + 1, colon + 1, close};
  }
  return std::nullopt;
}

// ^\s*\((考察|考查|考核)\s*:([^)]*)\)\s*$
std::optional<CompetencyMatch> MatchCompetencyLine(std::string_view f) {
  // Such a line's match is the leftmost one: only white space is before it.
  auto m = FindCompetency(f);
  if (!m || m->begin != SkipRegexSpaces(f, 0) || SkipRegexSpaces(f, m->end) != f.size()) return std::nullopt;
  return m;
}

// \(\s*(√|×|✓|✗|X)\s*\)\s*$   (std::regex_search)
std::optional<TfMark> MatchTrailingTfMark(std::string_view f) {
  size_t e = f.size();
  while (e > 0 && IsRegexSpace(f[e - 1])) --e;
  if (e == 0 || f[e - 1] != ')') return std::nullopt;
  --e;
  while (e > 0 && IsRegexSpace(f[e - 1])) --e;
  // No mark ends with the bytes of another: at most one fits.
  for (std::string_view mark : {"√", "×", "✓", "✗", "X"}) {
    if (e < mark.size() || f.substr(e - mark.size(), mark.size()) != mark) continue;
    size_t b = e - mark.size();
    while (b > 0 && IsRegexSpace(f[b - 1])) --b;
    if (b == 0 || f[b - 1] != '(') return std::nullopt;
    return TfMark{b - 1, std::string(mark)};
  }
  return std::nullopt;
}

// 共\s*(\d{1,4})\s*(小)?(题|道)   (std::regex_search; the number)
std::string HeadingCount(std::string_view f) {
  for (size_t p = f.find("共"); p != std::string_view::npos; p = f.find("共", p + 1)) {
    size_t a = SkipRegexSpaces(f, p + 3), d = SkipDigits(f, a);
    if (d == a || d - a > 4) continue;
    size_t e = SkipRegexSpaces(f, d);
    if (At(f, e, "小")) e += 3;
    if (WordAt(f, e, {"题", "道"})) return std::string(f.substr(a, d - a));
  }
  return "";
}

// 每(小)?(题|道|空)?\s*(\d{1,4}(\.\d+)?)\s*分   (std::regex_search; the number)
std::string HeadingEach(std::string_view f) {
  for (size_t p = f.find("每"); p != std::string_view::npos; p = f.find("每", p + 1)) {
    size_t q = p + 3;
    if (At(f, q, "小")) q += 3;
    q += WordAt(f, q, {"题", "道", "空"});
    size_t a = SkipRegexSpaces(f, q), d = SkipDigits(f, a);
    if (d == a || d - a > 4) continue;
    if (At(f, d, ".") && d + 1 < f.size() && IsDigit(f[d + 1])) d = SkipDigits(f, d + 1);
    if (At(f, SkipRegexSpaces(f, d), "分")) return std::string(f.substr(a, d - a));
  }
  return "";
}

// (\d{1,5}(\.\d+)?)\s*分   (std::regex_search; the number)
std::string HeadingTotal(std::string_view f) {
  for (size_t a = 0; a < f.size(); ++a) {
    if (!IsDigit(f[a])) continue;
    // A run of digits: a match in it ends where the run does (after a
    // fraction, if any), and starts at most 5 digits before that.
    size_t b = SkipDigits(f, a), end = b;
    if (At(f, b, ".") && b + 1 < f.size() && IsDigit(f[b + 1])) end = SkipDigits(f, b + 1);
    if (At(f, SkipRegexSpaces(f, end), "分")) {
      size_t start = std::max(a, b > 5 ? b - 5 : 0);
      return std::string(f.substr(start, end - start));
    }
    a = b;
  }
  return "";
}

}  // namespace kefu::training::internal

// The paper parser's fixed patterns (parser_internal.h): compact key tokens
// ("1-5 ABCDA", "6.B"), rubric items and ranges, and the splitting of rubric
// text, topics, difficulty and competencies. Each scans forward only, once:
// linear in the text (tests/training/parser_patterns_test.cc).
#include <algorithm>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "training/parser_internal.h"

namespace kefu::training::internal {

// ---- compact keys and rubric items: fixed patterns ---------------------------
// (see parser_internal.h; each quotes the std::regex it replaces)

namespace {

// "\d{1,N}" at `p` as a whole run of digits (a longer run fails the
// patterns below): the offset after it, or p if it is not there.
size_t Digits(std::string_view f, size_t p, size_t most) {
  size_t d = SkipDigits(f, p);
  return d - p > most ? p : d;
}

// A separator after a rubric item or range (also what may follow "N分"):
// its length, 0 if none.
size_t ItemSeparatorAt(std::string_view f, size_t p) { return WordAt(f, p, {":", "-", "—", "–", "、", "."}); }

// "\s*(?::|-|—|–|、|\.)?\s*" at `p`: the offset after it.
size_t SkipItemSeparator(std::string_view f, size_t p) {
  p = SkipRegexSpaces(f, p);
  return SkipRegexSpaces(f, p + ItemSeparatorAt(f, p));
}

bool AsciiLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// The end of a token at `e`: "(?=\s|$)".
bool TokenEnds(std::string_view f, size_t e) { return e == f.size() || IsRegexSpace(f[e]); }

// "\s*(?:\.|、|:|\))?\s*" at `e`: the offset after it.
size_t SkipKeySeparator(std::string_view f, size_t e) {
  e = SkipRegexSpaces(f, e);
  return SkipRegexSpaces(f, e + WordAt(f, e, {".", "、", ":", ")"}));
}

// One unit of a range's run at `e`, a letter or a mark: its length, 0 if none.
size_t RunUnitAt(std::string_view f, size_t e) {
  if (e < f.size() && AsciiLetter(f[e])) return 1;
  return WordAt(f, e, {"√", "×", "✓", "✗", "对", "错"});
}

}  // namespace

// Tried in this order, from `p` (std::regex_search with ^ on the rest):
//   ^\s*(\d{1,4})\s*(?:-|~|—|–|至)\s*(\d{1,4})\s*(?:\.|、|:|\))?\s*((?:[A-Za-z]|√|×|✓|✗|对|错)+)(?=\s|$)
//   ^\s*(\d{1,4})\s*(?:\.|、|:|\))?\s*([A-Za-z]{1,6}|√|×|对|错|正确|错误)(?=\s|$)
std::optional<KeyToken> MatchKeyToken(std::string_view f, size_t p) {
  const size_t a = SkipRegexSpaces(f, p), d = Digits(f, a, 4);
  if (d == a) return std::nullopt;
  KeyToken t;
  t.first = t.last = std::stoi(std::string(f.substr(a, d - a)));
  const size_t q = SkipRegexSpaces(f, d);
  if (size_t dash = WordAt(f, q, {"-", "~", "—", "–", "至"})) {
    // A range, or nothing: no single key starts with a dash.
    const size_t b = SkipRegexSpaces(f, q + dash), d2 = Digits(f, b, 4);
    if (d2 == b) return std::nullopt;
    const size_t r = SkipKeySeparator(f, d2);
    size_t e = r;
    while (size_t n = RunUnitAt(f, e)) e += n;
    if (e == r || !TokenEnds(f, e)) return std::nullopt;
    t.last = std::stoi(std::string(f.substr(b, d2 - b)));
    t.run = std::string(f.substr(r, e - r));
    t.range = true;
    t.end = e;
    return t;
  }
  const size_t r = SkipKeySeparator(f, d);
  size_t e = r;
  while (e < f.size() && AsciiLetter(f[e])) ++e;
  if (e > r) {  // 1-6 letters; no mark starts with a letter
    if (e - r > 6 || !TokenEnds(f, e)) return std::nullopt;
  } else {
    for (std::string_view mark : {"√", "×", "对", "错", "正确", "错误"}) {
      if (At(f, r, mark) && TokenEnds(f, r + mark.size())) {
        e = r + mark.size();
        break;
      }
    }
    if (e == r) return std::nullopt;
  }
  t.run = std::string(f.substr(r, e - r));
  t.end = e;
  return t;
}

// \s*(?:\(\s*(\d{1,3})\s*分\s*\)|(\d{1,3})\s*分(?=\s|:|-|—|–|、|\.|$))\s*(?::|-|—|–|、|\.)?\s*
size_t MatchRubricItem(std::string_view f, size_t p, int* level) {
  const size_t a = SkipRegexSpaces(f, p);
  const bool bracket = At(f, a, "(");
  const size_t n = bracket ? SkipRegexSpaces(f, a + 1) : a, d = Digits(f, n, 3);
  if (d == n) return 0;
  size_t e = SkipRegexSpaces(f, d);
  if (!At(f, e, "分")) return 0;
  e += 3;
  if (bracket) {
    e = SkipRegexSpaces(f, e);
    if (!At(f, e, ")")) return 0;
    ++e;
  } else if (!TokenEnds(f, e) && ItemSeparatorAt(f, e) == 0) {
    return 0;
  }
  *level = std::stoi(std::string(f.substr(n, d - n)));
  return SkipItemSeparator(f, e) - p;
}

// \s*\(?\s*\d{1,3}\s*(?:-|~|—|–|至)\s*\d{1,3}\s*分\s*\)?\s*(?::|-|—|–|、|\.)?\s*
size_t MatchRubricRange(std::string_view f, size_t p) {
  size_t a = SkipRegexSpaces(f, p);
  if (At(f, a, "(")) a = SkipRegexSpaces(f, a + 1);
  size_t d = Digits(f, a, 3);
  if (d == a) return 0;
  size_t e = SkipRegexSpaces(f, d);
  size_t dash = WordAt(f, e, {"-", "~", "—", "–", "至"});
  if (dash == 0) return 0;
  a = SkipRegexSpaces(f, e + dash);
  d = Digits(f, a, 3);
  if (d == a) return 0;
  e = SkipRegexSpaces(f, d);
  if (!At(f, e, "分")) return 0;
  e = SkipRegexSpaces(f, e + 3);
  if (At(f, e, ")")) ++e;
  return SkipItemSeparator(f, e) - p;
}

// ---- rubric text and tags: splitting ----------------------------------------

std::vector<RubricPiece> SplitRubric(const std::string& text) {
  std::vector<RubricPiece> out;
  Folded fd = Fold(text);
  const std::string& f = fd.f;
  if (Trim(f).empty()) return out;
  if (f.size() > kMaxPatternBytes) {
    out.push_back({RubricPiece::kText, 0, Trim(text)});
    return out;
  }
  struct Start {
    size_t at, content;  // where the item starts; where its text starts
    RubricPiece::Kind kind;
    int level;
  };
  std::vector<Start> starts;
  for (size_t c = 0; c < f.size(); ++c) {
    if (c > 0 && f[c - 1] != ';' && !(c >= 3 && f.compare(c - 3, 3, "。") == 0)) continue;
    int level = 0;
    if (size_t n = MatchRubricItem(f, c, &level)) {
      starts.push_back({c, c + n, RubricPiece::kItem, level});
    } else if (size_t r = MatchRubricRange(f, c)) {
      starts.push_back({c, c + r, RubricPiece::kRange, 0});
    }
  }
  // Text up to `end`, without the "；" that separates it from the next item.
  auto piece_text = [&](size_t a, size_t end) {
    if (end > a && f[end - 1] == ';') --end;
    return Orig(text, fd, a, std::max(a, end));
  };
  size_t first = starts.empty() ? f.size() : starts[0].at;
  if (first > 0) {
    std::string t = piece_text(0, first);
    if (!t.empty()) out.push_back({RubricPiece::kText, 0, t});
  }
  for (size_t k = 0; k < starts.size(); ++k) {
    size_t end = k + 1 < starts.size() ? starts[k + 1].at : f.size();
    out.push_back({starts[k].kind, starts[k].level, piece_text(starts[k].content, end)});
  }
  return out;
}

namespace {

// `text` split at each of `seps`, pieces trimmed, empty ones dropped. One
// pass: no separator overlaps another or itself, so this is what replacing
// each separator in turn with a line break and splitting on line breaks
// gave (which rescanned the text from its start for every separator).
std::vector<std::string> SplitOn(std::string_view text, std::initializer_list<std::string_view> seps) {
  std::vector<std::string> out;
  size_t start = 0;
  auto piece = [&](size_t end) {
    std::string t = Trim(text.substr(start, end - start));
    if (!t.empty()) out.push_back(std::move(t));
  };
  for (size_t i = 0; i < text.size();) {
    size_t n = WordAt(text, i, seps);
    if (n == 0) {
      ++i;
      continue;
    }
    piece(i);
    i += n;
    start = i;
  }
  piece(text.size());
  return out;
}

}  // namespace

std::vector<std::string> SplitTopics(const std::string& text) {
  return SplitOn(text, {"、", "，", ",", "；", ";", "/", "|", "\n"});
}

std::optional<std::string> ParseDifficulty(const std::string& text) {
  const std::string folded = Fold(text).f;
  std::string_view f = TrimView(folded);
  while (!f.empty() && (f.back() == '.' || f.ends_with("。"))) {
    f.remove_suffix(f.back() == '.' ? 1 : 3);
    f = TrimView(f);
  }
  static const std::map<std::string, std::string, std::less<>> kLevels = {
      {"易", "easy"},    {"容易", "easy"},  {"简单", "easy"},   {"较易", "easy"},
      {"中", "medium"},  {"中等", "medium"}, {"一般", "medium"}, {"适中", "medium"},
      {"难", "hard"},    {"困难", "hard"},  {"较难", "hard"}};
  auto it = kLevels.find(f);
  if (it == kLevels.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> SplitCompetencies(std::string list) {
  return SplitOn(list, {"以及", "和", "、", "，", ",", "；", ";", "|"});
}

}  // namespace kefu::training::internal

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

// Words too common to require: particles, pronouns, politeness and
// question words. Dropped from queries (a lone one is searched by prefix).
bool IsStopword(const std::string& w) {
  static constexpr std::string_view kStopwords[] = {
      "的", "了", "吗", "呢", "吧", "啊", "呀", "哦", "嘛", "么", "啦", "哈", "呗", "我", "你",
      "他", "她", "它", "在", "和", "与", "及", "也", "都", "就", "很", "太", "给", "把", "被",
      "这", "那", "个", "一", "请", "要", "元", "块",  // 元/块 after an amount: the amount is the term
      "我们", "你们", "他们", "请问", "你好", "怎么", "什么", "为什么", "一下", "可以", "能不能"};
  return std::find(std::begin(kStopwords), std::end(kStopwords), w) != std::end(kStopwords);
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

// Clauses for one run of adjacent Chinese words (no punctuation between):
// words of 3+ characters as themselves or all their bigrams, 2-character
// words as themselves, and a single character as the bigram it forms with
// its next (else previous) neighbour in the run, which any text containing
// the run has. Stopwords are skipped; a run that is one character searches
// by prefix.
void HanRun(const std::vector<const Token*>& run, std::vector<std::string>& clauses,
            std::vector<std::string>& highlight) {
  std::vector<std::string> chars;
  std::vector<size_t> first;  // index in `chars` of each word's first character
  for (const Token* w : run) {
    first.push_back(chars.size());
    for (auto& c : CodePoints(w->text)) chars.push_back(std::move(c));
  }
  auto add = [&](std::string clause, std::string mark) {
    if (std::find(clauses.begin(), clauses.end(), clause) != clauses.end()) return;
    clauses.push_back(std::move(clause));
    highlight.push_back(std::move(mark));
  };
  if (chars.size() == 1) {
    if (!IsStopword(chars[0])) add(Quote(chars[0]) + "*", chars[0]);
    return;
  }
  auto single = [&](size_t k) { return k < run.size() && first[k] + 1 == (k + 1 < run.size() ? first[k + 1] : chars.size()); };
  size_t covered = SIZE_MAX;  // the character the last forward pair ended on
  for (size_t k = 0; k < run.size(); ++k) {
    const std::string& w = run[k]->text;
    std::vector<std::string> cps = CodePoints(w);
    if (IsStopword(w) || (cps.size() == 1 && first[k] == covered)) continue;
    if (cps.size() > 2) {
      add("(" + Quote(w) + " OR " + AllOf(BigramsOf(cps)) + ")", w);
    } else if (cps.size() == 2) {
      add(Quote(w), w);
    } else {
      size_t i = first[k];
      // Pair forward with a following single character, else backward.
      bool forward = single(k + 1) || i == 0;
      std::string pair = forward ? chars[i] + chars[i + 1] : chars[i - 1] + chars[i];
      if (forward) covered = i + 1;
      add(Quote(pair), pair);
    }
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
  std::vector<const Token*> run;  // adjacent Chinese words
  for (const Token& w : words) {
    bool han = w.kind == TokenKind::kWord && IsHanText(w.text);
    if (!run.empty() && !(han && w.begin == run.back()->end)) {
      HanRun(run, clauses, q.highlight_terms);
      run.clear();
    }
    if (han) {
      run.push_back(&w);
    } else if (std::find(clauses.begin(), clauses.end(), Quote(w.text)) == clauses.end()) {
      clauses.push_back(Quote(w.text));
      q.highlight_terms.push_back(w.text);
    }
  }
  if (!run.empty()) HanRun(run, clauses, q.highlight_terms);
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

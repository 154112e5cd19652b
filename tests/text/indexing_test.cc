// Index terms, query parsing and snippets (text/indexing.h). Recall over a
// real index is tested with the store (tests/store/search_store_test.cc).
#include "text/indexing.h"

#include <gtest/gtest.h>

namespace kefu::text {
namespace {

const Tokenizer& Tok() {
  static auto t = std::move(Tokenizer::Create(Tokenizer::BuiltInUserWords())).value();
  return *t;
}

bool HasTerm(const std::string& terms, const std::string& t) {
  return (" " + terms + " ").find(" " + t + " ") != std::string::npos;
}

TEST(IndexTermsTest, WordsBigramsAndIdentifiersOfTheNormalisedText) {
  std::string terms = IndexTerms(Tok(), "訂單O-000123的快遞還沒到，單號ＳＦ1234567890");
  EXPECT_TRUE(HasTerm(terms, "o-000123")) << terms;
  EXPECT_TRUE(HasTerm(terms, "快递")) << terms;
  EXPECT_TRUE(HasTerm(terms, "还没")) << terms;  // a bigram at least
  EXPECT_TRUE(HasTerm(terms, "sf1234567890")) << terms;
  EXPECT_EQ(terms.find("，"), std::string::npos);
  EXPECT_EQ(IndexTerms(Tok(), ""), "");
}

TEST(ParseQueryTest, ClausesForWordsSingleCharactersAndIdentifiers) {
  // A long word: itself or all of its bigrams.
  EXPECT_EQ(ParseQuery(Tok(), "扫地机器人").match,
            "(\"扫地机器人\" OR (\"扫地\" AND \"地机\" AND \"机器\" AND \"器人\"))");
  // Traditional and full-width input is normalised first.
  EXPECT_EQ(ParseQuery(Tok(), "進度").match, ParseQuery(Tok(), "进度").match);
  EXPECT_EQ(ParseQuery(Tok(), "ＳＦ１２３４５６７８９０").match, "\"sf1234567890\"");
  // Particles alone are dropped; nothing searchable gives an empty match.
  EXPECT_EQ(ParseQuery(Tok(), "的了吗？！").match, "");
  EXPECT_EQ(ParseQuery(Tok(), "  ，。 ").match, "");
  // Punctuation separates nothing: both spellings give the same query.
  EXPECT_EQ(ParseQuery(Tok(), "杯子，碎了").match, ParseQuery(Tok(), "杯子碎了").match);
  EXPECT_EQ(ParseQuery(Tok(), "杯子碎了").highlight_terms, (std::vector<std::string>{"杯子", "碎了"}));
}

TEST(ParseQueryTest, SingleCharactersPairWithTheirNeighbours) {
  // 还/没 carry the meaning ("not yet"): they are required, as a bigram.
  EXPECT_EQ(ParseQuery(Tok(), "還沒發貨").match, "\"还没\" AND \"发货\"");
  // No prefix searches inside a run: 货 pairs with 到.
  std::string m = ParseQuery(Tok(), "没收到货").match;
  EXPECT_NE(m.find("\"到货\""), std::string::npos) << m;
  EXPECT_EQ(m.find('*'), std::string::npos) << m;
  // Question words and particles are not required.
  EXPECT_EQ(ParseQuery(Tok(), "请问发货了吗").match, "\"发货\"");
  // A lone character searches by prefix.
  EXPECT_EQ(ParseQuery(Tok(), "碎").match, "\"碎\"*");
}

TEST(ParseQueryTest, QuotesCannotEscapeTheTerm) {
  std::string m = ParseQuery(Tok(), "a\" OR \"b").match;
  EXPECT_EQ(m, "\"a\" AND \"or\" AND \"b\"");
}

TEST(SnippetTest, MarksTraditionalTextForSimplifiedTerms) {
  Snippet s = MakeSnippet("我的快遞還沒到，請幫忙查詢", {"快递", "查询"});
  EXPECT_EQ(s.text, "我的快遞還沒到，請幫忙查詢");
  EXPECT_EQ(s.highlights, (std::vector<std::pair<int, int>>{{2, 4}, {11, 13}}));
}

TEST(SnippetTest, LongTextIsCutAroundTheFirstHit) {
  std::string raw = std::string(100, 'a') + " 退款 " + std::string(100, 'b');
  Snippet s = MakeSnippet(raw, {"退款"}, 40);
  EXPECT_EQ(s.text.rfind("…", 0), 0u);                       // cut at the start
  EXPECT_EQ(s.text.substr(s.text.size() - 3), "…");          // and at the end
  ASSERT_EQ(s.highlights.size(), 1u);
  EXPECT_EQ(s.highlights[0].second - s.highlights[0].first, 2);
  // The marked code points are the term.
  std::u32string u;
  for (size_t i = 0; i < s.text.size();) {
    unsigned char c = static_cast<unsigned char>(s.text[i]);
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    u.push_back(c);
    i += n;
  }
  EXPECT_EQ(u.size(), 42u);  // 40 characters and two ellipses
}

TEST(SnippetTest, NoHitsGivesTheStartAndNoMarks) {
  Snippet s = MakeSnippet("你好", {"退款"});
  EXPECT_EQ(s.text, "你好");
  EXPECT_TRUE(s.highlights.empty());
}

}  // namespace
}  // namespace kefu::text

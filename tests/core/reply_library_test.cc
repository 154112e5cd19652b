// The reply library: template rendering, macro validation, forbidden-phrase
// matching and the send/hold/block decision.
#include "core/reply_library.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kefu {
namespace {

std::string Repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

TemplateVars FullVars() {
  return {{"customer.name", "王芳"},      {"ticket.id", "T-000042"},
          {"order.id", "O-20260101-7"},   {"order.carrier", "顺丰"},
          {"order.tracking_number", "SF1234567890"}, {"order.total", "128.50"},
          {"agent.name", "李娜"}};
}

// ---- templates --------------------------------------------------------------

TEST(TemplateVariablesTest, FixedListInOrder) {
  auto vars = KnownTemplateVariables();
  ASSERT_EQ(vars.size(), 16u);
  EXPECT_EQ(vars.front(), "customer.name");
  EXPECT_EQ(vars[8], "order.total");
  EXPECT_EQ(vars.back(), "sla.resolution_due");
  for (auto v : vars) EXPECT_TRUE(IsKnownTemplateVariable(v)) << v;
  EXPECT_FALSE(IsKnownTemplateVariable("customer"));
  EXPECT_FALSE(IsKnownTemplateVariable("Customer.Name"));
  EXPECT_FALSE(IsKnownTemplateVariable(""));
}

TEST(RenderTemplateTest, SpacesInsideBracesAreOptional) {
  TemplateVars v = FullVars();
  EXPECT_EQ(*RenderTemplate("Hi {{customer.name}}!", v), "Hi 王芳!");
  EXPECT_EQ(*RenderTemplate("Hi {{ customer.name }}!", v), "Hi 王芳!");
  EXPECT_EQ(*RenderTemplate("Hi {{   customer.name}}!", v), "Hi 王芳!");
  EXPECT_EQ(*RenderTemplate("no placeholders", v), "no placeholders");
  EXPECT_EQ(*RenderTemplate("", v), "");
}

TEST(RenderTemplateTest, ChineseTextAroundPlaceholdersIsCopiedVerbatim) {
  auto r = RenderTemplate(
      "亲爱的{{ customer.name }}，您的订单{{order.id}}（¥{{order.total}}）已由"
      "{{order.carrier}}发出，运单号：{{ order.tracking_number }}。祝您生活愉快😊",
      FullVars());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r,
            "亲爱的王芳，您的订单O-20260101-7（¥128.50）已由顺丰发出，运单号：SF1234567890。"
            "祝您生活愉快😊");
}

TEST(RenderTemplateTest, RepeatedVariablesAreAllReplaced) {
  auto r = RenderTemplate("{{ticket.id}}/{{ ticket.id }}/{{ticket.id}}", FullVars());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "T-000042/T-000042/T-000042");
}

TEST(RenderTemplateTest, ValuesAreNotExpandedAgainAndStrayBracesStay) {
  TemplateVars v = FullVars();
  v["customer.name"] = "{{agent.name}}";
  EXPECT_EQ(*RenderTemplate("{{customer.name}}", v), "{{agent.name}}");
  EXPECT_EQ(*RenderTemplate("a }} b {c} {{ticket.id}}} {", v), "a }} b {c} T-000042} {");
}

TEST(RenderTemplateTest, UnknownVariablesAreAllNamedOnce) {
  TemplateVars v = FullVars();
  v["foo"] = "present but still unknown";
  auto r = RenderTemplate("{{foo}} {{ customer.name }} {{order.totl}} {{ foo }}", v);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kValidation);
  EXPECT_EQ(r.status().reason(), "unknown_variable");
  EXPECT_EQ(r.status().message(), "unknown template variables: foo, order.totl");
  EXPECT_EQ(ValidateTemplate("{{foo}} {{order.totl}}").reason(), "unknown_variable");
}

TEST(RenderTemplateTest, MissingOrBlankVariablesAreUnavailable) {
  const std::string tmpl =
      "{{customer.name}}您好，订单{{order.id}}的运单号是{{order.tracking_number}}，"
      "承运商{{order.carrier}}，{{order.id}}";
  EXPECT_TRUE(ValidateTemplate(tmpl).ok());  // saving the macro is fine
  TemplateVars v = FullVars();
  v.erase("order.id");                  // ticket without an order
  v["order.tracking_number"] = "";      // not shipped yet
  v["order.carrier"] = " \xE3\x80\x80";  // blank
  auto r = RenderTemplate(tmpl, v);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kValidation);
  EXPECT_EQ(r.status().reason(), "variable_unavailable");
  EXPECT_EQ(r.status().message(),
            "template variables unavailable: order.id, order.tracking_number, order.carrier");
}

TEST(RenderTemplateTest, UnclosedBracesAreBadTemplate) {
  for (std::string_view t : {"您好 {{customer.name", "{{customer.name}", "{{", "x {{ }"}) {
    Status s = ValidateTemplate(t);
    EXPECT_EQ(s.code(), StatusCode::kValidation) << t;
    EXPECT_EQ(s.reason(), "bad_template") << t;
    EXPECT_NE(s.message().find("unclosed"), std::string::npos) << s.message();
  }
  // Positions are code points, not bytes.
  EXPECT_EQ(ValidateTemplate("您好 {{customer.name").message(),
            "template syntax: unclosed \"{{\" at 3");
  // An unclosed "{{" followed by a good placeholder is reported at its own
  // position, and the rest is still parsed.
  EXPECT_EQ(ValidateTemplate("{{ customer.name } 订单{{order.id}} {{").message(),
            "template syntax: unclosed \"{{\" at 0; unclosed \"{{\" at 34");
  EXPECT_EQ(RenderTemplate("{{ticket.id", FullVars()).status().reason(), "bad_template");
}

TEST(RenderTemplateTest, MalformedNamesAreBadTemplate) {
  for (std::string_view t : {"{{}}", "{{ }}", "{{Customer.Name}}", "{{customer name}}",
                             "{{客户}}", "{{ticket-id}}", "{{\tticket.id}}", "{{{ticket.id}}}"}) {
    Status s = ValidateTemplate(t);
    EXPECT_EQ(s.reason(), "bad_template") << t;
    EXPECT_NE(s.message().find("malformed placeholder"), std::string::npos) << s.message();
  }
  // Every offender is named, and syntax errors win over unknown names.
  EXPECT_EQ(ValidateTemplate("您好{{X}}，{{unknown}}{{ a b }}").message(),
            "template syntax: malformed placeholder \"{{X}}\" at 2; "
            "malformed placeholder \"{{ a b }}\" at 19");
}

// ---- macros -----------------------------------------------------------------

Macro GoodMacro() {
  Macro m;
  m.name = "  物流催件  ";
  m.team = "  ";
  m.locale = "zh-CN";
  m.body = "\xE3\x80\x80{{customer.name}}您好，已为您催件。\n ";
  m.actions.status = TicketStatus::kPendingThirdParty;
  m.actions.add_tags = {" 催件 ", "VIP", "催件"};
  m.actions.priority = Priority::kP2;
  return m;
}

TEST(ValidateMacroTest, TrimsAndNormalises) {
  auto m = ValidateMacro(GoodMacro());
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->name, "物流催件");
  EXPECT_EQ(m->team, "");
  EXPECT_EQ(m->body, "{{customer.name}}您好，已为您催件。");
  EXPECT_EQ(m->actions.add_tags, (std::vector<std::string>{"VIP", "催件"}));
  EXPECT_EQ(m->actions.status, TicketStatus::kPendingThirdParty);
  EXPECT_EQ(m->actions.priority, Priority::kP2);
  Macro en = GoodMacro();
  en.locale = "en";
  en.team = " 售后一组 ";
  auto e = ValidateMacro(en);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->team, "售后一组");
}

TEST(ValidateMacroTest, RefusesBadLocale) {
  for (std::string_view loc : {"", "zh", "zh-cn", "en-US", "zh-TW", " en"}) {
    Macro m = GoodMacro();
    m.locale = std::string(loc);
    auto r = ValidateMacro(m);
    ASSERT_FALSE(r.ok()) << loc;
    EXPECT_EQ(r.status().reason(), "validation_failed");
    EXPECT_NE(r.status().message().find("locale"), std::string::npos);
  }
}

TEST(ValidateMacroTest, RefusesNewAndClosedStatus) {
  for (TicketStatus s : {TicketStatus::kNew, TicketStatus::kClosed}) {
    Macro m = GoodMacro();
    m.actions.status = s;
    auto r = ValidateMacro(m);
    ASSERT_FALSE(r.ok()) << ToString(s);
    EXPECT_EQ(r.status().reason(), "validation_failed");
    EXPECT_NE(r.status().message().find("actions.status"), std::string::npos);
  }
  for (TicketStatus s : {TicketStatus::kOpen, TicketStatus::kPendingCustomer,
                         TicketStatus::kPendingThirdParty, TicketStatus::kResolved}) {
    Macro m = GoodMacro();
    m.actions.status = s;
    EXPECT_TRUE(ValidateMacro(m).ok()) << ToString(s);
  }
  Macro none = GoodMacro();
  none.actions.status.reset();
  EXPECT_TRUE(ValidateMacro(none).ok());
}

TEST(ValidateMacroTest, ChecksLengths) {
  Macro m = GoodMacro();
  m.body = Repeat("好", 5000);  // 15000 bytes, 5000 code points
  EXPECT_TRUE(ValidateMacro(m).ok());
  m.body += "好";
  auto r = ValidateMacro(m);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "validation_failed");
  EXPECT_NE(r.status().message().find("body"), std::string::npos);
  m.body = " \n ";
  EXPECT_EQ(ValidateMacro(m).status().reason(), "validation_failed");

  m = GoodMacro();
  m.name = Repeat("名", 100);
  EXPECT_TRUE(ValidateMacro(m).ok());
  m.name += "名";
  EXPECT_EQ(ValidateMacro(m).status().reason(), "validation_failed");
  m.name = "\xE3\x80\x80";
  EXPECT_EQ(ValidateMacro(m).status().reason(), "validation_failed");
  m.name = "bad\xFFutf8";
  EXPECT_EQ(ValidateMacro(m).status().reason(), "validation_failed");
}

TEST(ValidateMacroTest, RefusesBadTagsAndBadTemplates) {
  Macro m = GoodMacro();
  m.actions.add_tags = {"a,b"};
  EXPECT_EQ(ValidateMacro(m).status().reason(), "validation_failed");
  m = GoodMacro();
  m.body = "{{customer.nam}}您好";
  EXPECT_EQ(ValidateMacro(m).status().reason(), "unknown_variable");
  m.body = "{{customer.name}您好";
  EXPECT_EQ(ValidateMacro(m).status().reason(), "bad_template");
}

// ---- forbidden phrases ------------------------------------------------------

ForbiddenPhrase Phrase(std::string id, std::string phrase, bool blocking = false) {
  return ForbiddenPhrase{std::move(id), std::move(phrase), blocking, "reason"};
}

std::string_view Span(std::string_view text, const PhraseMatch& m) {
  return text.substr(m.begin, m.end - m.begin);
}

TEST(ValidatePhraseTest, LengthsAndContent) {
  EXPECT_TRUE(ValidatePhrase({"F-000001", "不归我们管", true, "推诿"}).ok());
  EXPECT_TRUE(ValidatePhrase({"", Repeat("字", 100), false, Repeat("理", 200)}).ok());
  EXPECT_EQ(ValidatePhrase({"", Repeat("字", 101), false, ""}).reason(), "validation_failed");
  EXPECT_EQ(ValidatePhrase({"", "ok", false, Repeat("理", 201)}).reason(), "validation_failed");
  EXPECT_EQ(ValidatePhrase({"", "  ", false, ""}).reason(), "validation_failed");
  // Only separators: would fold to nothing.
  for (std::string_view p : {"***", " 、。 ", "-_-", "\xE3\x80\x80·"}) {
    Status s = ValidatePhrase({"", std::string(p), false, ""});
    EXPECT_EQ(s.reason(), "validation_failed") << p;
  }
  EXPECT_FALSE(ValidatePhrase({"", "bad\xC3", false, ""}).ok());
}

TEST(FoldForPhraseMatchTest, CaseFullWidthSpacesAndSeparators) {
  EXPECT_EQ(FoldForPhraseMatch("It's NOT our ＦＡＵＬＴ"), U"it'snotourfault");
  EXPECT_EQ(FoldForPhraseMatch("不 归*我·们、管。"), U"不归我们管");
  EXPECT_EQ(FoldForPhraseMatch("１２３，ａ｜Ｂ～c"), U"123abc");
  EXPECT_EQ(FoldForPhraseMatch("不\xE3\x80\x80归\xE2\x80\x8B我"), U"不归我");  // U+3000, U+200B
  EXPECT_EQ(FoldForPhraseMatch("不歸我們管"), U"不歸我們管");  // no traditional folding
}

TEST(FindForbiddenPhrasesTest, PlainMatchMapsBackToOriginalBytes) {
  std::vector<ForbiddenPhrase> ps = {{"F-000001", "不归我们管", true, "推诿客户"}};
  std::string text = "亲，这个问题不归我们管哦";
  auto m = FindForbiddenPhrases(text, ps);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].phrase_id, "F-000001");
  EXPECT_EQ(m[0].phrase, "不归我们管");
  EXPECT_TRUE(m[0].blocking);
  EXPECT_EQ(m[0].reason, "推诿客户");
  EXPECT_EQ(m[0].begin, 18u);  // 6 code points of 3 bytes
  EXPECT_EQ(Span(text, m[0]), "不归我们管");
}

TEST(FindForbiddenPhrasesTest, SpacesAndSeparatorsDoNotEvade) {
  std::vector<ForbiddenPhrase> ps = {Phrase("F-1", "不归我们管")};
  struct Case {
    std::string text, span;
  };
  for (const Case& c : std::vector<Case>{
           {"这 不 归 我 们 管。", "不 归 我 们 管"},
           {"不*归*我*们*管", "不*归*我*们*管"},
           {"说了不-归_我.们,管~啦", "不-归_我.们,管"},
           {"「不、归，我。们·管|」", "不、归，我。们·管"},
           {"不\xE3\x80\x80归\t我\n们 ~ 管", "不\xE3\x80\x80归\t我\n们 ~ 管"},
           {"不～归｜我＊们－管", "不～归｜我＊们－管"},  // full-width separators
       }) {
    auto m = FindForbiddenPhrases(c.text, ps);
    ASSERT_EQ(m.size(), 1u) << c.text;
    EXPECT_EQ(Span(c.text, m[0]), c.span) << c.text;
  }
}

TEST(FindForbiddenPhrasesTest, CaseAndFullWidthDoNotEvade) {
  std::vector<ForbiddenPhrase> ps = {Phrase("F-2", "it's not our fault")};
  for (std::string text : {"Well, IT'S NOT OUR FAULT.", "ｉｔ＇ｓ ｎｏｔ ｏｕｒ ｆａｕｌｔ",
                           "It's not-our-fault!", "ＩＴ'S NOT OUR FAULT"}) {
    auto m = FindForbiddenPhrases(text, ps);
    ASSERT_EQ(m.size(), 1u) << text;
    std::string_view span = Span(text, m[0]);
    EXPECT_TRUE(span.starts_with("I") || span.starts_with("i") || span.starts_with("ｉ") ||
                span.starts_with("Ｉ"))
        << span;
    EXPECT_TRUE(span.ends_with("T") || span.ends_with("t") || span.ends_with("ｔ")) << span;
  }
  EXPECT_EQ(Span("Well, IT'S NOT OUR FAULT.",
                 FindForbiddenPhrases("Well, IT'S NOT OUR FAULT.", ps).at(0)),
            "IT'S NOT OUR FAULT");
  // The phrase is folded too.
  std::vector<ForbiddenPhrase> wide = {Phrase("F-3", " 保证 全额 赔偿 "), Phrase("F-4", "ＳＵＥ")};
  std::string text = "我们保证全额赔偿，不然你去 sue 吧";
  auto m = FindForbiddenPhrases(text, wide);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(Span(text, m[0]), "保证全额赔偿");
  EXPECT_EQ(Span(text, m[1]), "sue");
}

TEST(FindForbiddenPhrasesTest, SeveralPhrasesAndOccurrencesLeftmostFirst) {
  std::vector<ForbiddenPhrase> ps = {Phrase("F-A", "全额赔偿", false), Phrase("F-B", "不归我们管", true),
                                     Phrase("F-C", "保证全额赔偿", false)};
  std::string text = "这不归我们管。我们保证全额赔偿，再说一次：不 归 我 们 管，全额赔偿！";
  auto m = FindForbiddenPhrases(text, ps);
  ASSERT_EQ(m.size(), 5u);
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& x : m) got.emplace_back(x.phrase_id, std::string(Span(text, x)));
  EXPECT_EQ(got, (std::vector<std::pair<std::string, std::string>>{
                     {"F-B", "不归我们管"},
                     {"F-C", "保证全额赔偿"},
                     {"F-A", "全额赔偿"},
                     {"F-B", "不 归 我 们 管"},
                     {"F-A", "全额赔偿"}}));
  for (size_t i = 1; i < m.size(); ++i) EXPECT_LE(m[i - 1].begin, m[i].begin);
  EXPECT_TRUE(m[0].blocking);
  EXPECT_FALSE(m[1].blocking);
}

TEST(FindForbiddenPhrasesTest, NonOverlappingOccurrencesOfOnePhrase) {
  std::vector<ForbiddenPhrase> ps = {Phrase("F-1", "哈哈")};
  auto m = FindForbiddenPhrases("哈哈哈哈哈", ps);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].begin, 0u);
  EXPECT_EQ(m[1].begin, 6u);
}

TEST(FindForbiddenPhrasesTest, NoFalsePositivesOnNearMisses) {
  std::vector<ForbiddenPhrase> ps = {Phrase("F-1", "不归我们管"), Phrase("F-2", "sue"),
                                     Phrase("F-3", "not our fault"), Phrase("F-4", "***")};
  for (std::string_view text :
       {"这不归你们管", "不归我管", "我们管不归", "不归我们 的管", "不归我们", "please fix the issue",
        "the default is not ours", "not our faults", "cannot our fault", "sued", "SUEZ canal",
        "***", "", "不歸我們管"}) {
    EXPECT_TRUE(FindForbiddenPhrases(text, ps).empty()) << text;
  }
  // Word edges are judged on the original text, so separators mark them.
  EXPECT_EQ(FindForbiddenPhrases("please sue.", ps).size(), 1u);
  EXPECT_EQ(FindForbiddenPhrases("is-sue", ps).size(), 1u);
  EXPECT_EQ(FindForbiddenPhrases("起诉sue吧", ps).size(), 1u);
  EXPECT_TRUE(FindForbiddenPhrases("不归我们管", {}).empty());
}

TEST(FindForbiddenPhrasesTest, InvalidUtf8IsHarmless) {
  std::vector<ForbiddenPhrase> ps = {Phrase("F-1", "不归我们管")};
  std::string text = "\xFF不归我们管\xE4\xB8";
  auto m = FindForbiddenPhrases(text, ps);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(Span(text, m[0]), "不归我们管");
}

// ---- verdict ----------------------------------------------------------------

TEST(DecideReplyTest, TruthTable) {
  PhraseMatch soft;
  PhraseMatch hard;
  hard.blocking = true;
  std::vector<PhraseMatch> none, soft_only = {soft, soft}, hard_only = {hard},
                                 mixed = {soft, hard};
  EXPECT_EQ(DecideReply(none, false), ReplyVerdict::kSend);
  EXPECT_EQ(DecideReply(none, true), ReplyVerdict::kSend);
  EXPECT_EQ(DecideReply(soft_only, false), ReplyVerdict::kHold);
  EXPECT_EQ(DecideReply(soft_only, true), ReplyVerdict::kSend);
  EXPECT_EQ(DecideReply(hard_only, false), ReplyVerdict::kBlock);
  EXPECT_EQ(DecideReply(hard_only, true), ReplyVerdict::kBlock);
  EXPECT_EQ(DecideReply(mixed, false), ReplyVerdict::kBlock);
  EXPECT_EQ(DecideReply(mixed, true), ReplyVerdict::kBlock);
  EXPECT_EQ(ToString(ReplyVerdict::kSend), "send");
  EXPECT_EQ(ToString(ReplyVerdict::kHold), "hold");
  EXPECT_EQ(ToString(ReplyVerdict::kBlock), "block");
}

}  // namespace
}  // namespace kefu

#include "service/bot_service.h"

#include <cstdio>

#include "common/utf8.h"
#include "core/after_sales.h"
#include "core/bot_followup.h"
#include "core/calendar.h"
#include "core/escalation.h"
#include "core/logistics.h"
#include "core/validation.h"
#include "text/intents.h"

namespace kefu {
namespace {

constexpr int kChinaOffsetMinutes = 8 * 60;  // customers' times are shown in Beijing time

std::string When(Timestamp t) {
  return FormatLocalTime(t, kChinaOffsetMinutes);  // "2026-11-21 17:36"
}

std::string_view ShipmentStatusZh(ShipmentStatus s) {
  switch (s) {
    case ShipmentStatus::kCreated: return "已揽收，等待运输";
    case ShipmentStatus::kInTransit: return "正在运输途中";
    case ShipmentStatus::kOutForDelivery: return "正在派送";
    case ShipmentStatus::kDelivered: return "已签收";
    case ShipmentStatus::kException: return "出现异常";
  }
  return "";
}

std::string_view AfterSalesStatusZh(AfterSalesStatus s) {
  switch (s) {
    case AfterSalesStatus::kRequested: return "已提交，等待审核";
    case AfterSalesStatus::kApproved: return "已通过审核";
    case AfterSalesStatus::kRejected: return "未通过审核";
    case AfterSalesStatus::kAwaitingReturnShipment: return "等待您寄回商品";
    case AfterSalesStatus::kReceived: return "我们已收到退回的商品";
    case AfterSalesStatus::kInspected: return "商品已检验，正在处理退款";
    case AfterSalesStatus::kRefunded: return "已退款";
    case AfterSalesStatus::kExchanged: return "已换货";
    case AfterSalesStatus::kRepaired: return "已维修";
    case AfterSalesStatus::kCancelled: return "已取消";
    case AfterSalesStatus::kResent: return "已补发，请留意新的物流单号";
    case AfterSalesStatus::kRefused: return "不符合售后政策，客服会为您说明可选的处理方式";
  }
  return "";
}

// The first `n` code points of `s`.
std::string Prefix(const std::string& s, size_t n) {
  size_t i = 0, cps = 0;
  while (i < s.size() && cps < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ++cps;
  }
  return i < s.size() ? s.substr(0, i) + "…" : s;
}

std::string Confidence(double c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", c);
  return buf;
}

}  // namespace

StatusOr<std::optional<BotAnswer>> BotService::FromCustomerData(const std::string& customer_id,
                                                                const std::string& category,
                                                                double confidence) {
  if (customer_id.empty()) return std::optional<BotAnswer>();
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  if (category == "logistics_delay" || category == "shipping_not_sent") {
    KEFU_ASSIGN_OR_RETURN(auto shipments, store_.ListShipments(*txn, "", customer_id));
    if (!shipments.empty()) {
      const Shipment& s = shipments.front();  // the newest
      std::string text = "您的订单 " + s.order_id + " 的包裹（" + s.carrier + " " + s.tracking_number +
                         "）" + std::string(ShipmentStatusZh(s.status));
      if (s.exception != LogisticsException::kNone) {
        text += "：" + std::string(ExceptionLabelZh(s.exception));
      }
      KEFU_ASSIGN_OR_RETURN(auto events, store_.ListTrackingEvents(*txn, s.id));
      if (!events.empty()) {
        const TrackingEvent& e = events.back();
        text += "。最新进展（" + When(e.at) + "）：" + e.location +
                (e.location.empty() || e.description.empty() ? "" : " ") + e.description;
      }
      return std::optional<BotAnswer>(BotAnswer{"shipment", text + "。", "", confidence});
    }
    OrderFilter f;
    f.customer_id = customer_id;
    f.limit = 5;
    KEFU_ASSIGN_OR_RETURN(auto orders, store_.ListOrders(*txn, f));
    for (const Order& o : orders) {
      if (o.paid_at && !o.shipped_at) {
        return std::optional<BotAnswer>(BotAnswer{
            "order",
            "您的订单 " + o.id + " 已于 " + When(*o.paid_at) + " 付款，目前还未发货，仓库会尽快安排，发货后您会收到物流单号。",
            "", confidence});
      }
    }
  }
  if (category == "refund_progress") {
    AfterSalesFilter f;
    f.customer_id = customer_id;
    f.limit = 1;
    KEFU_ASSIGN_OR_RETURN(auto requests, store_.ListAfterSales(*txn, f));
    if (!requests.empty()) {
      const AfterSalesRequest& r = requests.front();
      std::string text = "您的售后申请 " + r.id + "（订单 " + r.order_id + "）当前状态：" +
                         std::string(AfterSalesStatusZh(r.status));
      if (r.status == AfterSalesStatus::kRefunded && r.refunded_at) {
        text += "，已于 " + When(*r.refunded_at) + " 退款 ¥" + FormatYuan(r.refund_fen) +
                "，到账时间以支付渠道为准";
      } else if (r.refund_due) {
        text += "，预计 " + FormatLocalDate(*r.refund_due, kChinaOffsetMinutes) + " 前退款";
      }
      return std::optional<BotAnswer>(BotAnswer{"after_sales", text + "。", "", confidence});
    }
  }
  return std::optional<BotAnswer>();
}

StatusOr<std::optional<BotAnswer>> BotService::FromArticles(const std::string& question,
                                                            const std::string& category,
                                                            double confidence) {
  SearchFilter f;
  f.type = "article";
  f.published_only = true;
  f.match = text::ParseQuery(analyzer_.tokenizer(), question, /*any=*/true).match;
  f.limit = 5;
  if (f.match.empty()) return std::optional<BotAnswer>();
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(auto hits, store_.Search(*txn, f));
  // The best-ranked article about what the classifier thinks is asked.
  for (const SearchHit& h : hits) {
    KEFU_ASSIGN_OR_RETURN(Article art, store_.GetArticle(*txn, h.ref));
    if (art.category != category) continue;
    return std::optional<BotAnswer>(
        BotAnswer{"article", art.title + "\n" + Prefix(art.body, 500), art.id, confidence});
  }
  return std::optional<BotAnswer>();
}

StatusOr<BotReply> BotService::Ask(const Actor& a, const BotQuestion& q) {
  KEFU_RETURN_IF_ERROR(CheckText("text", q.text, 1, 2000));
  BotQuestion question = q;
  if (a.role == Role::kCustomer) {
    if (!q.customer_id.empty() && q.customer_id != a.customer_id) {
      return NotFound("customer " + q.customer_id + " not found");
    }
    question.customer_id = a.customer_id;
  } else if (!q.customer_id.empty()) {
    KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
    KEFU_RETURN_IF_ERROR(store_.GetCustomer(*txn, q.customer_id).status());
  }
  TextFindings f = text_.Examine(q.text, /*classify=*/true);
  std::string normalized = text::DefaultNormalizer().Normalize(q.text);
  BotInput in;
  in.asks_for_person = text::AsksForPerson(normalized);
  in.threat_signals = f.threat_signals;
  in.dispute_signals = text::DisputeSignals(normalized);
  in.negative = f.sentiment == text::Sentiment::kNegative;
  BotReply r;
  if (!f.categories.empty()) {
    in.category = r.category = f.categories.front().label;
    in.category_confidence = r.confidence = f.categories.front().confidence;
  }
  KEFU_ASSIGN_OR_RETURN(in.data_answer, FromCustomerData(question.customer_id, in.category, r.confidence));
  KEFU_ASSIGN_OR_RETURN(in.article_answer, FromArticles(q.text, in.category, r.confidence));
  r.decision = DecideBot(in, kBotMinConfidence);
  KEFU_RETURN_IF_ERROR(Record(a, question, r));
  return r;
}

Status BotService::Record(const Actor& a, const BotQuestion& q, BotReply& r) {
  if (q.customer_id.empty()) return OkStatus();  // staff trying the bot out: nothing to record
  const Actor& bot = SystemActor();
  if (q.ticket_id.empty()) {
    NewTicket n;
    n.subject = Prefix(q.text, 60);
    n.body = q.text;
    n.channel = Channel::kChat;
    n.customer_id = q.customer_id;
    KEFU_ASSIGN_OR_RETURN(CreateTicketResult created, tickets_.Create(a, n, "", ""));
    r.ticket_id = created.ticket.id;
  } else {
    bool customer = a.role == Role::kCustomer;
    KEFU_RETURN_IF_ERROR(
        tickets_.AddMessage(a, q.ticket_id, customer ? q.text : "客户：" + q.text, !customer).status());
    r.ticket_id = q.ticket_id;
  }
  const BotDecision& d = r.decision;
  std::string note = "[智能客服] ";
  if (d.handoff) {
    note += "转人工，原因：" + d.reason + "（分类 " + (r.category.empty() ? "-" : r.category) +
            "，置信度 " + Confidence(r.confidence) + "）";
  } else {
    note += "已回答（来源 " + d.answer->source +
            (d.answer->article_id.empty() ? "" : " " + d.answer->article_id) + "，置信度 " +
            Confidence(d.answer->confidence) + "）：\n" + d.answer->text;
  }
  KEFU_RETURN_IF_ERROR(tickets_.AddMessage(bot, r.ticket_id, note, true).status());
  // The customer's copy of the transcript: the bot's words, on the ticket.
  KEFU_ASSIGN_OR_RETURN(Ticket t, tickets_.AddBotReply(r.ticket_id, d.handoff ? kBotHandoffMessage : d.answer->text,
                                                       d.handoff ? "handoff" : "answer"));
  if (d.handoff) {
    TicketPatch p;
    p.tags = t.tags;
    p.tags->push_back(kBotHandoffTag);
    return tickets_.Patch(bot, r.ticket_id, p).status();
  }
  // Did it help? The ticket waits on the customer's answer.
  r.confirm = true;
  return tickets_
      .Apply(bot, r.ticket_id,
             [](Txn&, const Ticket& t, Timestamp now) { return AskBotConfirmation(t, now); })
      .status();
}

}  // namespace kefu

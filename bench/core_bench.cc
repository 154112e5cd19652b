// Micro-benchmarks of the pure core (core/) and of the JSON mapping of a
// ticket (api/json_codec.h). No I/O: these bound what one request can cost
// before SQLite and the network are involved. Run by bench/run_all.sh;
// figures in docs/performance.md.
#include <benchmark/benchmark.h>

#include <array>
#include <cstdlib>
#include <string>

#include "api/json_codec.h"
#include "core/ticket_rules.h"

namespace kefu {
namespace {

constexpr Timestamp kNow{1'790'000'000'000};  // 2026-09-21, any fixed time will do

const Actor kAgent{"li.na", Role::kAgent, ""};
const Actor kManager{"wang.min", Role::kManager, ""};

NewTicket SampleNewTicket() {
  NewTicket n;
  n.subject = "  快递三天没有更新物流信息，请帮忙查一下  ";
  n.body = "您好，我在双十一下单的羽绒服（订单尾号 4821）显示已发货，但物流信息三天没有更新了。"
           "麻烦帮我联系一下快递公司，谢谢！";
  n.channel = Channel::kChat;
  n.customer_id = "C-000003";
  n.category = "logistics_delay";
  n.priority = Priority::kP2;
  n.tags = {"双十一", "物流", "vip", "物流"};  // one duplicate, as users type them
  return n;
}

// A ticket as it is after OpenTicket: new, unassigned, three tags.
Ticket SampleTicket() {
  auto c = OpenTicket(SampleNewTicket(), "T-000123", kAgent, kNow);
  if (!c.ok()) std::abort();
  return c->ticket;
}

// A ticket an agent has replied to: open, owned and assigned.
Ticket OpenSampleTicket() {
  auto c = AddMessage(SampleTicket(), kAgent, "您好，已为您催促快递公司。", false, kNow);
  if (!c.ok()) std::abort();
  return c->ticket;
}

void BM_OpenTicket(benchmark::State& state) {
  const NewTicket n = SampleNewTicket();
  const std::string id = "T-000123";
  for (auto _ : state) {
    auto c = OpenTicket(n, id, kAgent, kNow);
    benchmark::DoNotOptimize(c);
  }
}
BENCHMARK(BM_OpenTicket);

// The first public reply of an agent: sets first_response_at, the owner
// (首问负责) and the assignee, and opens the ticket: four events.
void BM_AddMessage_FirstReply(benchmark::State& state) {
  const Ticket t = SampleTicket();
  for (auto _ : state) {
    auto c = AddMessage(t, kAgent, "您好，已为您催促快递公司，预计明天更新物流。", false, kNow);
    benchmark::DoNotOptimize(c);
  }
}
BENCHMARK(BM_AddMessage_FirstReply);

void BM_Transition(benchmark::State& state) {
  const Ticket t = OpenSampleTicket();
  for (auto _ : state) {
    auto c = Transition(t, kAgent, TicketStatus::kResolved, "已补发", kNow);
    benchmark::DoNotOptimize(c);
  }
}
BENCHMARK(BM_Transition);

// Replaces the tag set (two removed, two added) and raises the priority.
void BM_Patch_Tags(benchmark::State& state) {
  const Ticket t = OpenSampleTicket();
  TicketPatch p;
  p.priority = Priority::kP1;
  p.tags = std::vector<std::string>{"物流", "催单", "投诉风险"};
  p.expected_version = t.version;
  for (auto _ : state) {
    auto c = Patch(t, kManager, p, kNow);
    benchmark::DoNotOptimize(c);
  }
}
BENCHMARK(BM_Patch_Tags);

// All 36 (from, to) pairs per iteration.
void BM_IsLegalTransition(benchmark::State& state) {
  constexpr int kStates = static_cast<int>(TicketStatus::kClosed) + 1;
  for (auto _ : state) {
    int legal = 0;
    for (int f = 0; f < kStates; ++f) {
      for (int t = 0; t < kStates; ++t) {
        TicketStatus from = static_cast<TicketStatus>(f), to = static_cast<TicketStatus>(t);
        benchmark::DoNotOptimize(from);
        benchmark::DoNotOptimize(to);
        legal += IsLegalTransition(from, to) ? 1 : 0;
      }
    }
    benchmark::DoNotOptimize(legal);
  }
  state.SetItemsProcessed(state.iterations() * kStates * kStates);
}
BENCHMARK(BM_IsLegalTransition);

// Building the JSON object of one ticket (as each list item is built).
void BM_ToJson_Ticket(benchmark::State& state) {
  const Ticket t = OpenSampleTicket();
  for (auto _ : state) {
    api::json j = api::ToJson(t, kAgent);
    benchmark::DoNotOptimize(j);
  }
}
BENCHMARK(BM_ToJson_Ticket);

// The same plus serialising it, as the response writer does.
void BM_ToJson_Ticket_Dump(benchmark::State& state) {
  const Ticket t = OpenSampleTicket();
  for (auto _ : state) {
    std::string s = api::ToJson(t, kAgent).dump(-1, ' ', false, api::json::error_handler_t::replace);
    benchmark::DoNotOptimize(s);
  }
}
BENCHMARK(BM_ToJson_Ticket_Dump);

// Parsing a POST /api/v1/tickets body into a NewTicket.
void BM_ParseNewTicket(benchmark::State& state) {
  const std::string body =
      R"({"subject":"快递三天没有更新物流信息","body":"您好，我在双十一下单的羽绒服显示已发货，)"
      R"(但物流信息三天没有更新了。","customer":"C-000003","channel":"chat","priority":"P2",)"
      R"("category":"logistics_delay","tags":["双十一","物流"]})";
  for (auto _ : state) {
    auto n = api::ParseNewTicket(api::json::parse(body));
    benchmark::DoNotOptimize(n);
  }
}
BENCHMARK(BM_ParseNewTicket);

}  // namespace
}  // namespace kefu

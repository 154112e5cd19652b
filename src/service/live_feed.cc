#include "service/live_feed.h"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <unordered_map>
#include <vector>

#include "core/access.h"
#include "core/enums.h"

namespace kefu {

void LiveFeed::Start(std::chrono::milliseconds interval, std::chrono::seconds keep_alive) {
  if (thread_.joinable()) return;
  stop_ = false;
  (void)PollOnce();
  thread_ = std::thread([this, interval, keep_alive] {
    auto next_keep_alive = std::chrono::steady_clock::now() + keep_alive;
    std::unique_lock<std::mutex> lock(run_mu_);
    while (!run_cv_.wait_for(lock, interval, [this] { return stop_; })) {
      lock.unlock();
      if (Status st = PollOnce(); !st.ok()) spdlog::warn("live feed: {}", st.ToString());
      if (std::chrono::steady_clock::now() >= next_keep_alive) {
        KeepAlive();
        next_keep_alive = std::chrono::steady_clock::now() + keep_alive;
      }
      lock.lock();
    }
  });
}

void LiveFeed::Stop() {
  {
    std::lock_guard<std::mutex> lock(run_mu_);
    stop_ = true;
  }
  run_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

int64_t LiveFeed::Subscribe(const Actor& a, const std::string& ticket, Sink sink) {
  auto s = std::make_shared<Subscriber>();
  s->actor = a;
  s->ticket = ticket;
  s->sink = std::move(sink);
  std::lock_guard<std::mutex> lock(mu_);
  int64_t id = next_id_++;
  subs_.emplace(id, std::move(s));
  return id;
}

void LiveFeed::Unsubscribe(int64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  subs_.erase(id);
}

void LiveFeed::DropAll() {
  std::lock_guard<std::mutex> lock(mu_);
  subs_.clear();
}

size_t LiveFeed::Subscribers() const {
  std::lock_guard<std::mutex> lock(mu_);
  return subs_.size();
}

void LiveFeed::Deliver(const std::function<bool(const Subscriber&)>& want, std::string_view event,
                       const std::string& data) {
  std::vector<std::pair<int64_t, std::shared_ptr<Subscriber>>> targets;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [id, s] : subs_) {
      if (want(*s)) targets.emplace_back(id, s);
    }
  }
  std::vector<int64_t> dead;
  for (auto& [id, s] : targets) {
    std::lock_guard<std::mutex> lock(s->mu);
    if (!s->sink(event, data)) dead.push_back(id);
  }
  if (dead.empty()) return;
  std::lock_guard<std::mutex> lock(mu_);
  for (int64_t id : dead) subs_.erase(id);
}

Status LiveFeed::PollOnce() {
  std::lock_guard<std::mutex> poll_lock(poll_mu_);
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  if (last_seq_ < 0) {
    KEFU_ASSIGN_OR_RETURN(last_seq_, store_.LatestEventSeq(*txn));
    return OkStatus();
  }
  KEFU_ASSIGN_OR_RETURN(std::vector<EventHead> events, store_.ListEventHeadsAfter(*txn, last_seq_, 1000));
  if (events.empty()) return OkStatus();
  last_seq_ = events.back().seq;
  if (Subscribers() == 0) return OkStatus();
  std::unordered_map<std::string, std::optional<Ticket>> tickets;
  for (const EventHead& e : events) {
    auto it = tickets.find(e.ticket_id);
    if (it == tickets.end()) {
      auto t = store_.GetTicket(*txn, e.ticket_id);
      it = tickets.emplace(e.ticket_id, t.ok() ? std::optional<Ticket>(*t) : std::nullopt).first;
    }
    if (!it->second) continue;
    const Ticket& t = *it->second;
    std::string data = nlohmann::json{{"seq", e.seq},
                                      {"ticket", e.ticket_id},
                                      {"type", ToString(e.type)},
                                      {"actor", e.actor},
                                      {"at", FormatIso8601(e.at)}}
                           .dump();
    Deliver(
        [&](const Subscriber& s) {
          if (!s.ticket.empty() && s.ticket != e.ticket_id) return false;
          if (s.actor.role == Role::kCustomer && !e.is_public) return false;
          return CanSee(s.actor, t);
        },
        "ticket", data);
  }
  return OkStatus();
}

void LiveFeed::PublishPresence(const Ticket& ticket, const std::string& from, const std::string& data) {
  Deliver(
      [&](const Subscriber& s) {
        if (!s.ticket.empty() && s.ticket != ticket.id) return false;
        return s.actor.role != Role::kCustomer && s.actor.login != from && CanSee(s.actor, ticket);
      },
      "presence", data);
}

void LiveFeed::KeepAlive() {
  Deliver([](const Subscriber&) { return true; }, "", "");
}

}  // namespace kefu

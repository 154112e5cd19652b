#include "service/live_feed.h"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <optional>
#include <unordered_map>
#include <vector>

#include "core/access.h"
#include "core/enums.h"

namespace kefu {

LiveFeed::LiveFeed(Store& store, AuthService& auth, LiveFeedOptions options)
    : store_(store), auth_(auth), options_(options) {
  auth_.AddSessionObserver(this);
}

LiveFeed::~LiveFeed() {
  Stop();
  auth_.RemoveSessionObserver(this);
}

void LiveFeed::Start(std::chrono::milliseconds interval, std::chrono::seconds keep_alive) {
  if (thread_.joinable()) return;
  stop_ = false;
  (void)PollOnce();
  thread_ = std::thread([this, interval, keep_alive] {
    using Clock = std::chrono::steady_clock;
    auto next_keep_alive = Clock::now() + keep_alive;
    auto next_check = Clock::now() + options_.check_every;
    std::unique_lock<std::mutex> lock(run_mu_);
    while (!run_cv_.wait_for(lock, interval, [this] { return stop_; })) {
      lock.unlock();
      if (Status st = PollOnce(); !st.ok()) spdlog::warn("live feed: {}", st.ToString());
      if (Clock::now() >= next_keep_alive) {
        KeepAlive();
        next_keep_alive = Clock::now() + keep_alive;
      }
      if (Clock::now() >= next_check) {
        CheckConnections();
        Recheck(Clock::now());
        next_check = Clock::now() + options_.check_every;
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

StatusOr<int64_t> LiveFeed::Subscribe(Subscription sub) {
  auto s = std::make_shared<Subscriber>();
  s->sub = std::move(sub);
  std::lock_guard<std::mutex> lock(mu_);
  size_t& held = per_user_[s->sub.actor.login];
  if (options_.max_per_user > 0 && held >= options_.max_per_user) {
    return Status(StatusCode::kResourceExhausted, "too_many_streams",
                  "at most " + std::to_string(options_.max_per_user) +
                      " event streams per user may be open at once; close one first");
  }
  ++held;
  s->recheck_at = std::chrono::steady_clock::now() + options_.recheck_every;
  int64_t id = next_id_++;
  subs_.emplace(id, std::move(s));
  return id;
}

LiveFeed::SubscriberMap::iterator LiveFeed::EraseLocked(SubscriberMap::iterator it) {
  auto held = per_user_.find(it->second->sub.actor.login);
  if (held != per_user_.end() && --held->second == 0) per_user_.erase(held);
  return subs_.erase(it);
}

void LiveFeed::Unsubscribe(int64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = subs_.find(id); it != subs_.end()) EraseLocked(it);
}

void LiveFeed::DropAll() {
  std::lock_guard<std::mutex> lock(mu_);
  subs_.clear();
  per_user_.clear();
}

size_t LiveFeed::Subscribers() const {
  std::lock_guard<std::mutex> lock(mu_);
  return subs_.size();
}

void LiveFeed::Visit(const std::function<bool(const Subscriber&)>& want,
                     const std::function<bool(Subscriber&)>& call) {
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
    if (!s->ended && !call(*s)) dead.push_back(id);
  }
  if (dead.empty()) return;
  std::lock_guard<std::mutex> lock(mu_);
  for (int64_t id : dead) {
    if (auto it = subs_.find(id); it != subs_.end()) EraseLocked(it);
  }
}

void LiveFeed::Deliver(const std::function<bool(const Subscriber&)>& want, std::string_view event,
                       const std::string& data) {
  Visit(want, [&](Subscriber& s) { return s.sub.sink(event, data); });
}

void LiveFeed::End(const std::function<bool(const Subscriber&)>& which) {
  std::vector<std::shared_ptr<Subscriber>> ended;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto it = subs_.begin(); it != subs_.end();) {
      if (which(*it->second)) {
        ended.push_back(it->second);
        it = EraseLocked(it);
      } else {
        ++it;
      }
    }
  }
  for (auto& s : ended) {
    std::lock_guard<std::mutex> lock(s->mu);
    if (s->ended) continue;
    s->ended = true;
    if (s->sub.end) s->sub.end();
  }
}

void LiveFeed::TokenRevoked(const std::string& token_hash) {
  if (token_hash.empty()) return;
  End([&](const Subscriber& s) { return s.sub.token_hash == token_hash; });
}

void LiveFeed::EndUser(const std::string& login) {
  End([&](const Subscriber& s) { return s.sub.actor.login == login; });
}

void LiveFeed::CheckConnections() {
  Visit([](const Subscriber& s) { return static_cast<bool>(s.sub.check); },
        [](Subscriber& s) { return s.sub.check(); });
}

void LiveFeed::Recheck(std::optional<SteadyTime> due) {
  // token hash -> the actor it names now (nullopt: it no longer works).
  std::map<std::string, std::optional<Actor>> now;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [id, s] : subs_) {
      if (s->sub.token_hash.empty() || (due && s->recheck_at > *due)) continue;
      if (due) s->recheck_at = *due + options_.recheck_every;
      now.emplace(s->sub.token_hash, std::nullopt);
    }
  }
  if (now.empty()) return;
  for (auto it = now.begin(); it != now.end();) {
    StatusOr<Actor> a = auth_.AuthenticateHash(it->first);
    if (a.ok()) {
      it->second = *a;
    } else if (a.status().code() != StatusCode::kUnauthenticated) {
      it = now.erase(it);  // the store did not answer: keep these
      continue;
    }
    ++it;
  }
  End([&](const Subscriber& s) {
    auto it = now.find(s.sub.token_hash);
    if (it == now.end()) return false;
    const std::optional<Actor>& a = it->second;
    return !a || a->login != s.sub.actor.login || a->role != s.sub.actor.role ||
           a->customer_id != s.sub.actor.customer_id;
  });
}

Status LiveFeed::PollOnce() {
  std::lock_guard<std::mutex> poll_lock(poll_mu_);
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_RETURN_IF_ERROR(PollNotifications(*txn));
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
          if (!s.sub.ticket.empty() && s.sub.ticket != e.ticket_id) return false;
          if (s.sub.actor.role == Role::kCustomer && !e.is_public) return false;
          return CanSee(s.sub.actor, t);
        },
        "ticket", data);
  }
  return OkStatus();
}

// Each new notification goes to its addressee's streams (the console's bell).
Status LiveFeed::PollNotifications(Txn& txn) {
  if (last_notification_seq_ < 0) {
    KEFU_ASSIGN_OR_RETURN(last_notification_seq_, store_.LatestNotificationSeq(txn));
    return OkStatus();
  }
  KEFU_ASSIGN_OR_RETURN(std::vector<Notification> news,
                        store_.ListNotificationsAfter(txn, last_notification_seq_, 1000));
  if (news.empty()) return OkStatus();
  last_notification_seq_ = news.back().seq;
  if (Subscribers() == 0) return OkStatus();
  for (const Notification& n : news) {
    std::string data = nlohmann::json{{"id", n.seq},
                                      {"ticket", n.ticket_id.empty() ? nlohmann::json(nullptr)
                                                                     : nlohmann::json(n.ticket_id)},
                                      {"kind", n.kind},
                                      {"body", n.body},
                                      {"at", FormatIso8601(n.at)}}
                           .dump();
    Deliver([&](const Subscriber& s) { return s.sub.ticket.empty() && s.sub.actor.login == n.login; },
            "notification", data);
  }
  return OkStatus();
}

void LiveFeed::PublishPresence(const Ticket& ticket, const std::string& from, const std::string& data) {
  Deliver(
      [&](const Subscriber& s) {
        if (!s.sub.ticket.empty() && s.sub.ticket != ticket.id) return false;
        return s.sub.actor.role != Role::kCustomer && s.sub.actor.login != from &&
               CanSee(s.sub.actor, ticket);
      },
      "presence", data);
}

void LiveFeed::KeepAlive() {
  Deliver([](const Subscriber&) { return true; }, "", "");
}

}  // namespace kefu

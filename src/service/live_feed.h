// The live feed behind GET /api/v1/stream: follows the timeline table (so
// changes made by any node on the same database arrive) and delivers each
// new event's head to the subscribers who may see its ticket; presence
// changes (PresenceBoard) are delivered directly.
//
// Delivery: a Sink receives (event name, JSON data) and answers false once
// its connection is gone; it is then dropped. Sinks are called from the
// feed's thread (or the publisher's), one call at a time per subscriber.
// Customers receive only public events of their own tickets and no
// presence; agents only tickets they may see (core/access.h).
//
// Sessions: a subscription remembers its token's hash. It ends (its `end`
// is called, then nothing more) when AuthService revokes that token on this
// node, and at the next recheck (LiveFeedOptions::recheck_every) when the
// token stopped working otherwise: revoked on another node, expired, its
// user disabled or changed. A user holds at most max_per_user subscriptions;
// a closed connection frees its slot at the next connection check.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "core/model.h"
#include "service/auth_service.h"
#include "store/store.h"

namespace kefu {

struct LiveFeedOptions {
  size_t max_per_user = 8;  // open subscriptions per login; 0: no limit
  // How often every connection is checked (Subscription::check).
  std::chrono::milliseconds check_every{1000};
  // How often each subscription's token is checked again in the store
  // (counted from its start, so that the checks spread out; to within
  // check_every).
  std::chrono::milliseconds recheck_every{5000};
};

class LiveFeed : public SessionObserver {
 public:
  using Sink = std::function<bool(std::string_view event, const std::string& data)>;

  struct Subscription {
    Actor actor;
    std::string ticket;      // "" for every visible ticket
    std::string token_hash;  // Sha256Hex of the caller's token; "" : never rechecked
    Sink sink;               // event "" is a keep-alive comment
    // Optional: false once the connection is known to be closed; may start
    // a zero-byte write that finds out for the next check.
    std::function<bool()> check;
    // Optional: ends the response when the feed ends the subscription.
    std::function<void()> end;
  };

  // Registers with `auth` to hear of revoked tokens; `auth` must outlive it.
  LiveFeed(Store& store, AuthService& auth, LiveFeedOptions options = {});
  ~LiveFeed() override;

  // Polls every `interval` on a thread, and sends a keep-alive comment
  // (event "") every `keep_alive`. Start begins after the newest event.
  void Start(std::chrono::milliseconds interval = std::chrono::milliseconds(250),
             std::chrono::seconds keep_alive = std::chrono::seconds(15));
  void Stop();

  // Returns the id for Unsubscribe; kResourceExhausted "too_many_streams"
  // if s.actor.login already holds max_per_user subscriptions.
  StatusOr<int64_t> Subscribe(Subscription s);
  void Unsubscribe(int64_t id);
  size_t Subscribers() const;
  // Forgets every subscriber (the server stopping).
  void DropAll();

  // Ends the subscriptions of the token with this hash (SessionObserver).
  void TokenRevoked(const std::string& token_hash) override;
  // Ends every subscription of `login` (e.g. a user disabled).
  void EndUser(const std::string& login);
  // Checks every connection, drops the closed ones. Safe beside the thread.
  void CheckConnections();
  // Checks every subscription's token in the store again, ends those whose
  // token no longer works or now names another actor (a store error ends
  // none). Safe beside the thread, which rechecks each one when it is due.
  void RecheckSessions() { Recheck(std::nullopt); }

  // Reads the events written since the last poll and delivers them, and
  // each new notification to its addressee's streams (not those narrowed
  // to a ticket) as a "notification" event. The first call only notes
  // where the timeline and the notifications end. Safe beside the thread.
  Status PollOnce();

  // Delivers a presence change of `ticket` to the staff who may see it,
  // except `from` (the login it is about).
  void PublishPresence(const Ticket& ticket, const std::string& from, const std::string& data);

  // Sends a keep-alive comment to everyone (drops dead sinks).
  void KeepAlive();

 private:
  using SteadyTime = std::chrono::steady_clock::time_point;
  struct Subscriber {
    Subscription sub;  // constant after Subscribe
    std::mutex mu;     // one call at a time
    bool ended = false;  // guarded by mu: `end` was called, nothing follows
    SteadyTime recheck_at;  // guarded by LiveFeed::mu_
  };
  using SubscriberMap = std::map<int64_t, std::shared_ptr<Subscriber>>;
  // Calls `call` on every subscriber `want` accepts; drops those it answers
  // false for.
  void Visit(const std::function<bool(const Subscriber&)>& want,
             const std::function<bool(Subscriber&)>& call);
  void Deliver(const std::function<bool(const Subscriber&)>& want, std::string_view event,
               const std::string& data);
  // RecheckSessions for the subscriptions due at `due` (all if nullopt).
  void Recheck(std::optional<SteadyTime> due);
  // Removes the subscribers `which` accepts and calls their `end`.
  void End(const std::function<bool(const Subscriber&)>& which);
  // REQUIRES: mu_ held.
  SubscriberMap::iterator EraseLocked(SubscriberMap::iterator it);

  Store& store_;
  AuthService& auth_;
  const LiveFeedOptions options_;  // constant after construction
  mutable std::mutex mu_;
  SubscriberMap subs_;                       // guarded by mu_
  std::map<std::string, size_t> per_user_;  // login -> subscriptions; guarded by mu_
  int64_t next_id_ = 1;                     // guarded by mu_
  std::mutex poll_mu_;
  Status PollNotifications(Txn& txn);
  int64_t last_seq_ = -1;  // -1: not yet read
  int64_t last_notification_seq_ = -1;  // -1: not yet read
  std::thread thread_;
  std::mutex run_mu_;
  std::condition_variable run_cv_;
  bool stop_ = false;
};

}  // namespace kefu

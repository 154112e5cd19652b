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
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "core/model.h"
#include "store/store.h"

namespace kefu {

class LiveFeed {
 public:
  using Sink = std::function<bool(std::string_view event, const std::string& data)>;

  explicit LiveFeed(Store& store) : store_(store) {}
  ~LiveFeed() { Stop(); }

  // Polls every `interval` on a thread, and sends a keep-alive comment
  // (event "") every `keep_alive`. Start begins after the newest event.
  void Start(std::chrono::milliseconds interval = std::chrono::milliseconds(250),
             std::chrono::seconds keep_alive = std::chrono::seconds(15));
  void Stop();

  // `ticket` "" for every visible ticket. Returns the id for Unsubscribe.
  int64_t Subscribe(const Actor& a, const std::string& ticket, Sink sink);
  void Unsubscribe(int64_t id);
  size_t Subscribers() const;
  // Forgets every subscriber (the server stopping).
  void DropAll();

  // Reads the events written since the last poll and delivers them. The
  // first call only notes where the timeline ends. Safe beside the thread.
  Status PollOnce();

  // Delivers a presence change of `ticket` to the staff who may see it,
  // except `from` (the login it is about).
  void PublishPresence(const Ticket& ticket, const std::string& from, const std::string& data);

  // Sends a keep-alive comment to everyone (drops dead sinks).
  void KeepAlive();

 private:
  struct Subscriber {
    Actor actor;
    std::string ticket;
    Sink sink;
    std::mutex mu;  // one delivery at a time
  };
  // Delivers to every subscriber `want` accepts; drops those whose sink fails.
  void Deliver(const std::function<bool(const Subscriber&)>& want, std::string_view event,
               const std::string& data);

  Store& store_;
  mutable std::mutex mu_;
  std::map<int64_t, std::shared_ptr<Subscriber>> subs_;
  int64_t next_id_ = 1;
  std::mutex poll_mu_;
  int64_t last_seq_ = -1;  // -1: not yet read
  std::thread thread_;
  std::mutex run_mu_;
  std::condition_variable run_cv_;
  bool stop_ = false;
};

}  // namespace kefu

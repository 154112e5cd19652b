// GET /api/v1/stream over real HTTP: each subscriber gets the events of the
// tickets they may see, customers only public ones of their own tickets,
// and presence goes to staff only.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <sqlite3.h>
#include <thread>
#include <vector>

#include "api/api_world.h"

namespace kefu::testing {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// Reads a stream on its own connection until destroyed.
class StreamReader {
 public:
  StreamReader(uint16_t port, const std::string& path, const std::string& token)
      : client_("127.0.0.1", port) {
    client_.set_read_timeout(30, 0);
    thread_ = std::thread([this, path, token] {
      auto res = client_.Get(path, httplib::Headers{{"Authorization", "Bearer " + token}},
                             [this](const char* data, size_t n) {
                               std::lock_guard<std::mutex> lock(mu_);
                               text_.append(data, n);
                               cv_.notify_all();
                               return !stop_.load();
                             });
      std::lock_guard<std::mutex> lock(mu_);
      status_ = res ? res->status : -1;
      done_ = true;
      cv_.notify_all();
    });
  }
  ~StreamReader() {
    stop_ = true;
    client_.stop();
    thread_.join();
  }
  // Waits (up to 10 s) until the stream holds `needle`; false if it never does.
  bool WaitFor(const std::string& needle) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, std::chrono::seconds(10),
                        [&] { return text_.find(needle) != std::string::npos || done_; }) &&
           text_.find(needle) != std::string::npos;
  }
  std::string Text() {
    std::lock_guard<std::mutex> lock(mu_);
    return text_;
  }
  int FinalStatus() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait_for(lock, std::chrono::seconds(10), [&] { return done_; });
    return status_;
  }
  // Whether the server ended the response within `wait`.
  bool EndsWithin(std::chrono::milliseconds wait) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, wait, [&] { return done_; });
  }

 private:
  httplib::Client client_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::string text_;
  std::atomic<bool> stop_{false};
  bool done_ = false;
  int status_ = 0;
};

TEST(ApiStreamTest, EventsReachThoseWhoMaySeeThem) {
  ApiWorld w;
  std::string mine = w.NewTicket(Who::kCust1, "我的快递");
  std::string theirs = w.NewTicket(Who::kCust2, "别人的快递");
  StreamReader cust(w.s().port(), "/api/v1/stream", w.Token(Who::kCust1));
  StreamReader lead(w.s().port(), "/api/v1/stream?ticket=" + mine, w.Token(Who::kLead));
  ASSERT_TRUE(cust.WaitFor(": connected"));
  ASSERT_TRUE(lead.WaitFor(": connected"));

  w.Reply(Who::kAgentA, theirs, "别人的回复");
  w.Note(Who::kAgentA, mine, "内部备注");
  Json reply = w.Reply(Who::kAgentA, mine, "您好");
  w.PatchTicket(Who::kLead, mine, Json{{"priority", "P1"}});
  ASSERT_TRUE(lead.WaitFor("\"type\":\"priority_changed\""));
  ASSERT_TRUE(cust.WaitFor("\"type\":\"reply\""));

  std::string c = cust.Text();
  EXPECT_NE(c.find("event: ticket\ndata: "), std::string::npos) << c;
  EXPECT_NE(c.find("\"ticket\":\"" + mine + "\""), std::string::npos) << c;
  EXPECT_EQ(c.find(theirs), std::string::npos) << "another customer's ticket leaked: " << c;
  EXPECT_EQ(c.find("\"type\":\"note\""), std::string::npos) << "an internal note leaked: " << c;
  std::string l = lead.Text();
  EXPECT_NE(l.find("\"type\":\"note\""), std::string::npos) << l;
  EXPECT_EQ(l.find(theirs), std::string::npos) << "?ticket= narrows the stream: " << l;
}

TEST(ApiStreamTest, PresenceGoesToOtherStaffOnly) {
  ApiWorld w;
  std::string id = w.NewTicket(Who::kCust1);
  StreamReader cust(w.s().port(), "/api/v1/stream", w.Token(Who::kCust1));
  StreamReader agent_b(w.s().port(), "/api/v1/stream?ticket=" + id, w.Token(Who::kAgentB));
  ASSERT_TRUE(cust.WaitFor(": connected"));
  ASSERT_TRUE(agent_b.WaitFor(": connected"));
  ASSERT_EQ(w.Raw("PUT", "/api/v1/tickets/" + id + "/presence", w.Token(Who::kAgentA),
                  R"({"state":"replying"})").status, 200);
  ASSERT_TRUE(agent_b.WaitFor("event: presence"));
  EXPECT_NE(agent_b.Text().find("\"state\":\"replying\""), std::string::npos);
  // The customer hears of the next public event but never of presence.
  w.Reply(Who::kAgentA, id);
  ASSERT_TRUE(cust.WaitFor("\"type\":\"reply\""));
  EXPECT_EQ(cust.Text().find("presence"), std::string::npos) << cust.Text();
}

TEST(ApiStreamTest, RefusesStrangersAndHiddenTickets) {
  ApiWorld w;
  std::string id = w.NewTicket(Who::kCust1);
  StreamReader nobody(w.s().port(), "/api/v1/stream", "kefu_not-a-token");
  EXPECT_EQ(nobody.FinalStatus(), 401);
  StreamReader other(w.s().port(), "/api/v1/stream?ticket=" + id, w.Token(Who::kCust2));
  EXPECT_EQ(other.FinalStatus(), 404);
  StreamReader bad(w.s().port(), "/api/v1/stream?tickets=" + id, w.Token(Who::kCust1));
  EXPECT_EQ(bad.FinalStatus(), 422);
}

TEST(ApiStreamTest, LogoutEndsTheStreamsOfThatToken) {
  ApiWorld w;
  std::string id = w.NewTicket(Who::kCust1);
  const std::string& other = w.Token(Who::kLead);
  std::string token = w.FreshToken(Who::kLead);
  StreamReader gone(w.s().port(), "/api/v1/stream", token);
  StreamReader kept(w.s().port(), "/api/v1/stream", other);
  ASSERT_TRUE(gone.WaitFor(": connected"));
  ASSERT_TRUE(kept.WaitFor(": connected"));
  w.Reply(Who::kAgentA, id, "before");
  ASSERT_TRUE(gone.WaitFor("\"type\":\"reply\""));
  ASSERT_EQ(w.Post("/api/v1/auth/logout", token, std::string()).status, 200);
  // Regression: remove `for (SessionObserver* o : observers_) o->TokenRevoked(hash);`
  // in AuthService::Logout (auth_service.cc) to see this fail (the stream
  // would then end only at its first recheck, 5 s after it opened).
  EXPECT_TRUE(gone.EndsWithin(seconds(2))) << "the revoked token's stream goes on";
  EXPECT_EQ(gone.FinalStatus(), 200);
  w.PatchTicket(Who::kLead, id, Json{{"priority", "P1"}});
  ASSERT_TRUE(kept.WaitFor("\"type\":\"priority_changed\""));
  EXPECT_EQ(gone.Text().find("priority_changed"), std::string::npos) << gone.Text();
  EXPECT_FALSE(kept.EndsWithin(milliseconds(0))) << "the user's other session goes on";
}

TEST(ApiStreamTest, DisablingTheUserEndsTheirStreams) {
  ApiWorld w;
  std::string id = w.NewTicket(Who::kCust1);
  StreamReader agent(w.s().port(), "/api/v1/stream", w.Token(Who::kAgentA));
  StreamReader lead(w.s().port(), "/api/v1/stream", w.Token(Who::kLead));
  ASSERT_TRUE(agent.WaitFor(": connected"));
  ASSERT_TRUE(lead.WaitFor(": connected"));
  // Users are disabled in the database (there is no endpoint for it); the
  // feed rechecks each stream's token LiveFeedOptions::recheck_every (5 s)
  // after it opened, and every 5 s after that.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(w.s().db_path().c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE users SET active = 0 WHERE login = 'agent.a'", nullptr, nullptr,
                         nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  // Regression: remove `Recheck(Clock::now());` from LiveFeed::Start's loop
  // (live_feed.cc) to see this fail.
  EXPECT_TRUE(agent.EndsWithin(seconds(10))) << "the disabled user's stream goes on";
  w.Reply(Who::kLead, id, "after");
  ASSERT_TRUE(lead.WaitFor("\"type\":\"reply\""));
  EXPECT_EQ(agent.Text().find("\"type\":\"reply\""), std::string::npos) << agent.Text();
}

TEST(ApiStreamTest, EachUserMayHoldEightStreams) {
  ApiWorld w;
  const std::string& agent = w.Token(Who::kAgentA);
  std::vector<std::unique_ptr<StreamReader>> open;
  for (int i = 0; i < 8; ++i) {
    open.push_back(std::make_unique<StreamReader>(w.s().port(), "/api/v1/stream", agent));
    ASSERT_TRUE(open.back()->WaitFor(": connected")) << i;
  }
  {
    // Regression: remove the `held >= options_.max_per_user` refusal in
    // LiveFeed::Subscribe (live_feed.cc) to see this fail.
    StreamReader ninth(w.s().port(), "/api/v1/stream", agent);
    EXPECT_EQ(ninth.FinalStatus(), 429);
    Json body = Json::parse(ninth.Text(), nullptr, false);
    EXPECT_EQ(body["error"]["code"], "too_many_streams") << ninth.Text();
  }
  StreamReader other(w.s().port(), "/api/v1/stream", w.Token(Who::kAgentB));
  EXPECT_TRUE(other.WaitFor(": connected")) << "another user is not affected";
  // Closing one frees its slot (at the feed's next connection check).
  // Regression: remove `CheckConnections();` from LiveFeed::Start's loop
  // (live_feed.cc) to see this fail.
  open.pop_back();
  bool reconnected = false;
  for (auto until = std::chrono::steady_clock::now() + seconds(5);
       !reconnected && std::chrono::steady_clock::now() < until;) {
    StreamReader again(w.s().port(), "/api/v1/stream", agent);
    reconnected = again.WaitFor(": connected");
    if (!reconnected) std::this_thread::sleep_for(milliseconds(200));
  }
  EXPECT_TRUE(reconnected);
}

}  // namespace
}  // namespace kefu::testing

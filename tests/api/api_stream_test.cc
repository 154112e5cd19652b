// GET /api/v1/stream over real HTTP: each subscriber gets the events of the
// tickets they may see, customers only public ones of their own tickets,
// and presence goes to staff only.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "api/api_world.h"

namespace kefu::testing {
namespace {

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

}  // namespace
}  // namespace kefu::testing

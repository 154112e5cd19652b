// HTTP/1.1 transport behaviour that clients rely on, over a raw socket.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "testing/raw_socket.h"
#include "testing/test_server.h"

namespace kefu::testing {
namespace {

int Connect(uint16_t port) { return ConnectLoopback(port, 5); }

// Reads one response; returns its status code, or -1 if the connection closed.
int ReadResponse(int fd) {
  std::string data;
  char buf[4096];
  size_t head_end;
  while ((head_end = data.find("\r\n\r\n")) == std::string::npos) {
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return -1;
    data.append(buf, static_cast<size_t>(n));
  }
  std::string head = data.substr(0, head_end);
  auto cl = head.find("Content-Length: ");
  size_t length = cl == std::string::npos ? 0 : std::stoul(head.substr(cl + 16));
  while (data.size() - head_end - 4 < length) {
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return -1;
    data.append(buf, static_cast<size_t>(n));
  }
  return std::stoi(head.substr(9, 3));
}

// A keep-alive client that sends each request's head and body in separate
// packets, a little apart, must get every answer. (RESTinio 0.6.16 with its
// default pipeline depth of 1 dropped about one such request in 500.)
TEST(ApiTransportTest, RequestsWhoseBodyArrivesAfterTheHeadAllGetAnswers) {
  TestServer s;
  s.AddUser("lead.a", Role::kLead);
  s.AddUser("cust.a", Role::kCustomer);
  std::string token = s.Login("lead.a");
  std::string body = Json{{"subject", "分包发送"}, {"customer", s.CustomerOf("cust.a")}}.dump();
  std::string head = "POST /api/v1/tickets HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + token +
                     "\r\nContent-Type: application/json\r\nContent-Length: " +
                     std::to_string(body.size()) + "\r\n\r\n";
  int fd = Connect(s.port());
  int answered = 0;
  for (int i = 0; i < 3000; ++i) {
    ASSERT_EQ(send(fd, head.data(), head.size(), MSG_NOSIGNAL), static_cast<ssize_t>(head.size()));
    if (i % 2) std::this_thread::sleep_for(std::chrono::microseconds(300));
    ASSERT_EQ(send(fd, body.data(), body.size(), MSG_NOSIGNAL), static_cast<ssize_t>(body.size()));
    int status = ReadResponse(fd);
    ASSERT_EQ(status, 201) << "request " << i << " was not answered";
    ++answered;
  }
  close(fd);
  EXPECT_EQ(answered, 3000);
}

}  // namespace
}  // namespace kefu::testing

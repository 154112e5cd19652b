// libFuzzer target over Kefu's whole request pipeline: a real server (the
// RESTinio connection and HTTP parser, the head limits, routing, UTF-8 and
// query checks, authentication, JSON parsing and every handler) on loopback
// over a SQLite database with the demo data, fed one request per input.
//
// Input: byte 0 picks the method; then the request target up to the first
// '\n'; then header lines up to an empty line; the rest is the body. A header
// line "@c", "@a", "@l", "@m" or "@x" becomes the bearer token of a demo
// customer, agent, lead, manager or admin. Content-Length is added unless the
// input brings its own framing (Content-Length or Transfer-Encoding).
//
// What counts as a failure (abort, so libFuzzer keeps the input): the
// process crashing (the server runs in it), a well-framed request left
// unanswered, a malformed status line, or an error (4xx/5xx) whose body is
// not the JSON envelope {"error": {"code", "message"}}, and any 5xx.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/spdlog.h>

#include "api/app.h"
#include "api/server.h"
#include "service/demo_data.h"
#include "store/store.h"

namespace {

using namespace kefu;

struct World {
  std::string dir;
  std::unique_ptr<Store> store;
  SystemClock clock;
  std::unique_ptr<api::App> app;
  std::unique_ptr<api::Server> server;
  uint16_t port = 0;
  std::map<char, std::string> tokens;  // '@c' ... -> bearer token
};
World* world = nullptr;

[[noreturn]] void Fail(const std::string& why, std::string_view request, std::string_view response = {}) {
  std::fprintf(stderr, "request_pipeline_fuzz: %s\n--- request (%zu bytes) ---\n%.*s\n", why.c_str(),
               request.size(), static_cast<int>(std::min<size_t>(request.size(), 2000)), request.data());
  std::fprintf(stderr, "--- response (%zu bytes) ---\n%.*s\n", response.size(),
               static_cast<int>(std::min<size_t>(response.size(), 2000)), response.data());
  std::abort();
}

uint16_t FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

void Start() {
  // KEFU_FUZZ_LOG=FILE keeps the server's debug log (connection errors
  // included) for a finding's investigation.
  if (const char* log = std::getenv("KEFU_FUZZ_LOG")) {
    spdlog::set_default_logger(spdlog::basic_logger_mt("fuzz", log, true));
    spdlog::set_level(spdlog::level::trace);
    spdlog::flush_on(spdlog::level::trace);
  } else {
    spdlog::set_level(spdlog::level::off);
  }
  auto* w = new World;
  char tmpl[] = "/tmp/kefu-fuzz-XXXXXX";
  if (mkdtemp(tmpl) == nullptr) Fail("mkdtemp failed", "");
  w->dir = tmpl;
  auto store = OpenSqliteStore({w->dir + "/kefu.db", 3, &DefaultSearchAnalyzer()});
  if (!store.ok()) Fail(store.status().ToString(), "");
  w->store = std::move(store).value();
  auto demo = LoadDemoData(*w->store, w->clock, nlohmann::json::parse(EmbeddedDemoJson()));
  if (!demo.ok()) Fail(demo.status().ToString(), "");
  api::AppOptions opts;
  opts.carrier_secret = "fuzz-secret";
  w->app = std::make_unique<api::App>(*w->store, w->clock, std::move(opts));
  for (const auto& [key, login] : std::map<char, std::string>{
           {'c', "wangfang"}, {'a', "li.na"}, {'l', "chen.jie"}, {'m', "wang.min"}, {'x', "admin"}}) {
    auto t = w->app->auth().Login(login, demo->password);
    if (!t.ok()) Fail(t.status().ToString(), login);
    w->tokens[key] = t->token;
  }
  w->port = FreePort();
  api::ServerOptions so;
  so.host = "127.0.0.1";
  so.port = w->port;
  so.threads = 2;
  so.web_root = "";
  w->server = std::make_unique<api::Server>(w->app->services(), so);
  if (Status st = w->server->Start(); !st.ok()) Fail(st.ToString(), "");
  world = w;
}

const char* Method(uint8_t b) {
  static const char* kMethods[] = {"GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS", "GET"};
  return kMethods[b % 8];
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

// Builds the raw request; `framed` is false when the input brings its own
// Content-Length or Transfer-Encoding (then the server may wait for more).
std::string BuildRequest(std::string_view in, bool& framed) {
  framed = true;
  const char* method = Method(in.empty() ? 0 : static_cast<uint8_t>(in[0]));
  if (!in.empty()) in.remove_prefix(1);
  size_t nl = in.find('\n');
  std::string target(in.substr(0, nl));
  in = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);
  if (target.empty() || target[0] != '/') target = "/" + target;
  // Bytes HTTP/1.1 does not allow in a target: the parser refuses the
  // request, and the answer to a parser error is best effort.
  for (unsigned char c : target) {
    if (c <= 0x20 || c >= 0x7F || std::strchr("\"<>\\^`{|}", c) != nullptr) framed = false;
  }
  std::string head = std::string(method) + " " + target + " HTTP/1.1\r\nHost: fuzz\r\nConnection: close\r\n";
  while (!in.empty()) {
    nl = in.find('\n');
    std::string_view line = in.substr(0, nl);
    in = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);
    if (line.empty()) break;
    if (line.size() == 2 && line[0] == '@' && world->tokens.count(line[1])) {
      head += "Authorization: Bearer " + world->tokens[line[1]] + "\r\n";
      continue;
    }
    if (StartsWithNoCase(line, "content-length") || StartsWithNoCase(line, "transfer-encoding") ||
        line.find(':') == std::string_view::npos) {
      framed = false;
    }
    for (unsigned char c : line) {
      if ((c < 0x20 && c != '\t') || c == 0x7F) framed = false;
    }
    head += std::string(line) + "\r\n";
  }
  if (framed) head += "Content-Length: " + std::to_string(in.size()) + "\r\n";
  return head + "\r\n" + std::string(in);
}

// Reads one response: its head, then as many body bytes as its
// Content-Length says (none without one: the event stream never ends).
// Bytes after it (the answer to a pipelined request the input's body made)
// are dropped. Returns true if the read timed out; `error` is recv's errno
// if it failed.
bool ReadResponse(int fd, std::string& response, int& error) {
  char buf[16384];
  size_t want = std::string::npos;
  while (response.size() < want) {
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    // libFuzzer's -timeout alarm (SIGALRM) interrupts a recv that has a
    // receive timeout even under SA_RESTART (signal(7)): read on.
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) error = errno;
    if (n <= 0) return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
    response.append(buf, static_cast<size_t>(n));
    size_t head_end = response.find("\r\n\r\n");
    if (want == std::string::npos && head_end != std::string::npos) {
      size_t cl = response.find("Content-Length: ");
      want = cl == std::string::npos || cl > head_end
                 ? head_end + 4
                 : head_end + 4 + std::strtoul(response.c_str() + cl + 16, nullptr, 10);
    }
  }
  response.resize(want);
  return false;
}

void CheckResponse(const std::string& response, std::string_view request) {
  if (response.size() < 12 || response.compare(0, 9, "HTTP/1.1 ") != 0) {
    Fail("malformed status line", request, response);
  }
  int status = std::atoi(response.substr(9, 3).c_str());
  if (status >= 500) Fail("server error " + std::to_string(status), request, response);
  if (status < 400 || request.substr(0, 5) == "HEAD ") return;
  size_t body_at = response.find("\r\n\r\n");
  std::string head = response.substr(0, body_at);
  if (head.find("application/json") == std::string::npos) Fail("error without JSON", request, response);
  if (body_at == std::string::npos) Fail("error without a body", request, response);
  auto body = nlohmann::json::parse(response.substr(body_at + 4), nullptr, false);
  if (!body.is_object() || !body.contains("error") || !body["error"].is_object() ||
      !body["error"].contains("code") || !body["error"]["code"].is_string() ||
      !body["error"].contains("message")) {
    Fail("error body is not the JSON envelope", request, response);
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  Start();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  bool framed = true;
  std::string request = BuildRequest(std::string_view(reinterpret_cast<const char*>(data), size), framed);
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(world->port);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    Fail(std::string("the server no longer accepts connections: ") + std::strerror(errno), request);
  }
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  // A well-framed request must be answered; one with its own framing may
  // leave the server waiting for a body that never comes.
  timeval tv = framed ? timeval{20, 0} : timeval{0, 200'000};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  size_t sent = 0;
  while (sent < request.size()) {
    ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // the server answered early and closed
    sent += static_cast<size_t>(n);
  }
  std::string response;
  int error = 0;
  bool timed_out = ReadResponse(fd, response, error);
  // Close with a reset, not a FIN: at hundreds of connections a second a
  // client-side TIME_WAIT per input would use up loopback's ephemeral ports
  // within a minute (connect then fails with EADDRNOTAVAIL).
  linger reset{1, 0};
  setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
  close(fd);
  if (response.empty()) {
    // A request the server refused before reading it all may lose the
    // best-effort answer to the connection's reset (api/transport.h).
    if (framed && sent == request.size()) {
      Fail(timed_out ? "no answer within 20 s"
                     : std::string("closed without an answer: ") +
                           (error ? std::strerror(error) : "end of stream"),
           request);
    }
    return 0;
  }
  CheckResponse(response, request);
  return 0;
}

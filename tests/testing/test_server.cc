#include "testing/test_server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace kefu::testing {

std::string HttpResult::Header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

std::string HttpResult::ErrorCode() const {
  if (body.is_object() && body.contains("error") && body["error"].contains("code")) {
    return body["error"]["code"].get<std::string>();
  }
  return {};
}

uint16_t FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    throw std::runtime_error("bind failed");
  }
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

TestServer::TestServer(Clock* clock, api::ServerOptions options) : db_path_(dir_.File("kefu.db")) {
  auto store = OpenSqliteStore({db_path_, 3, &DefaultSearchAnalyzer()});
  if (!store.ok()) throw std::runtime_error(store.status().ToString());
  store_ = std::move(store).value();
  if (clock == nullptr) {
    own_clock_ = std::make_unique<SystemClock>();
    clock = own_clock_.get();
  }
  clock_ = clock;
  api::AppOptions opts;
  opts.carrier_secret = kCarrierSecret;
  app_ = std::make_unique<api::App>(*store_, *clock_, std::move(opts));
  Status st;
  for (int attempt = 0; attempt < 5; ++attempt) {
    port_ = FreePort();
    options.host = "127.0.0.1";
    options.port = port_;
    options.threads = 2;
    options.web_root = web_root();
    server_ = std::make_unique<api::Server>(app_->services(), options);
    st = server_->Start();
    if (st.ok()) break;
  }
  if (!st.ok()) throw std::runtime_error(st.ToString());
  client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
  client_->set_keep_alive(true);
  client_->set_tcp_nodelay(true);  // else each POST waits ~40 ms for a delayed ACK
}

TestServer::~TestServer() {
  client_.reset();
  if (server_) server_->Stop();
}

std::string TestServer::AddUser(const std::string& login, Role role, const std::string& customer_id) {
  auto u = app_->auth().AddUser({login, "password123", role, "", customer_id}, Actor{"test", Role::kAdmin, ""});
  if (!u.ok()) throw std::runtime_error(u.status().ToString());
  return login;
}

std::string TestServer::Login(const std::string& login, const std::string& password) {
  HttpResult r = Post("/api/v1/auth/login", "", Json{{"login", login}, {"password", password}});
  if (r.status != 200) throw std::runtime_error("login failed: " + r.text);
  return r.body["token"].get<std::string>();
}

std::string TestServer::CustomerOf(const std::string& login) {
  auto txn = store_->Begin(TxnMode::kRead);
  auto u = store_->GetUserByLogin(**txn, login);
  if (!u.ok()) throw std::runtime_error(u.status().ToString());
  return u->user.customer_id;
}

HttpResult ToHttpResult(const httplib::Result& res) {
  HttpResult out;
  if (!res) {
    out.status = -1;
    out.text = httplib::to_string(res.error());
    return out;
  }
  out.status = res->status;
  out.text = res->body;
  out.headers = res->headers;
  out.body = Json::parse(res->body, nullptr, false);
  if (out.body.is_discarded()) out.body = nullptr;
  return out;
}

namespace {
httplib::Headers WithAuth(const std::string& token, const httplib::Headers& extra) {
  httplib::Headers h = extra;
  if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
  return h;
}
}  // namespace

HttpResult TestServer::Get(const std::string& path, const std::string& token) {
  return ToHttpResult(client_->Get(path, WithAuth(token, {})));
}

HttpResult TestServer::Post(const std::string& path, const std::string& token,
                            const std::string& body, const httplib::Headers& extra) {
  return ToHttpResult(client_->Post(path, WithAuth(token, extra), body, "application/json"));
}

HttpResult TestServer::Patch(const std::string& path, const std::string& token,
                             const std::string& body, const httplib::Headers& extra) {
  return ToHttpResult(client_->Patch(path, WithAuth(token, extra), body, "application/json"));
}

HttpResult TestServer::Put(const std::string& path, const std::string& token, const Json& body) {
  return ToHttpResult(client_->Put(path, WithAuth(token, {}), body.dump(), "application/json"));
}

HttpResult TestServer::Delete(const std::string& path, const std::string& token) {
  return ToHttpResult(client_->Delete(path, WithAuth(token, {})));
}

}  // namespace kefu::testing

// A real Kefu server for API tests: a fresh SQLite file in a temporary
// directory, the real services and the RESTinio server on a free loopback
// port, and a cpp-httplib client. Users are added through AuthService.
#pragma once

#include <httplib.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "api/app.h"
#include "api/server.h"
#include "store/store.h"
#include "testing/temp_dir.h"

namespace kefu::testing {

using Json = nlohmann::json;

struct HttpResult {
  int status = 0;
  Json body;         // parsed when the response is JSON, else null
  std::string text;  // raw body
  httplib::Headers headers;
  std::string Header(const std::string& name) const;
  std::string ErrorCode() const;  // body.error.code, or ""
};

// The carrier webhook secret every TestServer is started with.
inline constexpr const char* kCarrierSecret = "test-carrier-secret";

class TestServer {
 public:
  // Starts the server; aborts the test on failure. With `clock` (which must
  // outlive the server) every service reads time from it, so tests move
  // time instead of sleeping. The scheduler does not run on its own: tests
  // call scheduler().RunOnce(). `options` gives the server's limits; its
  // address, threads and web root are the test server's own.
  explicit TestServer(Clock* clock = nullptr, api::ServerOptions options = {});
  ~TestServer();  // stops it and removes the database

  Store& store() { return *store_; }
  Scheduler& scheduler() { return app_->scheduler(); }
  ConfigService& config() { return app_->config(); }
  uint16_t port() const { return port_; }
  const std::string& db_path() const { return db_path_; }
  // The folder the server serves the web console from (empty at first:
  // tests write an index.html and assets/ into it).
  std::string web_root() const { return dir_.File("web"); }

  // Adds a user with password "password123". For role customer a customer
  // record is created unless `customer_id` names one. Returns the login.
  std::string AddUser(const std::string& login, Role role, const std::string& customer_id = "");
  // Logs in through the API and returns the bearer token.
  std::string Login(const std::string& login, const std::string& password = "password123");
  // The customer id of a customer user.
  std::string CustomerOf(const std::string& login);

  // Requests; `token` may be empty (no Authorization header).
  HttpResult Get(const std::string& path, const std::string& token);
  HttpResult Post(const std::string& path, const std::string& token, const std::string& body,
                  const httplib::Headers& extra = {});
  HttpResult Post(const std::string& path, const std::string& token, const Json& body,
                  const httplib::Headers& extra = {}) {
    return Post(path, token, body.dump(), extra);
  }
  HttpResult Patch(const std::string& path, const std::string& token, const std::string& body,
                   const httplib::Headers& extra = {});
  HttpResult Patch(const std::string& path, const std::string& token, const Json& body,
                   const httplib::Headers& extra = {}) {
    return Patch(path, token, body.dump(), extra);
  }
  HttpResult Put(const std::string& path, const std::string& token, const Json& body);
  HttpResult Delete(const std::string& path, const std::string& token);

 private:
  TempDir dir_;
  std::string db_path_;
  uint16_t port_ = 0;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Clock> own_clock_;
  Clock* clock_ = nullptr;
  std::unique_ptr<api::App> app_;
  std::unique_ptr<api::Server> server_;
  std::unique_ptr<httplib::Client> client_;
};

// Converts a cpp-httplib result (status -1 and the error text if the
// request failed at the transport level).
HttpResult ToHttpResult(const httplib::Result& res);

// A free TCP port on 127.0.0.1 (bound and released; fine for tests).
uint16_t FreePort();

}  // namespace kefu::testing

// The web console's files (web/dist), served from the API's origin:
//   /assets/<name>  the built scripts and styles, cached for a year (their
//                   names carry a content hash);
//   any other GET outside /api/ the console's index.html (client routing).
// Paths are checked before the file system is touched: only [A-Za-z0-9._-]
// segments, no dot segments. Every answer carries SecurityHeaders().
#pragma once

#include <optional>
#include <string>

#include <restinio/all.hpp>

namespace kefu::api {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root) : root_(std::move(root)) {}

  // Answers `req` if it is a GET for the console; nullopt for the
  // caller to answer (API paths, other methods).
  std::optional<restinio::request_handling_status_t> TryServe(const restinio::request_handle_t& req) const;

  // Whether the root holds a built console (index.html).
  bool Available() const;

 private:
  std::string root_;
};

}  // namespace kefu::api

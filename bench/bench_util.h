// Small helpers shared by the benchmark programs: setup failures abort with
// the status (a benchmark has no test framework to report to).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "common/status.h"
#include "common/time.h"

namespace kefu::bench {

inline void Check(const Status& st, const char* what) {
  if (st.ok()) return;
  std::fprintf(stderr, "%s: %s\n", what, st.ToString().c_str());
  std::abort();
}

template <typename T>
T Must(StatusOr<T> v, const char* what) {
  Check(v.status(), what);
  return std::move(*v);
}

// A new directory under $TMPDIR (or /tmp) named <prefix>-XXXXXX.
// The bytes of a SQLite database file and its WAL.
inline int64_t DatabaseBytes(const std::string& path) {
  int64_t n = 0;
  for (const char* suffix : {"", "-wal"}) {
    std::error_code ec;
    auto size = std::filesystem::file_size(path + suffix, ec);
    if (!ec) n += static_cast<int64_t>(size);
  }
  return n;
}

inline std::string MakeTempDir(const std::string& prefix) {
  const char* tmp = std::getenv("TMPDIR");
  std::string tmpl = std::string(tmp && *tmp ? tmp : "/tmp") + "/" + prefix + "-XXXXXX";
  if (mkdtemp(tmpl.data()) == nullptr) std::abort();
  return tmpl;
}

inline Timestamp At(const char* iso) {
  auto t = ParseIso8601(iso);
  if (!t) std::abort();
  return *t;
}

}  // namespace kefu::bench

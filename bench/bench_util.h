// Small helpers shared by the benchmark programs: setup failures abort with
// the status (a benchmark has no test framework to report to).
#pragma once

#include <cstdio>
#include <cstdlib>

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

inline Timestamp At(const char* iso) {
  auto t = ParseIso8601(iso);
  if (!t) std::abort();
  return *t;
}

}  // namespace kefu::bench

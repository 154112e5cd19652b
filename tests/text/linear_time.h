// Shared by the tests that text paths take time linear in their input
// (tests/text, tests/training): time a function on a small and a large
// input of the same shape and check that the time grows no faster than
// the size, with slack. Relative, not a time limit: the same test holds on
// a slow machine, in a debug build or under a sanitizer, while quadratic
// code on a 100x larger input is 100x slower again.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <ctime>
#include <functional>
#include <string>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace kefu::testing {

// How much worse than linear a run may look. A 1 MB input misses the
// caches that a 10 KB one fits in, and so do the vectors, hash tables and
// trees built from it: linear code measured up to ~3x slower per byte at
// 1 MB. Quadratic code on a 100x larger input is another 100x slower (the
// shapes these tests use took seconds to hours at 1 MB before the fixes).
constexpr double kLinearSlack = 8;

// Large blocks come from fresh pages that the kernel must fault in on
// every run, at a cost per byte far above that of small blocks reused from
// the heap; keep freed memory in the process instead, so that both sizes
// are timed on memory already in use. glibc only; harmless elsewhere.
inline void KeepFreedMemory() {
#if defined(__GLIBC__)
  static const bool once = [] {
    mallopt(M_MMAP_THRESHOLD, 1 << 30);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    return true;
  }();
  (void)once;
#endif
}

// The best of `runs` timings of fn(), in seconds of CPU time (std::clock,
// this process's user and system time) and of steady_clock. The ratios
// are taken in CPU time: other processes on a busy machine stretch the
// wall time of a long run more than that of the best of many short ones.
struct Timing {
  double cpu = 1e300;
  double wall = 1e300;
};
inline Timing BestTiming(int runs, const std::function<void()>& fn) {
  Timing best;
  for (int i = 0; i < runs; ++i) {
    std::clock_t cpu_start = std::clock();
    auto wall_start = std::chrono::steady_clock::now();
    fn();
    std::chrono::duration<double> wall = std::chrono::steady_clock::now() - wall_start;
    double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    best.cpu = std::min(best.cpu, cpu);
    best.wall = std::min(best.wall, wall.count());
  }
  return best;
}

// Checks that fn(large) takes at most kLinearSlack times longer, relative
// to its size, than fn(small): the best of a few runs of each (after a
// warm-up run). The sizes are in any unit (bytes, items).
template <typename Input>
void ExpectLinearIn(const std::string& what, const Input& small, size_t small_size, const Input& large,
                    size_t large_size, const std::function<void(const Input&)>& fn) {
  KeepFreedMemory();
  // Small first: its first runs pay for tables built on first use. The
  // first large run fills the heap that the second reuses.
  Timing t_small = BestTiming(15, [&] { fn(small); });
  Timing t_large = BestTiming(2, [&] { fn(large); });
  double size_ratio = static_cast<double>(large_size) / static_cast<double>(small_size);
  double time_ratio = t_large.cpu / std::max(t_small.cpu, 1e-6);
  EXPECT_LT(time_ratio, kLinearSlack * size_ratio)
      << what << ": size " << small_size << " in " << t_small.cpu * 1e3 << " ms of CPU (" << t_small.wall * 1e3
      << " ms), size " << large_size << " in " << t_large.cpu * 1e3 << " ms of CPU (" << t_large.wall * 1e3
      << " ms)";
}

// The same for text: the sizes are its bytes.
inline void ExpectLinear(const std::string& what, const std::string& small, const std::string& large,
                         const std::function<void(const std::string&)>& fn) {
  ExpectLinearIn<std::string>(what, small, small.size(), large, large.size(), fn);
}

// `unit` repeated until the text has at least `bytes` bytes.
inline std::string Repeat(const std::string& unit, size_t bytes) {
  std::string out;
  out.reserve(bytes + unit.size());
  while (out.size() < bytes) out += unit;
  return out;
}

// The sizes the tests compare: about 10 KB and 1 MB.
constexpr size_t kSmallBytes = 10 * 1024;
constexpr size_t kLargeBytes = 1024 * 1024;

}  // namespace kefu::testing

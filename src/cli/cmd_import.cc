#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include "api/json_codec.h"
#include "cli/commands.h"
#include "common/utf8.h"
#include "service/import_service.h"
#include "store/sqlite/sqlite_store.h"

namespace kefu::cli {
namespace {

constexpr size_t kMaxErrorsShown = 20;

// One line of the file: the POST /api/v1/tickets body plus an optional
// "created_at" (ISO 8601) for historical tickets.
StatusOr<ImportRecord> ParseLine(const std::string& line) {
  if (!IsValidUtf8(line)) return InvalidArgument("invalid_utf8", "the line is not valid UTF-8");
  auto j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded()) return InvalidArgument("malformed_json", "the line is not valid JSON");
  ImportRecord r;
  if (j.is_object() && j.contains("created_at")) {
    if (!j["created_at"].is_string()) return ValidationError("created_at must be a string");
    auto t = ParseIso8601(j["created_at"].get<std::string>());
    if (!t) return ValidationError("created_at must be an ISO 8601 time");
    r.created_at = *t;
    j.erase("created_at");
  }
  KEFU_ASSIGN_OR_RETURN(r.ticket, api::ParseNewTicket(j));
  if (r.ticket.customer_id.empty()) return ValidationError("customer is required");
  return r;
}

class Progress {
 public:
  Progress(bool enabled, int64_t total) : enabled_(enabled && isatty(2)), total_(total) {}
  void Update(int64_t done) {
    if (!enabled_ || total_ == 0) return;
    int pct = static_cast<int>(done * 100 / total_);
    if (pct == last_) return;
    last_ = pct;
    int bar = pct / 2;
    std::fprintf(stderr, "\r[%.*s%*s] %3d%% %lld/%lld", bar,
                 "##################################################", 50 - bar, "", pct,
                 static_cast<long long>(done), static_cast<long long>(total_));
    if (done == total_) std::fprintf(stderr, "\n");
  }

 private:
  bool enabled_;
  int64_t total_;
  int last_ = -1;
};

// Calls `fn(line_number, line)` for every non-blank line of `file`.
template <typename Fn>
Status ForEachLine(const std::string& file, Fn fn) {
  std::ifstream f;
  std::istream* in = &std::cin;
  if (file != "-") {
    f.open(file);
    if (!f) return ValidationError("cannot open " + file);
    in = &f;
  }
  std::string line;
  int64_t n = 0;
  while (std::getline(*in, line)) {
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    KEFU_RETURN_IF_ERROR(fn(n, line));
  }
  return OkStatus();
}

// The outcome of checking a share of the file (pass 1).
struct CheckResult {
  std::vector<std::pair<int64_t, std::string>> errors;  // (line, message)
  std::vector<ImportRecord> refs;                        // customer/order of each valid line
  int64_t valid = 0;
  Status read;
};

// Checks the lines whose number is congruent to `part` modulo `parts`.
CheckResult CheckShare(const std::string& file, TicketImporter& importer, int part, int parts) {
  CheckResult r;
  r.read = ForEachLine(file, [&](int64_t n, const std::string& line) {
    if (n % parts != part) return OkStatus();
    auto rec = ParseLine(line);
    Status st = rec.ok() ? importer.CheckRecord(*rec) : rec.status();
    if (!st.ok()) {
      if (r.errors.size() < kMaxErrorsShown) r.errors.emplace_back(n, st.ToString());
      return OkStatus();
    }
    ++r.valid;
    ImportRecord ref;
    ref.ticket.customer_id = std::move(rec->ticket.customer_id);
    ref.ticket.order_id = std::move(rec->ticket.order_id);
    r.refs.push_back(std::move(ref));
    return OkStatus();
  });
  return r;
}

// Batches of prepared tickets handed from the parsing thread to the writer.
class BatchQueue {
 public:
  explicit BatchQueue(size_t capacity) : capacity_(capacity) {}
  // Blocks while full. Returns false if the consumer gave up.
  bool Push(std::vector<Change> b) {
    std::unique_lock<std::mutex> l(mu_);
    cv_.wait(l, [&] { return q_.size() < capacity_ || abandoned_; });
    if (abandoned_) return false;
    q_.push_back(std::move(b));
    cv_.notify_all();
    return true;
  }
  // Blocks while empty; nullopt once the producer closed and all is taken.
  std::optional<std::vector<Change>> Pop() {
    std::unique_lock<std::mutex> l(mu_);
    cv_.wait(l, [&] { return !q_.empty() || closed_; });
    if (q_.empty()) return std::nullopt;
    auto b = std::move(q_.front());
    q_.pop_front();
    cv_.notify_all();
    return b;
  }
  void Close(Status st) {
    std::lock_guard<std::mutex> l(mu_);
    closed_ = true;
    status_ = std::move(st);
    cv_.notify_all();
  }
  void Abandon() {
    std::lock_guard<std::mutex> l(mu_);
    abandoned_ = true;
    cv_.notify_all();
  }
  Status status() {
    std::lock_guard<std::mutex> l(mu_);
    return status_;
  }

 private:
  const size_t capacity_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::vector<Change>> q_;  // guarded by mu_
  bool closed_ = false, abandoned_ = false;  // guarded by mu_
  Status status_;                            // guarded by mu_
};

}  // namespace

int RunImportTickets(const ImportArgs& a) {
  if (a.file == "-") return ExitCodeFor(ValidationError("import reads a file (it is read twice)"));
  auto store = OpenStore(a.db);
  if (!store.ok()) return ExitCodeFor(store.status());
  SystemClock clock;
  TicketImporter importer(**store, clock, Actor{"import", Role::kAdmin, ""});

  // Pass 1: check every line, on two threads (each takes every other line);
  // a file with any bad line imports nothing.
  CheckResult halves[2];
  std::thread other([&] { halves[1] = CheckShare(a.file, importer, 1, 2); });
  halves[0] = CheckShare(a.file, importer, 0, 2);
  other.join();
  for (const auto& h : halves) {
    if (!h.read.ok()) return ExitCodeFor(h.read);
  }
  std::vector<std::pair<int64_t, std::string>> errors = halves[0].errors;
  errors.insert(errors.end(), halves[1].errors.begin(), halves[1].errors.end());
  std::sort(errors.begin(), errors.end());
  for (size_t i = 0; i < std::min(errors.size(), kMaxErrorsShown); ++i) {
    std::fprintf(stderr, "%s:%lld: %s\n", a.file.c_str(), static_cast<long long>(errors[i].first),
                 errors[i].second.c_str());
  }
  if (!errors.empty()) {
    std::fprintf(stderr, "kefu: bad lines found; nothing was imported\n");
    return 1;
  }
  for (const auto& h : halves) {
    for (const auto& r : h.refs) importer.NoteReferences(r);
  }
  if (Status st = importer.CheckReferences(); !st.ok()) return ExitCodeFor(st);
  const int64_t total = halves[0].valid + halves[1].valid;

  // Pass 2: one thread parses and prepares batches while this one stores them.
  auto first = importer.ReserveIds(total);
  if (!first.ok()) return ExitCodeFor(first.status());
  BatchQueue queue(4);
  std::thread parser([&] {
    std::vector<Change> batch;
    batch.reserve(a.batch);
    int64_t seq = *first;
    Status st = ForEachLine(a.file, [&](int64_t, const std::string& line) -> Status {
      KEFU_ASSIGN_OR_RETURN(ImportRecord r, ParseLine(line));
      KEFU_ASSIGN_OR_RETURN(Change c, importer.Prepare(r, seq++));
      batch.push_back(std::move(c));
      if (batch.size() < a.batch) return OkStatus();
      if (!queue.Push(std::move(batch))) return Aborted("abandoned", "the writer stopped");
      batch = {};
      batch.reserve(a.batch);
      return OkStatus();
    });
    if (st.ok() && !batch.empty()) queue.Push(std::move(batch));
    queue.Close(st);
  });
  Progress progress(a.progress, total);
  Status st;
  while (auto batch = queue.Pop()) {
    st = importer.StoreBatch(*batch);
    if (!st.ok()) break;
    progress.Update(importer.imported());
  }
  queue.Abandon();
  parser.join();
  if (st.ok()) st = queue.status();
  if (st.ok()) st = importer.Finish(a.file);
  if (!st.ok()) {
    std::fprintf(stderr, "kefu: stopped after %lld tickets\n", static_cast<long long>(importer.imported()));
    return ExitCodeFor(st);
  }
  std::printf("imported %lld tickets from %s\n", static_cast<long long>(importer.imported()), a.file.c_str());
  return 0;
}

}  // namespace kefu::cli

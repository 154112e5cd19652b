#include <unistd.h>

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

}  // namespace

int RunImportTickets(const ImportArgs& a) {
  if (a.file == "-") return ExitCodeFor(ValidationError("import reads a file (it is read twice)"));
  auto store = OpenSqliteStore({a.db, 1});
  if (!store.ok()) return ExitCodeFor(store.status());
  SystemClock clock;
  TicketImporter importer(**store, clock, Actor{"import", Role::kAdmin, ""});

  // Pass 1: check every line; a file with any bad line imports nothing.
  size_t errors = 0;
  int64_t total = 0;
  Status read = ForEachLine(a.file, [&](int64_t n, const std::string& line) {
    auto r = ParseLine(line);
    Status st = r.ok() ? importer.CheckRecord(*r) : r.status();
    if (st.ok()) {
      importer.NoteReferences(*r);
      ++total;
    } else if (++errors <= kMaxErrorsShown) {
      std::fprintf(stderr, "%s:%lld: %s\n", a.file.c_str(), static_cast<long long>(n),
                   st.ToString().c_str());
    }
    return OkStatus();
  });
  if (!read.ok()) return ExitCodeFor(read);
  if (errors == 0) read = importer.CheckReferences();
  if (!read.ok()) return ExitCodeFor(read);
  if (errors > 0) {
    std::fprintf(stderr, "kefu: %zu bad lines; nothing was imported\n", errors);
    return 1;
  }

  // Pass 2: store in batches.
  Progress progress(a.progress, total);
  std::vector<ImportRecord> batch;
  batch.reserve(a.batch);
  Status st = ForEachLine(a.file, [&](int64_t, const std::string& line) -> Status {
    KEFU_ASSIGN_OR_RETURN(ImportRecord r, ParseLine(line));
    batch.push_back(std::move(r));
    if (batch.size() < a.batch) return OkStatus();
    KEFU_RETURN_IF_ERROR(importer.ImportBatch(batch));
    batch.clear();
    progress.Update(importer.imported());
    return OkStatus();
  });
  if (st.ok()) st = importer.ImportBatch(batch);
  progress.Update(importer.imported());
  if (st.ok()) st = importer.Finish(a.file);
  if (!st.ok()) {
    std::fprintf(stderr, "kefu: stopped after %lld tickets\n", static_cast<long long>(importer.imported()));
    return ExitCodeFor(st);
  }
  std::printf("imported %lld tickets from %s\n", static_cast<long long>(importer.imported()), a.file.c_str());
  return 0;
}

}  // namespace kefu::cli

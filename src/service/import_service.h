// Bulk import of tickets (kefu import tickets FILE.jsonl).
//
// The caller validates every record first (CheckAll), so that a file with a
// single bad line imports nothing; then it stores the records in batches,
// one transaction per batch, each ticket with its "created" event.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/time.h"
#include "core/ticket_rules.h"
#include "store/store.h"

namespace kefu {

struct ImportRecord {
  NewTicket ticket;
  std::optional<Timestamp> created_at;  // default: the import time
};

class TicketImporter {
 public:
  TicketImporter(Store& store, Clock& clock, Actor by) : store_(store), clock_(clock), by_(by) {}

  // Validates one record's fields (no store access). kValidation on failure.
  Status CheckRecord(const ImportRecord& r);
  // Remembers the customers and orders `r` refers to, for CheckReferences.
  void NoteReferences(const ImportRecord& r);
  // Checks that every noted customer and order exists and that each order
  // belongs to the customer named with it. kValidation names the first miss.
  Status CheckReferences();

  // Stores a batch in one transaction. REQUIRES: every record passed
  // CheckRecord and CheckReferences.
  Status ImportBatch(const std::vector<ImportRecord>& batch);

  // Writes one audit entry for the whole import.
  Status Finish(const std::string& source);

  int64_t imported() const { return imported_; }

 private:
  Store& store_;
  Clock& clock_;
  const Actor by_;
  std::set<std::string> customers_;
  std::set<std::pair<std::string, std::string>> orders_;  // (order, customer)
  int64_t imported_ = 0;
};

}  // namespace kefu

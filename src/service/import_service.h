// Bulk import of tickets (kefu import tickets FILE.jsonl).
//
// The caller checks every record first (CheckRecord, CheckReferences), so
// that a file with a single bad line imports nothing; then it reserves the
// ids, prepares the tickets (on any thread) and stores them in batches, one
// transaction per batch, each ticket with its "created" event.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/time.h"
#include "core/ticket_rules.h"
#include "service/ticket_service.h"
#include "store/store.h"

namespace kefu {

struct ImportRecord {
  NewTicket ticket;
  std::optional<Timestamp> created_at;  // default: the import time
};

class TicketImporter {
 public:
  TicketImporter(Store& store, Clock& clock, Actor by)
      : store_(store), clock_(clock), by_(by), started_(clock.Now()) {}

  // Validates one record's fields (no store access). kValidation on failure.
  Status CheckRecord(const ImportRecord& r) const;
  // Remembers the customers and orders `r` refers to, for CheckReferences.
  void NoteReferences(const ImportRecord& r);
  // Checks that every noted customer and order exists and that each order
  // belongs to the customer named with it. kValidation names the first miss.
  Status CheckReferences();

  // Reserves ids for `n` tickets in one transaction and returns the first
  // sequence number. Ids of an import that fails later are not reused.
  StatusOr<int64_t> ReserveIds(int64_t n);

  // Decides the ticket (and its "created" event) for `r` with id sequence
  // `seq`. Pure: safe to call from several threads.
  StatusOr<Change> Prepare(const ImportRecord& r, int64_t seq) const;

  // Stores prepared tickets in one transaction.
  Status StoreBatch(std::vector<Change>& batch);

  // Writes one audit entry for the whole import.
  Status Finish(const std::string& source);

  int64_t imported() const { return imported_; }

 private:
  Store& store_;
  Clock& clock_;
  const Actor by_;
  const Timestamp started_;  // created_at of records that give none
  std::set<std::string> customers_;
  std::set<std::pair<std::string, std::string>> orders_;  // (order, customer)
  int64_t imported_ = 0;
};

}  // namespace kefu

#include "service/import_service.h"

#include <nlohmann/json.hpp>


namespace kefu {

Status TicketImporter::CheckRecord(const ImportRecord& r) const {
  return OpenTicket(r.ticket, "T-000000", by_, r.created_at.value_or(Timestamp{})).status();
}

void TicketImporter::NoteReferences(const ImportRecord& r) {
  customers_.insert(r.ticket.customer_id);
  if (!r.ticket.order_id.empty()) orders_.emplace(r.ticket.order_id, r.ticket.customer_id);
}

Status TicketImporter::CheckReferences() {
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  for (const auto& c : customers_) {
    if (!store_.GetCustomer(*txn, c).ok()) return ValidationError("customer " + c + " does not exist");
  }
  for (const auto& [o, c] : orders_) {
    auto order = store_.GetOrder(*txn, o);
    if (!order.ok()) return ValidationError("order " + o + " does not exist");
    if (order->customer_id != c) return ValidationError("order " + o + " belongs to another customer");
  }
  return OkStatus();
}

StatusOr<int64_t> TicketImporter::ReserveIds(int64_t n) {
  if (n == 0) return int64_t{0};
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  KEFU_ASSIGN_OR_RETURN(int64_t first, store_.ReserveSeqs(*txn, 'T', n));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return first;
}

StatusOr<Change> TicketImporter::Prepare(const ImportRecord& r, int64_t seq) const {
  return OpenTicket(r.ticket, FormatId('T', seq), by_, r.created_at.value_or(started_));
}

Status TicketImporter::StoreBatch(std::vector<Change>& batch) {
  if (batch.empty()) return OkStatus();
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  for (Change& c : batch) KEFU_RETURN_IF_ERROR(SaveChange(store_, *txn, c, true));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  imported_ += static_cast<int64_t>(batch.size());
  return OkStatus();
}

Status TicketImporter::Finish(const std::string& source) {
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  nlohmann::json d = {{"source", source}, {"tickets", imported_}};
  KEFU_RETURN_IF_ERROR(store_.AppendAudit(*txn, {clock_.Now(), by_.login, "tickets.import", source, d.dump()}));
  return txn->Commit();
}

}  // namespace kefu

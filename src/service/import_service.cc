#include "service/import_service.h"

#include <nlohmann/json.hpp>

#include "service/ticket_service.h"

namespace kefu {

Status TicketImporter::CheckRecord(const ImportRecord& r) {
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

Status TicketImporter::ImportBatch(const std::vector<ImportRecord>& batch) {
  if (batch.empty()) return OkStatus();
  Timestamp now = clock_.Now();
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  KEFU_ASSIGN_OR_RETURN(int64_t first, store_.ReserveSeqs(*txn, 'T', static_cast<int64_t>(batch.size())));
  for (size_t i = 0; i < batch.size(); ++i) {
    const ImportRecord& r = batch[i];
    KEFU_ASSIGN_OR_RETURN(Change c, OpenTicket(r.ticket, FormatId('T', first + static_cast<int64_t>(i)),
                                               by_, r.created_at.value_or(now)));
    KEFU_RETURN_IF_ERROR(SaveChange(store_, *txn, c, true));
  }
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

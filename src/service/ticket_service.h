// Ticket use cases. Each command runs in one write transaction that stores
// the new ticket state and its events together, so the history always
// explains the state. Visibility and permissions follow core/access.h.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/time.h"
#include "core/access.h"
#include "core/escalation.h"
#include "core/ticket_rules.h"
#include "service/config_service.h"
#include "service/paging.h"
#include "service/reply_service.h"
#include "service/sla_service.h"
#include "service/text_service.h"
#include "store/store.h"

namespace kefu {

struct CreateTicketResult {
  Ticket ticket;
  bool replayed = false;  // true: an earlier request with the same idempotency key
};

struct TicketQuery {
  std::optional<TicketStatus> status;
  std::optional<Priority> priority;
  std::optional<Channel> channel;
  std::string assignee, owner, customer_id, tag, team;
  std::string category;  // a category code, "-" for none yet; "" = any
  // "breaching_soon": a running SLA clock breaches within the next hour;
  // "breached": one has breached; "" = any.
  std::string sla;
  // An inbox view (staff): "mine", "team", "unassigned", "breaching_soon",
  // "breached", "vip", "pending_third_party", "watching" (docs/api.md §11.1);
  // "" = none.
  std::string view;
  PageRequest page;
};

inline constexpr const char* kInboxViews[] = {"mine", "team", "unassigned", "breaching_soon", "breached",
                                              "vip", "pending_third_party", "watching"};

// What a TicketService works with besides the store. All optional: without
// config there are no teams to check and no forbidden phrases; with sla,
// every write keeps the ticket's SLA index (Store::SetSlaIndex) right;
// observers (the scheduler) hear of every write.
// Told by TicketService of each committed ticket write (e.g. the scheduler,
// to route a ticket that joined the queue at once).
class TicketObserver {
 public:
  virtual ~TicketObserver() = default;
  virtual void AfterCommit(const Ticket& t) = 0;
};

struct TicketServiceDeps {
  ConfigService* config = nullptr;
  SlaService* sla = nullptr;
  std::vector<TicketObserver*> observers;
  // With text, a customer's new ticket or message that carries escalation
  // signals (12315, 曝光, 律师 ...: text/threat.h) sets the ticket's threat
  // flag (a threat_changed event by "system" naming the signals), which
  // sends it to a lead at once.
  const TextService* text = nullptr;
};

// Thread-safe.
class TicketService {
 public:
  TicketService(Store& store, Clock& clock, TicketServiceDeps deps = {})
      : store_(store), clock_(clock), deps_(std::move(deps)) {}

  // Opens a ticket. Customers' tickets are always their own (customer_id may
  // be left empty). A ticket opened without a team joins the team the
  // routing rules choose (a team_changed event by "system"). The customer and the order must exist and match
  // (kValidation). With a non-empty `idempotency_key`, a retry with the same
  // key and the same `request_hash` returns the first ticket (replayed);
  // with another request_hash it is kAlreadyExists "idempotency_key_reused";
  // a replayed ticket the actor can no longer see is kNotFound.
  StatusOr<CreateTicketResult> Create(const Actor& a, NewTicket n,
                                      const std::string& idempotency_key,
                                      const std::string& request_hash);

  StatusOr<Ticket> Get(const Actor& a, const std::string& id);
  // Customers get only their own tickets and may not filter by tag
  // (kPermissionDenied: tags are internal); agents get what they may see.
  StatusOr<Page<Ticket>> List(const Actor& a, const TicketQuery& q);
  // The number of tickets `a` may see in each inbox view (staff), in
  // kInboxViews' order.
  StatusOr<std::vector<std::pair<std::string, int64_t>>> ViewCounts(const Actor& a);

  // The customer's satisfaction rating of their resolved or closed ticket,
  // once: 409 not_resolved / already_rated; 422 for a score outside 1..5
  // or a comment over 1,000 characters. Appends a public `rated` event.
  StatusOr<Rating> Rate(const Actor& a, const std::string& id, int score, const std::string& comment);
  // The ticket's rating (anyone who can see it), nullopt if none.
  StatusOr<std::optional<Rating>> RatingOf(const Actor& a, const std::string& id);
  // A customer sees only public events.
  StatusOr<Page<TicketEvent>> Events(const Actor& a, const std::string& id, const PageRequest& p);

  // A staff member's public reply is checked against the forbidden phrases
  // (see CheckOutgoingReply): held unless `confirm`, never sent if blocking.
  // The FAQ bot's public words on ticket `id` (core AddBotReply).
  StatusOr<Ticket> AddBotReply(const std::string& id, const std::string& body, const std::string& reason);

  // An internal note's @login mentions make those staff watchers and notify
  // them (service/ticket_watchers.h ApplyMentions).
  StatusOr<Ticket> AddMessage(const Actor& a, const std::string& id, const std::string& body,
                              bool internal, bool confirm = false);

  // A macro rendered for the ticket (staff only): kValidation
  // "variable_unavailable" etc. if it cannot be filled.
  StatusOr<MacroPreview> PreviewMacro(const Actor& a, const std::string& id,
                                      const std::string& macro_id);
  // Sends the rendered macro as a public reply and applies its actions
  // (status, tags, priority) in one transaction, under the same phrase check.
  StatusOr<Ticket> ApplyMacro(const Actor& a, const std::string& id, const std::string& macro_id,
                              bool confirm);
  StatusOr<Ticket> Transition(const Actor& a, const std::string& id, TicketStatus to,
                              const std::string& reason);
  // `agent` must be an active staff user (kValidation otherwise).
  StatusOr<Ticket> Assign(const Actor& a, const std::string& id, const std::string& agent,
                          const std::string& reason);
  StatusOr<Ticket> Patch(const Actor& a, const std::string& id, const TicketPatch& p);
  // Replaces the watchers (core/watchers.h SetWatchers); each added login
  // must be an active staff user (kValidation "unknown_watcher").
  StatusOr<Ticket> SetWatchers(const Actor& a, const std::string& id,
                               const std::vector<std::string>& logins);
  // Escalation by hand (core/escalation.h EscalateByHand): the lead is the
  // ticket's team's lead; whom it names is notified. kNotFound for a
  // ticket `a` cannot see.
  StatusOr<Ticket> Escalate(const Actor& a, const std::string& id, EscalateTo to,
                            const std::string& reason);

  // For other services: applies `decide` (core commands on the ticket as
  // read in the write transaction) as every command here is applied: one
  // transaction, the SLA index kept, watchers and observers told. `a` must
  // see the ticket (kNotFound). No events: nothing is written.
  using Decision = std::function<StatusOr<Change>(Txn&, const Ticket&, Timestamp)>;
  StatusOr<Ticket> Apply(const Actor& a, const std::string& id, const Decision& decide);

  StatusOr<std::map<TicketStatus, int64_t>> CountByStatus();
  // OK if the store answers a read (cheap: for /healthz).
  Status CheckStorage();

 private:
  // The store filter for `q` as `a` may see it (visibility, views);
  // nullopt when nothing can match (another customer's id, a team view of
  // someone in no team).
  StatusOr<std::optional<TicketFilter>> Filter(const Actor& a, const TicketQuery& q);
  // Adds `view` to `f`; false when the view can match nothing.
  StatusOr<bool> ApplyView(const Actor& a, const std::string& view, TicketFilter& f);
  // Loads the ticket, applies `decide`, stores the result. kNotFound if the
  // ticket does not exist or `a` may not see it.
  template <typename Decide>
  StatusOr<Ticket> Mutate(const Actor& a, const std::string& id, Decide decide);

  // Checks the team a ticket is put in exists.
  Status CheckTeam(Txn& txn, const std::string& team);
  void Committed(const Ticket& t);
  StatusOr<MacroPreview> RenderMacro(Txn& txn, const Actor& a, const Ticket& t,
                                     const std::string& macro_id, Timestamp now);

  Store& store_;
  Clock& clock_;
  TicketServiceDeps deps_;
};

// Puts a new ticket without a team into the team ChooseTeam picks for it
// (core/routing.h), recording a team_changed event; no-op without teams.
void JoinTeam(Change& c, const ConfigSnapshot& cfg, Tier tier, Timestamp now);

// Stores a decided Change (insert when version == 1 and the ticket is new,
// update otherwise) with its events. `before`, if given, is the ticket as
// read in this transaction (saves the store reading it again); `new_index`
// the SLA index of a new ticket. Shared by services, the scheduler and the
// importer.
Status SaveChange(Store& store, Txn& txn, Change& c, bool is_new,
                  const Ticket* before = nullptr, const SlaIndex* new_index = nullptr);

// Stores what other subsystems (after-sales, compensation, logistics,
// reminders) do to a ticket: `c` holds `before` (the ticket as read in
// `txn`) with commands chained onto it (see Chain) or events appended; it is
// stored as one change (version +1). With `sla`, the ticket's SLA index is
// kept right (needed when the change includes a status change).
Status SaveTicketChange(Store& store, Txn& txn, const Ticket& before, Change c, Timestamp now,
                        SlaService* sla = nullptr);

// The rows (anything with a ticket_id: after-sales requests, compensation)
// whose ticket `a` may see, in order. One ticket read per row: for pages.
template <typename T>
StatusOr<std::vector<T>> KeepVisible(Store& store, Txn& txn, const Actor& a, std::vector<T> rows) {
  std::vector<T> visible;
  for (auto& r : rows) {
    KEFU_ASSIGN_OR_RETURN(Ticket t, store.GetTicket(txn, r.ticket_id));
    if (CanSee(a, t)) visible.push_back(std::move(r));
  }
  return visible;
}

// Stores a notification for `login` (no-op for an empty login).
Status Notify(Store& store, Txn& txn, const std::string& login, const std::string& ticket_id,
              std::string kind, std::string body, Timestamp now);

// Notifies every active manager.
Status NotifyManagers(Store& store, Txn& txn, const std::string& ticket_id,
                      const std::string& kind, const std::string& body, Timestamp now);

// Notifies the lead of t's team, or every active manager when the ticket
// has no team or its team no lead (an approval never waits unseen).
Status NotifySupervisors(Store& store, Txn& txn, const ConfigSnapshot& cfg, const Ticket& t,
                         const std::string& kind, const std::string& body, Timestamp now);

// Notifies the people c.events[first..] name: whom each escalated event
// names (kind "escalated": the lead's login, or every active manager for
// "manager"), and the assignee of a ticket whose SLA clock breached (kind
// "sla_breached").
Status NotifyEscalations(Store& store, Txn& txn, const Change& c, size_t first, Timestamp now);

}  // namespace kefu

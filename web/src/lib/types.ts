// Shapes of the API's resources, as docs/api.md describes them. Only the
// fields the console reads are listed.

export type Role = 'customer' | 'agent' | 'lead' | 'manager' | 'admin';

export interface Me {
  login: string;
  role: Role;
  display_name: string;
  customer: string | null;
  csrf_token: string;
}

// How a customer threatens to take a complaint further: a bad review
// (差评), going public (曝光/媒体/平台投诉), or the regulator and the courts
// (12315/市场监管/律师/法院).
export type ThreatLevel = 'none' | 'review' | 'public' | 'legal';
export const THREAT_LEVELS: ThreatLevel[] = ['none', 'review', 'public', 'legal'];

export interface Ticket {
  id: string;
  subject: string;
  status: string;
  priority: string;
  owner: string | null;
  assignee: string | null;
  customer: string;
  order: string | null;
  category: string | null;
  tags: string[];
  // Staff who follow the ticket (关注人); customers always get [].
  watchers?: string[];
  channel: string;
  team?: string | null;
  // The team's assessment (staff only; customers always get false / "none").
  // Older answers carry only the boolean flag.
  threat?: boolean;
  threat_level?: ThreatLevel | string;
  sentiment?: number | null;
  created_at: string;
  updated_at: string;
  first_response_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  version: number;
  sla?: unknown;
  // Not in the API's ticket JSON: GET /tickets/:id/rating, merged by the customer's ticket page.
  rating?: { score: number; comment: string; at: string } | null;
  [k: string]: unknown;
}

// A ticket event (docs/api.md §3.2); `data` is type-specific.
export interface TicketEvent {
  id: number;
  ticket: string;
  type: string;
  actor: string;
  actor_role?: string;
  actor_name?: string; // display name (the login for system and import)
  at: string;
  internal: boolean;
  data: {
    body?: string;
    subject?: string;
    from?: string;
    to?: string;
    reason?: string;
    tags?: string[];
    added?: string[];
    removed?: string[];
    [k: string]: unknown;
  };
}

// An order and its lines (§3.4).
export interface OrderItem {
  line?: number;
  sku: string;
  name: string;
  quantity: number;
  price_fen: number;
  category?: string | null;
  non_returnable?: boolean;
  gift_of?: number | null; // a gift (赠品): the 1-based line it came with
  gift_value_fen?: number | null; // a gift's disclosed price per unit; null when not a gift
  discount_fen?: number; // the line's share of the order's discounts, whole line
  paid_fen?: number; // what the whole line cost after its discount
}

export interface Order {
  id: string;
  status?: string;
  items: OrderItem[];
  discount_fen?: number; // order-level discounts, spread over the lines
  shipping_fee_fen?: number;
  free_shipping_threshold_fen?: number; // 满X包邮; 0 = no such promise
  shipping_waived_fen?: number; // the shipping the free-shipping promise waived
  total_fen: number; // lines after discounts plus shipping
  paid_at: string | null;
  shipped_at: string | null;
  delivered_at: string | null;
  carrier: string | null;
  tracking_number: string | null;
  created_at?: string;
}

// An amount the policy took off the refund (already within max_refund_fen).
export interface DecisionDeduction {
  code: 'gift_not_returned' | 'free_shipping_threshold' | string;
  amount_fen: number;
  article: string | null;
}

// Gift units that must come back with the returned goods.
export interface GiftToReturn {
  line: number;
  quantity: number;
  value_fen: number; // disclosed price of one unit
}

// The after-sales policy's decision (§7.1).
export interface Decision {
  eligible: boolean;
  rule: string;
  article: string | null;
  return_shipping_paid_by: string;
  duties_paid_by?: string;
  return_required?: boolean;
  window_ends: string | null;
  max_refund_fen: number;
  punitive_fen?: number; // punitive damages within max_refund_fen (CRPL 55, Food Safety Law 148)
  lead_required?: boolean; // only a lead or above may approve or reject
  evidence_required?: boolean;
  needs_confirmation?: boolean; // the delivery date rests on the buyer's word
  window_extended?: boolean; // the window's last day was a rest day (Civil Code Art. 203)
  alternatives?: string[]; // for a refusal, the kinds that would be granted instead
  deductions?: DecisionDeduction[]; // already subtracted from max_refund_fen
  gifts_to_return?: GiftToReturn[];
  explanation_zh: string;
  explanation_en: string;
}

// An after-sales request (§7.1, §7.2).
export interface AfterSales {
  id: string;
  ticket: string;
  order: string;
  line: number;
  quantity: number;
  unit?: number | null; // which unit of the line (from 1), for a request of quantity 1; null when not said
  kind: string;
  reason: string;
  status: string;
  note: string | null;
  decision: Decision;
  refund_fen: number;
  return_tracking?: string | null;
  resend_tracking?: string | null;
  evidence?: string | null;
  deduction_basis?: string | null;
  deduction_reason?: string | null;
  requested_by: string;
  decided_by?: string | null;
  decision_reason?: string | null;
  // A refusal: who asked for an exception (申请例外) and why (null for customers).
  exception_by?: string | null;
  exception_reason?: string | null;
  // A refusal a lead or above overrode (特批): it then follows the usual flow.
  override?: boolean;
  overridden_by?: string | null;
  override_reason?: string | null;
  created_at: string;
  refund_due?: string | null;
  refund_overdue?: boolean;
  version: number;
}

// A compensation request (§7.4).
export interface Compensation {
  id: string;
  ticket: string;
  team?: string | null;
  kind: string;
  amount_fen: number;
  reason: string;
  status: string;
  pending_reason: string | null;
  requested_by: string;
  requested_role?: string;
  decided_by: string | null;
  decision_note?: string | null;
  created_at: string;
  decided_at?: string | null;
  version?: number;
}

// A knowledge-base article (§10.1).
export interface Article {
  id: string;
  title: string;
  body: string;
  category: string | null;
  tags: string[];
  published?: boolean;
  updated_at?: string;
}

// A search hit (§9). Hits of type=message may come back as 'note' (internal notes).
export type HitType = 'ticket' | 'message' | 'customer' | 'article';
export type HitKind = HitType | 'note';

export interface SearchHit {
  type: HitKind;
  id: string;
  title: string;
  snippet: string;
  highlights: [number, number][];
  score?: number;
  at: string | null;
  ticket_id?: string;
  matched?: string;
}

export const STATUSES = [
  'new', 'open', 'pending_customer', 'pending_third_party', 'resolved', 'closed',
] as const;
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;

// A notification of the signed-in user (§7.6). Named so as not to shadow
// the DOM's Notification.
export interface AppNotification {
  id: number;
  ticket: string | null;
  kind: string;
  body: string;
  at: string;
  read: boolean;
  read_at: string | null;
}

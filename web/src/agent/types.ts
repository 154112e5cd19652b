// Shapes of the API answers the agent console reads (docs/api.md §6, §7,
// §9, §11). Only the fields the console uses are listed.
import type { Ticket } from '../lib/types';

export type View = 'mine' | 'team' | 'unassigned' | 'breaching_soon' | 'vip' | 'pending_third_party';
export const VIEWS: View[] = ['mine', 'team', 'unassigned', 'breaching_soon', 'vip', 'pending_third_party'];
export type Counts = Partial<Record<View, number>>;

export interface SlaClock {
  metric: 'first_response' | 'next_response' | 'resolution' | string;
  state: 'ok' | 'warning' | 'breached' | 'met' | string;
  target_minutes: number;
  elapsed_minutes: number;
  due_at: string | null;
  warning_at: string | null;
  met_at: string | null;
  paused: boolean;
}

export interface Sla {
  rule?: string;
  clocks: SlaClock[];
  breach_at: string | null;
}

export interface Ev {
  id: number;
  ticket: string;
  type: string;
  actor: string;
  actor_role: string;
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

export interface Macro {
  id: string;
  name: string;
  team: string;
  locale: string;
  body: string;
  actions?: { status?: string; add_tags?: string[] };
}

export interface MacroPreview {
  macro: string;
  body: string;
  actions?: { status?: string; add_tags?: string[] };
}

export interface PhraseMatch {
  phrase: string;
  blocking: boolean;
  reason: string;
}

export interface Present {
  login: string;
  display_name: string;
  state: 'viewing' | 'replying' | 'left';
  until: string;
}

export interface OrderItem {
  line: number;
  sku: string;
  name: string;
  quantity: number;
  price_fen: number;
  category?: string | null;
  non_returnable?: boolean;
}

export interface Order {
  id: string;
  status: string;
  items: OrderItem[];
  total_fen: number;
  paid_at: string | null;
  shipped_at: string | null;
  delivered_at: string | null;
  carrier: string | null;
  tracking_number: string | null;
}

export interface TrackingEvent {
  event_id: string;
  at: string;
  status: string;
  exception: string | null;
  description: string;
  location: string;
}

export interface Shipment {
  id: string;
  order: string;
  carrier: string;
  tracking_number: string;
  status: string;
  exception: string | null;
  exception_label: string | null;
  last_event_at: string | null;
  events: TrackingEvent[];
}

export interface Decision {
  eligible: boolean;
  rule: string;
  article: string | null;
  return_shipping_paid_by: string;
  duties_paid_by?: string;
  return_required: boolean;
  window_ends: string | null;
  max_refund_fen: number;
  explanation_zh: string;
  explanation_en: string;
}

export interface AfterSales {
  id: string;
  ticket: string;
  order: string;
  line: number;
  quantity: number;
  kind: string;
  reason: string;
  status: string;
  note: string | null;
  decision: Decision;
  refund_fen: number;
  created_at: string;
  refund_due: string | null;
  refund_overdue: boolean;
}

export interface Compensation {
  id: string;
  ticket: string;
  kind: string;
  amount_fen: number;
  reason: string;
  status: string;
  pending_reason: string | null;
  requested_by: string;
  decided_by: string | null;
  created_at: string;
}

export interface Overview {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  tier: string;
  created_at: string;
  tags?: string[];
  threat?: boolean;
  risk_flags?: string[];
  orders: Order[];
  shipments: Shipment[];
  open_tickets: Ticket[];
  past_tickets: Ticket[];
  after_sales: AfterSales[];
  compensations: Compensation[];
  totals: { refunded_fen: number; compensated_fen: number };
}

export type HitType = 'ticket' | 'message' | 'customer' | 'article';
// Search hits of type=message may come back as 'note' (internal notes).
export type HitKind = HitType | 'note';
export const HIT_TYPES: HitType[] = ['ticket', 'message', 'customer', 'article'];

export interface Hit {
  type: HitKind;
  id: string;
  title: string;
  snippet: string;
  highlights: [number, number][];
  score: number;
  at: string | null;
  ticket_id?: string;
  matched?: string;
}

export interface Article {
  id: string;
  title: string;
  body: string;
  category: string | null;
  tags: string[];
}

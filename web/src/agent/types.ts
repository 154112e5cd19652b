// Shapes of the API answers only the agent console reads (docs/api.md §6,
// §7, §9, §11); the shared API shapes are in ../lib/types. Only the fields
// the console uses are listed.
import type { AfterSales, Compensation, HitType, Order, Ticket } from '../lib/types';

export type View = 'mine' | 'team' | 'watching' | 'unassigned' | 'breaching_soon' | 'breached' | 'vip' | 'pending_third_party';
export const VIEWS: View[] = ['mine', 'team', 'watching', 'unassigned', 'breaching_soon', 'breached', 'vip', 'pending_third_party'];
export type Counts = Partial<Record<View, number>>;

export interface SlaClock {
  metric: 'first_response' | 'next_response' | 'resolution' | string;
  state: 'ok' | 'warning' | 'breached' | 'met' | string;
  target_minutes: number;
  elapsed_minutes: number;
  experienced_minutes?: number;
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

// Exception kinds of a tracking event (docs/api.md §7.5).
export const SHIP_EXCEPTIONS = [
  'delayed', 'damaged', 'lost', 'returned_to_sender', 'customs_hold', 'address_problem', 'refused',
] as const;
// The statuses staff may record on a shipment.
export const SHIP_STATUSES = ['delivered', 'in_transit', 'out_for_delivery', 'exception'] as const;

export interface TrackingEvent {
  event_id: string;
  at: string;
  status: string;
  exception: string | null;
  description: string; // for a staff event, the reason given
  location: string;
  source?: 'carrier' | 'staff' | string; // older answers leave it out: the carrier
  recorded_by?: string | null; // the staff login, for a staff event
  evidence?: string | null;
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
  after_sales?: string | null; // the after-sales request a resend parcel carries
  created_at?: string;
  events: TrackingEvent[];
}

// POST /shipments/:id/events answers the shipment and the tickets it touched.
export interface ShipmentEventResult {
  shipment: Shipment;
  tickets: string[];
}

// A date the team keeps on a customer: "MM-DD" (every year) or "YYYY-MM-DD".
export interface ImportantDate {
  label: string;
  date: string;
}

// At most this many important dates per customer (docs/api.md §3.3).
export const MAX_IMPORTANT_DATES = 20;

// A customer's tiers (labels: tier.* in lib/strings.ts).
export const TIERS = ['normal', 'member', 'vip'] as const;

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
  // What the team keeps on the customer (staff only; older answers leave them out).
  notes?: string | null;
  preferences?: string | null;
  important_dates?: ImportantDate[];
  orders: Order[];
  shipments: Shipment[];
  open_tickets: Ticket[];
  past_tickets: Ticket[];
  after_sales: AfterSales[];
  compensations: Compensation[];
  totals: { refunded_fen: number; compensated_fen: number };
}

export const HIT_TYPES: HitType[] = ['ticket', 'message', 'customer', 'article'];

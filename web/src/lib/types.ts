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
  channel: string;
  team?: string | null;
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

export interface TicketEvent {
  seq: number;
  type: string;
  actor: string;
  at: string;
  body?: string;
  from?: string;
  to?: string;
  reason?: string;
  public?: boolean;
  [k: string]: unknown;
}

export const STATUSES = [
  'new', 'open', 'pending_customer', 'pending_third_party', 'resolved', 'closed',
] as const;
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;

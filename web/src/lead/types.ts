// Shapes the lead pages read (docs/api.md §6.4, §7.1, §7.4, §11.6).
import type { Ticket } from '../lib/types';

export interface Team {
  name: string;
  display_name: string;
  lead: string | null;
  categories: string[];
  vip_only: boolean;
}

export interface AgentLoad {
  login: string;
  display_name?: string;
  teams: string[];
  skills: string[];
  max_open: number;
  max_chats: number;
  presence: 'online' | 'busy' | 'away' | 'offline' | string;
  open: number;
  chats: number;
}

export interface TeamQueue {
  team: Team;
  waiting: Ticket[];
  agents: AgentLoad[];
}

export interface Budget {
  team: string;
  month: string;
  budget_fen: number | null;
  spent_fen: number;
  pending_fen: number;
  remaining_fen: number | null;
}

export interface Compensation {
  id: string;
  ticket: string;
  team: string | null;
  kind: string;
  amount_fen: number;
  reason: string;
  status: string;
  pending_reason: string | null;
  requested_by: string;
  requested_role: string;
  decided_by: string | null;
  decision_note: string | null;
  created_at: string;
  decided_at: string | null;
  version: number;
}

export interface AfterSalesDecision {
  eligible: boolean;
  rule: string;
  article: string;
  return_shipping_paid_by: string;
  max_refund_fen: number;
  window_ends: string | null;
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
  decision: AfterSalesDecision;
  refund_fen: number;
  requested_by: string;
  created_at: string;
  version: number;
}

export interface Timing {
  count: number;
  median_minutes: number | null;
  p90_minutes: number | null;
}

export interface Dashboard {
  days: number;
  generated_at: string;
  by_status: Record<string, number>;
  by_category: { category: string | null; count: number }[];
  by_priority: Record<string, number>;
  first_response: Timing;
  resolution: Timing;
  sla: { tickets: number; breached: number; attainment: number | null };
  csat: { count: number; average: number | null; satisfied_share: number | null };
  trend: { date: string; created: number; resolved: number; backlog: number }[];
}

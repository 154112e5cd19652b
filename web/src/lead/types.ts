// Shapes only the lead pages read (docs/api.md §6.4, §7.4, §11.6); the
// shared API shapes are in ../lib/types.
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
  after_sales?: AfterSalesReport; // absent from older servers
  bot?: BotReport; // absent from older servers
}

// Tickets created in the window by how the FAQ bot's part ended (by tag).
export interface BotReport {
  bot_answered: number; // still waiting for the customer's answer
  bot_solved: number;
  bot_auto_resolved: number;
  bot_handoff: number;
}

// After-sales requests created in the dashboard's window; money in fen.
export interface AfterSalesReport {
  requests: number; // opened (granted or overridden); refusals apart
  refused?: { count: number; by_rule: Record<string, number> }; // the policy said no
  overridden?: number; // refusals a lead or above overrode (特批)
  by_kind: Record<string, number>;
  by_reason: Record<string, number>;
  refunded: { count: number; amount_fen: number };
  punitive: {
    claims: number;
    open: number;
    refunded: number;
    rejected: number;
    claimed_fen: number;
    paid_fen: number;
  };
}

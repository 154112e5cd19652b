// Shapes the help centre reads (docs/api.md §3.2, §3.4, §9, §10).

export interface OrderItem {
  line?: number;
  sku: string;
  name: string;
  quantity: number;
  price_fen: number;
}

export interface Order {
  id: string;
  status?: string;
  items: OrderItem[];
  total_fen: number;
  paid_at: string | null;
  shipped_at: string | null;
  delivered_at: string | null;
  carrier: string | null;
  tracking_number: string | null;
  created_at: string;
}

export interface Article {
  id: string;
  title: string;
  body: string;
  category: string | null;
  tags: string[];
  published: boolean;
  updated_at: string;
}

export interface SearchHit {
  type: string;
  id: string;
  title: string;
  snippet: string;
  highlights: [number, number][];
  at: string;
}

export interface TimelineEvent {
  id: number;
  ticket: string;
  type: string;
  actor: string;
  actor_role?: string;
  actor_name?: string;
  at: string;
  internal: boolean;
  data: {
    body?: string;
    subject?: string;
    from?: string;
    to?: string;
    reason?: string;
    score?: number;
    comment?: string;
  };
}

export type BotReply =
  | {
      action: 'answer';
      ticket_id: string | null;
      answer: string;
      source: string;
      article_id: string | null;
      category?: string;
    }
  | {
      action: 'handoff';
      ticket_id: string | null;
      reason: string;
      message: string;
      category?: string;
    };

// Shapes only the help centre reads (docs/api.md §10.2); the shared API
// shapes are in ../lib/types.

export type BotReply =
  | {
      action: 'answer';
      ticket_id: string | null;
      answer: string;
      source: string;
      article_id: string | null;
      category?: string;
      // Asked when the answer is recorded on a ticket (这个回答解决您的问题了吗？);
      // the ticket then waits for POST /tickets/:id/bot-feedback.
      confirm_question?: string | null;
    }
  | {
      action: 'handoff';
      ticket_id: string | null;
      reason: string;
      message: string;
      category?: string;
    };

// 这个回答解决您的问题了吗？ The customer's answer to the FAQ bot's
// question (POST /tickets/:id/bot-feedback): solved resolves the ticket,
// not solved hands it to a person. Used in the chat and on the ticket page.
import { useState } from 'react';
import { api } from '../lib/api';
import { t } from '../lib/i18n';
import type { Ticket } from '../lib/types';
import { Notice, friendlyError } from './ui';

interface Props {
  ticket: string;
  question?: string | null; // the server's words; ours when it gives none
  onAnswered: (solved: boolean, tk: Ticket) => void;
}

export function BotConfirm({ ticket, question, onAnswered }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const q = question || t('cust.bot.question');

  async function answer(solved: boolean) {
    setBusy(true);
    setError('');
    try {
      const tk = await api.post<Ticket>(`/tickets/${encodeURIComponent(ticket)}/bot-feedback`, { solved });
      onAnswered(solved, tk);
    } catch (e) {
      setError(friendlyError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="bot-confirm" data-testid="bot-confirm" role="group" aria-label={q}>
      <p>{q}</p>
      <div className="bot-confirm-actions">
        <button type="button" className="primary" data-testid="bot-solved" disabled={busy} onClick={() => void answer(true)}>
          {t('cust.bot.solved')}
        </button>
        <button type="button" data-testid="bot-not-solved" disabled={busy} onClick={() => void answer(false)}>
          {t('cust.bot.notSolved')}
        </button>
      </div>
      {error && <Notice kind="error">{error}</Notice>}
    </div>
  );
}

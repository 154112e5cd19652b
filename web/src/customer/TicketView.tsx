// One of the customer's tickets: the public conversation, a reply box,
// live updates, the FAQ bot's "did this help?" while it waits for the
// answer and, once resolved, the satisfaction rating.
import { useRef, useState, type FormEvent } from 'react';
import { api, type Page } from '../lib/api';
import { useLoad } from '../lib/hooks';
import { t } from '../lib/i18n';
import { useLive } from '../lib/live';
import { useRoute } from '../lib/router';
import { useSession } from '../lib/session';
import { formatTime } from '../lib/time';
import type { Ticket, TicketEvent } from '../lib/types';
import { BotConfirm } from './BotConfirm';
import { Rating } from './Rating';
import { Link } from '../lib/ui';
import { Notice, StatusPill, friendlyError } from './ui';
import './customer.css';

async function loadAll(id: string): Promise<{ ticket: Ticket; events: TicketEvent[] }> {
  const path = encodeURIComponent(id);
  const ticketP = api.get<Ticket>(`/tickets/${path}`);
  const events: TicketEvent[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 20; i++) {
    const page: Page<TicketEvent> = await api.get<Page<TicketEvent>>(`/tickets/${path}/events`, {
      limit: 200,
      cursor,
    });
    events.push(...page.items);
    cursor = page.next_cursor;
    if (!cursor) break;
  }
  const ticket = await ticketP;
  if (ticket.status === 'resolved' || ticket.status === 'closed') {
    ticket.rating = (await api.get<{ rating: Ticket['rating'] }>(`/tickets/${path}/rating`)).rating;
  }
  return { ticket, events };
}

// The bot's question, when the ticket waits for the customer's answer to
// it: pending_customer and the latest bot reply asks it (reason confirm).
function botQuestion(ticket: Ticket, events: TicketEvent[]): string | null {
  if (ticket.status !== 'pending_customer') return null;
  const last = [...events].reverse().find((e) => e.type === 'bot_reply');
  return last?.data?.reason === 'confirm' ? (last.data.body ?? '') : null;
}

function staffName(e: TicketEvent): string {
  if (e.actor === 'system') return t('cust.tl.bot');
  return t('cust.tl.staff', { name: e.actor_name || e.actor });
}

// A line for events that are not messages, or null to leave it out.
function notice(e: TicketEvent): string | null {
  const d = e.data ?? {};
  switch (e.type) {
    case 'status_changed':
      return d.to ? t('cust.tl.status', { s: t('cust.status.' + d.to) }) : null;
    case 'after_sales':
      return t('cust.tl.afterSales', { id: d.body ?? '', s: t('cust.as.' + (d.to ?? '')) });
    case 'shipment':
      return t('cust.tl.shipment', { text: d.reason ?? d.to ?? '' });
    case 'rated':
      return t('cust.tl.rated');
    default:
      return null;
  }
}

export function TicketView({ id }: { id: string }) {
  const { me } = useSession();
  const { query } = useRoute();
  const { data, error, loading, reload, setData } = useLoad(() => loadAll(id), [id]);
  const [reply, setReply] = useState('');
  const [busy, setBusy] = useState(false);
  const [sendError, setSendError] = useState('');
  const [confirmed, setConfirmed] = useState('');
  const timer = useRef<number | undefined>(undefined);

  useLive(id, () => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(reload, 400);
  });

  async function send(e: FormEvent) {
    e.preventDefault();
    const body = reply.trim();
    if (!body || !data) return;
    setBusy(true);
    setSendError('');
    try {
      const tk = await api.post<Ticket>(`/tickets/${encodeURIComponent(id)}/messages`, { body });
      setData({ ticket: tk, events: data.events });
      setReply('');
      reload();
    } catch (err) {
      setSendError(friendlyError(err));
    } finally {
      setBusy(false);
    }
  }

  if (error && !data)
    return (
      <div className="cust-page narrow">
        <Link to="/help/tickets" className="back">
          ← {t('cust.mine.back')}
        </Link>
        <Notice kind="error">{friendlyError(error)}</Notice>
      </div>
    );
  if (!data) return <div className="cust-page narrow muted">{loading ? t('common.loading') : ''}</div>;

  const { ticket, events } = data;
  const closed = ticket.status === 'closed';
  const done = ticket.status === 'resolved' || closed;
  const question = botQuestion(ticket, events);

  return (
    <div className="cust-page narrow">
      <Link to="/help/tickets" className="back">
        ← {t('cust.mine.back')}
      </Link>
      {query.get('created') && <Notice kind="ok">{t('cust.view.created')}</Notice>}
      <header className="cust-card ticket-head">
        <h1 data-testid="ticket-subject">{ticket.subject}</h1>
        <div className="ticket-facts">
          <StatusPill status={ticket.status} />
          <span className="muted">{ticket.id}</span>
          {ticket.order && <span className="muted">{t('cust.view.order', { id: ticket.order })}</span>}
          <span className="muted">{t('cust.view.createdAt', { at: formatTime(ticket.created_at) })}</span>
        </div>
        <p className="status-hint">{t('cust.hint.' + ticket.status)}</p>
      </header>

      <section className="conversation" aria-label={t('cust.view.conversation')}>
        {events.map((e) => {
          if (e.type === 'created' || e.type === 'reply' || e.type === 'bot_reply') {
            const mine = e.actor_role ? e.actor_role === 'customer' : e.actor === me.login;
            const text = e.data?.body ?? (e.type === 'created' ? e.data?.subject : '') ?? '';
            if (!text) return null;
            return (
              <div key={e.id} className={mine ? 'msg mine' : 'msg staff'} data-testid="message">
                <div className="msg-who">
                  {mine ? t('cust.tl.me') : staffName(e)} · <time dateTime={e.at}>{formatTime(e.at)}</time>
                </div>
                <div className="msg-bubble">{text}</div>
              </div>
            );
          }
          const line = notice(e);
          if (!line) return null;
          return (
            <div key={e.id} className="tl-note">
              <span>{line}</span> <time dateTime={e.at}>{formatTime(e.at)}</time>
            </div>
          );
        })}
      </section>

      {question !== null && (
        <BotConfirm
          ticket={ticket.id}
          question={question}
          onAnswered={(solved, tk) => {
            setData({ ticket: tk, events });
            setConfirmed(t(solved ? 'cust.bot.thanks' : 'cust.bot.handedOff'));
            reload();
          }}
        />
      )}
      {confirmed && <Notice kind="ok">{confirmed}</Notice>}

      {done && <Rating ticket={ticket} onRated={reload} />}

      {closed ? (
        <Notice kind="info">
          {t('cust.view.closed')} <Link to="/help/new">{t('cust.quick.new')}</Link>
        </Notice>
      ) : (
        <form className="reply-box cust-card" onSubmit={send}>
          <label htmlFor="customer-reply">{t('cust.view.reply')}</label>
          <textarea
            id="customer-reply"
            data-testid="customer-reply"
            rows={3}
            maxLength={20000}
            value={reply}
            placeholder={ticket.status === 'resolved' ? t('cust.view.reopenPh') : t('cust.view.replyPh')}
            onChange={(e) => setReply(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) send(e);
            }}
          />
          {sendError && <Notice kind="error">{sendError}</Notice>}
          <div className="form-actions">
            <span className="muted small">{t('cust.view.ctrlEnter')}</span>
            <button type="submit" className="primary" data-testid="customer-send" disabled={busy || !reply.trim()}>
              {busy ? t('cust.new.sending') : t('cust.view.send')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

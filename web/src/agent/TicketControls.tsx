import { useEffect, useState } from 'react';
import { api } from '../lib/api';
import { t, useLang } from '../lib/i18n';
import { isSupervisor, useSession } from '../lib/session';
import { CATEGORIES } from '../lib/strings';
import { PRIORITIES, type Ticket } from '../lib/types';
import { EscalateControl } from './EscalateControl';
import { WatchersControl } from './WatchersControl';
import { NEXT_STATUS, errMsg, isCode } from './util';

interface Props {
  ticket: Ticket;
  onChanged: (tk: Ticket) => void;
  onStale: () => void;
}

// Status (POST transitions), priority and category (PATCH with version),
// "assign to me" (POST assign), watchers (PUT watchers) and escalation
// (POST escalate).
export function TicketControls({ ticket, onChanged, onStale }: Props) {
  useLang();
  const { me } = useSession();
  const targets = NEXT_STATUS[ticket.status] ?? [];
  const [to, setTo] = useState(targets[0] ?? '');
  const [reason, setReason] = useState('');
  const [priority, setPriority] = useState(ticket.priority);
  const [category, setCategory] = useState(ticket.category ?? '');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const path = `/tickets/${encodeURIComponent(ticket.id)}`;

  useEffect(() => {
    setTo((NEXT_STATUS[ticket.status] ?? [])[0] ?? '');
    setPriority(ticket.priority);
    setCategory(ticket.category ?? '');
  }, [ticket.status, ticket.priority, ticket.category, ticket.version]);

  async function run(f: () => Promise<Ticket>): Promise<boolean> {
    setBusy(true);
    setMsg(null);
    try {
      const tk = await f();
      setMsg({ ok: true, text: t('ticket.saved') });
      window.setTimeout(() => setMsg(null), 2000);
      onChanged(tk);
      return true;
    } catch (e) {
      if (isCode(e, 'stale_version')) {
        setMsg({ ok: false, text: t('ticket.stale') });
        onStale();
      } else setMsg({ ok: false, text: errMsg(e) });
      return false;
    } finally {
      setBusy(false);
    }
  }

  const closed = ticket.status === 'closed';
  const fieldsChanged = priority !== ticket.priority || category !== (ticket.category ?? '');
  return (
    <div className="controls">
      <div className="control">
        <label className="muted small" htmlFor="status-select">{t('ticket.status.change', { s: t('status.' + ticket.status) })}</label>
        {targets.length === 0 ? (
          <span className="muted small">{t('ticket.status.final')}</span>
        ) : (
          <div className="row">
            <select id="status-select" data-testid="status-select" value={to} onChange={(e) => setTo(e.target.value)}>
              {targets.map((s) => <option key={s} value={s}>→ {t('status.' + s)}</option>)}
            </select>
            <input className="reason" placeholder={t('ticket.status.reason')} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
            <button
              data-testid="status-apply"
              disabled={busy || !to}
              onClick={() => void run(() => api.post<Ticket>(path + '/transitions', reason.trim() ? { to, reason: reason.trim() } : { to })).then((ok) => ok && setReason(''))}
            >
              {t('ticket.status.apply')}
            </button>
          </div>
        )}
      </div>
      <div className="control">
        <label className="muted small" htmlFor="priority-select">{t('ticket.priority')} · {t('ticket.category')}</label>
        <div className="row">
          <select id="priority-select" data-testid="priority-select" value={priority} disabled={closed} onChange={(e) => setPriority(e.target.value)}>
            {PRIORITIES.map((p) => <option key={p} value={p}>{t('priority.' + p)}</option>)}
          </select>
          <select data-testid="category-select" value={category} disabled={closed} onChange={(e) => setCategory(e.target.value)}>
            <option value="">{t('agent.untriaged')}</option>
            {CATEGORIES.map((c) => <option key={c} value={c}>{t('category.' + c)}</option>)}
          </select>
          <button
            data-testid="priority-save"
            disabled={busy || closed || !fieldsChanged}
            onClick={() => {
              const body: Record<string, unknown> = { version: ticket.version };
              if (priority !== ticket.priority) body.priority = priority;
              if (category !== (ticket.category ?? '')) body.category = category || null;
              void run(() => api.patch<Ticket>(path, body));
            }}
          >
            {t('ticket.priority.save')}
          </button>
        </div>
      </div>
      <div className="control">
        <span className="muted small">{t('ticket.assignee')}</span>
        {ticket.assignee === me.login ? (
          <span className="badge ok">{t('ticket.assign.mine')}</span>
        ) : ticket.assignee && !isSupervisor(me.role) ? (
          <span className="small">{ticket.assignee}</span>
        ) : (
          <button data-testid="assign-me" disabled={busy || closed} onClick={() => void run(() => api.post<Ticket>(path + '/assign', { agent: me.login }))}>
            {t('ticket.assign.me')}
          </button>
        )}
      </div>
      <WatchersControl ticket={ticket} onChanged={onChanged} />
      <EscalateControl ticket={ticket} onChanged={onChanged} />
      {msg && <p className={msg.ok ? 'ok-text small' : 'error small'} role="status">{msg.text}</p>}
    </div>
  );
}

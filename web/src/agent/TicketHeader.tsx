import type { ReactNode } from 'react';
import { t, useLang } from '../lib/i18n';
import { navigate } from '../lib/router';
import { formatTime, minutesSpan, relative } from '../lib/time';
import type { Ticket } from '../lib/types';
import { ThreatBadge } from './ThreatBadge';
import type { Sla } from './types';
import { catLabel } from './util';

interface Props {
  ticket: Ticket;
  sla: Sla | null;
  customerName?: string;
  tier?: string;
  now: number;
}

function Field({ k, children }: { k: string; children: ReactNode }) {
  return (
    <div className="field">
      <dt>{t(k)}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function TicketHeader({ ticket: tk, sla, customerName, tier, now }: Props) {
  useLang();
  const sentiment = tk.sentiment as unknown as string | null | undefined;
  return (
    <header className="ticket-head panel">
      <div className="ticket-title">
        <span className="mono muted">{tk.id}</span>
        <h1 data-testid="ticket-subject">{tk.subject}</h1>
      </div>
      <div className="ticket-badges">
        <span className={`badge st-${tk.status}`} data-testid="ticket-status">{t('status.' + tk.status)}</span>
        <span className={`badge ${tk.priority}`} data-testid="ticket-priority">{t('priority.' + tk.priority)}</span>
        {tier === 'vip' && <span className="badge vip">VIP</span>}
        <ThreatBadge ticket={tk} />
        {sentiment && sentiment !== 'neutral' && (
          <span className={`badge ${sentiment === 'negative' ? 'warn' : 'ok'}`}>{t('ticket.sentiment.' + sentiment)}</span>
        )}
        <span className="badge">{t('channel.' + tk.channel)}</span>
      </div>
      <dl className="ticket-fields">
        <Field k="ticket.customer">
          <a href={'/console/customers/' + tk.customer} onClick={(e) => { e.preventDefault(); navigate('/console/customers/' + tk.customer); }}>
            {customerName ? `${customerName} (${tk.customer})` : tk.customer}
          </a>
        </Field>
        <Field k="ticket.owner">{tk.owner ?? '—'}</Field>
        <Field k="ticket.assignee">{tk.assignee ?? <span className="muted">{t('agent.unassigned')}</span>}</Field>
        <Field k="ticket.category">{catLabel(tk.category)}</Field>
        <Field k="ticket.team">{(tk.team as string | null | undefined) ?? '—'}</Field>
        <Field k="ticket.order">{tk.order ?? '—'}</Field>
        <Field k="ticket.created">{formatTime(tk.created_at)}</Field>
        <Field k="ticket.tags">
          {tk.tags.length ? tk.tags.map((x) => <span key={x} className="badge tag">{x}</span>) : '—'}
        </Field>
      </dl>
      {sla && sla.clocks.length > 0 && (
        <div className="sla-clocks" data-testid="sla-clocks">
          {sla.clocks.map((c) => {
            const overdue = c.state !== 'met' && !c.paused && c.due_at && new Date(c.due_at).getTime() < now;
            const state = overdue ? 'breached' : c.state;
            return (
              <div key={c.metric} className={`sla-clock sla-${c.paused ? 'paused' : state}`} data-testid={`sla-${c.metric}`}>
                <div className="sla-name">{t('sla.' + c.metric)}</div>
                <div className="sla-value">
                  {c.state === 'met'
                    ? t('sla.met_at', { t: formatTime(c.met_at) })
                    : c.paused
                      ? t('sla.paused')
                      : relative(c.due_at, now)}
                </div>
                <div className="sla-sub muted">
                  {t('sla.state.' + state)}
                  {c.due_at && c.state !== 'met' ? ' · ' + t('sla.due', { t: formatTime(c.due_at) }) : ''}
                </div>
                {c.experienced_minutes !== undefined && (
                  <div className="sla-sub muted" data-testid={`sla-times-${c.metric}`}>
                    {t('sla.times', {
                      team: minutesSpan(c.elapsed_minutes),
                      customer: minutesSpan(c.experienced_minutes),
                    })}
                  </div>
                )}
              </div>
            );
          })}
        </div>
      )}
    </header>
  );
}

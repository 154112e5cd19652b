import { useCallback, useEffect, useState } from 'react';
import { api } from '../lib/api';
import { t, useLang } from '../lib/i18n';
import { useLive } from '../lib/live';
import { navigate, useRoute } from '../lib/router';
import { useSession } from '../lib/session';
import { AfterSalesPanel } from './AfterSalesPanel';
import { CompensationPanel } from './CompensationPanel';
import { Customer360 } from './Customer360';
import { PageHeader, isTyping } from './GlobalSearch';
import { ReplyBox } from './ReplyBox';
import { TicketControls } from './TicketControls';
import { TicketHeader } from './TicketHeader';
import { Timeline } from './Timeline';
import { useTicket } from './ticketData';
import type { Overview } from './types';
import { usePresence } from './usePresence';
import { errMsg, isCode, useDebounced, useNow } from './util';
import './agent.css';

export function TicketPage({ id }: { id: string }) {
  useLang();
  const { me } = useSession();
  const { query } = useRoute();
  const f = query.get('focus');
  const [focusReq, setFocusReq] = useState<{ mode: 'reply' | 'note' | null; n: number }>({
    mode: f === 'reply' || f === 'note' ? f : null,
    n: 0,
  });
  const now = useNow();
  const { ticket, events, sla, error, reload, applied } = useTicket(id);
  const [overview, setOverview] = useState<Overview | null>(null);
  const [typing, setTyping] = useState(false);
  const [changedBy, setChangedBy] = useState('');
  const [onlyMessages, setOnlyMessages] = useState(false);
  const others = usePresence(id, me.login, typing, ticket !== null);

  const customer = ticket?.customer;
  const loadOverview = useCallback(() => {
    if (!customer) return;
    api.get<Overview>(`/customers/${encodeURIComponent(customer)}/overview`).then(setOverview, () => setOverview(null));
  }, [customer]);
  useEffect(loadOverview, [loadOverview]);

  // Live: a change by someone else reloads the ticket and its timeline.
  const refresh = useDebounced(() => {
    void reload();
    loadOverview();
  }, 300);
  useLive(id, (c) => {
    if (c.actor === me.login) return;
    setChangedBy(c.actor);
    window.setTimeout(() => setChangedBy(''), 6000);
    refresh();
  });

  // Keys: r reply, n note, u (or Escape) back to the inbox.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'r' || e.key === 'n') setFocusReq((x) => ({ mode: e.key === 'r' ? 'reply' : 'note', n: x.n + 1 }));
      else if (e.key === 'u' || e.key === 'Escape') navigate('/console/inbox');
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const afterWrite = useCallback(
    (tk: Parameters<typeof applied>[0]) => {
      applied(tk);
      loadOverview();
    },
    [applied, loadOverview],
  );

  if (error && !ticket) {
    return (
      <div className="agent-page">
        <PageHeader />
        <p className="error" role="alert">{isCode(error, 'not_found') ? t('ticket.notfound') : errMsg(error)}</p>
        <button className="link" onClick={() => navigate('/console/inbox')}>{t('ticket.back')}</button>
      </div>
    );
  }
  if (!ticket) return <div className="agent-page"><PageHeader /><p className="muted">{t('common.loading')}</p></div>;

  const replying = others.filter((p) => p.state === 'replying');
  const viewing = others.filter((p) => p.state === 'viewing');
  return (
    <div className="agent-page ticket-page">
      <PageHeader>
        <a href="/console/inbox" className="back" onClick={(e) => { e.preventDefault(); navigate('/console/inbox'); }}>
          {t('ticket.back')}
        </a>
        {viewing.length > 0 && (
          <span className="muted small presence-viewing">
            {t('presence.viewing', { who: viewing.map((p) => p.display_name || p.login).join('、') })}
          </span>
        )}
      </PageHeader>
      {replying.length > 0 && (
        <div className="collision" data-testid="collision-warning" role="alert">
          {replying.map((p) => t('presence.replying', { who: p.display_name || p.login })).join('；')}
        </div>
      )}
      {changedBy && <div className="changed-note small" role="status">{t('ticket.changed', { who: changedBy })}</div>}
      <div className="ticket-layout">
        <div className="ticket-main">
          <TicketHeader ticket={ticket} sla={sla} customerName={overview?.name} tier={overview?.tier} now={now} />
          <TicketControls ticket={ticket} onChanged={afterWrite} onStale={() => void reload()} />
          <section className="panel">
            <div className="tl-head">
              <h2>{t('tl.title')}</h2>
              <label className="muted small">
                <input type="checkbox" checked={onlyMessages} onChange={(e) => setOnlyMessages(e.target.checked)} /> {t('tl.only_messages')}
              </label>
            </div>
            <Timeline
              events={onlyMessages ? events.filter((e) => e.type === 'reply' || e.type === 'note' || e.type === 'created') : events}
              channel={ticket.channel}
              customerName={overview?.name}
            />
          </section>
          <section className="panel reply-panel">
            <ReplyBox key={ticket.id} ticket={ticket} focus={focusReq.mode} focusKey={focusReq.n} onSent={afterWrite} onTyping={setTyping} />
          </section>
        </div>
        <aside className="ticket-side">
          {overview ? (
            <Customer360 o={overview} current={ticket.id} onChanged={() => { void reload(); loadOverview(); }} />
          ) : (
            <div className="panel muted">{t('common.loading')}</div>
          )}
          <AfterSalesPanel
            ticket={ticket}
            orders={overview?.orders ?? []}
            shipments={overview?.shipments ?? []}
            onChanged={() => { void reload(); loadOverview(); }}
          />
          <CompensationPanel ticket={ticket} onChanged={() => { void reload(); loadOverview(); }} />
        </aside>
      </div>
    </div>
  );
}

// 我的工单: the customer's tickets, newest first.
import { useRef, useState } from 'react';
import { api, type Page } from '../lib/api';
import { useLoad } from '../lib/hooks';
import { t } from '../lib/i18n';
import { useLive } from '../lib/live';
import { navigate } from '../lib/router';
import { formatTime } from '../lib/time';
import type { Ticket } from '../lib/types';
import { Link } from '../lib/ui';
import { Notice, StatusPill, friendlyError } from './ui';
import './customer.css';

export function MyTickets() {
  const first = useLoad(() => api.get<Page<Ticket>>('/tickets', { limit: 50 }), []);
  const [more, setMore] = useState<Ticket[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const timer = useRef<number | undefined>(undefined);
  useLive(undefined, () => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      setMore([]);
      setCursor(undefined);
      first.reload();
    }, 800);
  });

  const next = cursor === undefined ? first.data?.next_cursor ?? null : cursor;
  const items = [...(first.data?.items ?? []), ...more];

  async function loadMore() {
    if (!next) return;
    setBusy(true);
    try {
      const p = await api.get<Page<Ticket>>('/tickets', { limit: 50, cursor: next });
      setMore((m) => [...m, ...p.items]);
      setCursor(p.next_cursor);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="cust-page narrow">
      <div className="cust-head">
        <h1>{t('cust.mine.title')}</h1>
        <Link to="/help/new" className="button primary">
          {t('cust.quick.new')}
        </Link>
      </div>
      {first.loading && !first.data && <p className="muted">{t('common.loading')}</p>}
      {first.error && <Notice kind="error">{friendlyError(first.error)}</Notice>}
      {first.data && items.length === 0 && (
        <div className="cust-card cust-empty big">
          <p>{t('cust.mine.empty')}</p>
          <p>
            <Link to="/help/new" className="button primary">
              {t('cust.quick.new')}
            </Link>
          </p>
        </div>
      )}
      {items.length > 0 && (
        <ul className="ticket-list">
          {items.map((tk) => (
            <li key={tk.id}>
              <a
                href={`/help/tickets/${encodeURIComponent(tk.id)}`}
                className={`ticket-row s-${tk.status}`}
                data-testid="my-ticket"
                onClick={(e) => {
                  if (e.button !== 0 || e.metaKey || e.ctrlKey) return;
                  e.preventDefault();
                  navigate(`/help/tickets/${encodeURIComponent(tk.id)}`);
                }}
              >
                <span className="ticket-row-subject">{tk.subject}</span>
                <StatusPill status={tk.status} />
                <span className="ticket-row-meta muted">
                  {tk.id} · {t('cust.mine.updated', { at: formatTime(tk.updated_at) })}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
      {next && (
        <button className="more" onClick={loadMore} disabled={busy}>
          {t('common.more')}
        </button>
      )}
    </div>
  );
}

import { useCallback, useEffect, useMemo, useState } from 'react';
import { t, useLang } from '../lib/i18n';
import { useLive } from '../lib/live';
import { navigate, useRoute } from '../lib/router';
import { CATEGORIES } from '../lib/strings';
import { PRIORITIES, STATUSES } from '../lib/types';
import { PageHeader, isTyping } from './GlobalSearch';
import { InboxTable, sortRows, type Sort, type SortKey } from './InboxTable';
import { useCounts, useCustomerNames, useInbox, useRowSla, type Filters } from './inboxData';
import { VIEWS, type View } from './types';
import { errMsg, useDebounced, useNow } from './util';
import './agent.css';

// The selected ticket survives a visit to a ticket and live refreshes.
let lastSelected: string | null = null;
let lastView: View = 'mine';

export function Inbox() {
  useLang();
  const { query } = useRoute();
  const view: View = (VIEWS as string[]).includes(query.get('view') ?? '') ? (query.get('view') as View) : lastView;
  lastView = view;
  const [filters, setFilters] = useState<Filters>({ status: '', priority: '', category: '' });
  const [sort, setSort] = useState<Sort | null>(null);
  const [selId, setSelId] = useState<string | null>(lastSelected);
  const now = useNow();

  const { rows, cursor, loading, error, reload, more } = useInbox(view, filters);
  const { counts, reload: reloadCounts } = useCounts();
  const names = useCustomerNames();
  const sla = useRowSla(rows);
  const shown = useMemo(() => sortRows(rows, sort, names, sla), [rows, sort, names, sla]);

  const found = shown.findIndex((x) => x.id === selId);
  const selected = found >= 0 ? found : 0;
  const select = useCallback((i: number) => {
    const id = shown[i]?.id ?? null;
    lastSelected = id;
    setSelId(id);
  }, [shown]);

  // Live: any change to a visible ticket refreshes counts and the list.
  const refresh = useDebounced(() => {
    reloadCounts();
    void reload(true);
  }, 600);
  useLive(undefined, refresh);

  const open = useCallback(
    (i: number, focus?: 'reply' | 'note') => {
      const tk = shown[i];
      if (tk) lastSelected = tk.id;
      if (tk) navigate(`/console/tickets/${tk.id}${focus ? '?focus=' + focus : ''}`);
    },
    [shown],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      const k = e.key;
      if (k === 'j' || k === 'ArrowDown') select(Math.min(selected + 1, Math.max(0, shown.length - 1)));
      else if (k === 'k' || k === 'ArrowUp') select(Math.max(selected - 1, 0));
      else if (k === 'Enter' || k === 'o') open(selected);
      else if (k === 'r') open(selected, 'reply');
      else if (k === 'n') open(selected, 'note');
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [shown.length, selected, open, select]);

  const onSort = (k: SortKey) =>
    setSort((s) => (s?.key !== k ? { key: k, dir: 1 } : s.dir === 1 ? { key: k, dir: -1 } : null));
  const setF = (k: keyof Filters, v: string) => setFilters((f) => ({ ...f, [k]: v }));
  const filtered = filters.status || filters.priority || filters.category;

  return (
    <div className="agent-page inbox">
      <PageHeader>
        <h1>{t('inbox.title')}</h1>
      </PageHeader>
      <div className="view-tabs" role="tablist">
        {VIEWS.map((v) => (
          <button
            key={v}
            role="tab"
            aria-selected={v === view}
            className={`view-tab ${v === view ? 'active' : ''} ${(v === 'breaching_soon' || v === 'breached') && (counts?.[v] ?? 0) > 0 ? 'hot' : ''}`}
            data-testid={`view-${v}`}
            onClick={() => navigate('/console/inbox?view=' + v, true)}
          >
            <span>{t('view.' + v)}</span>
            {counts && <span className="count">{counts[v] ?? 0}</span>}
          </button>
        ))}
      </div>
      <div className="inbox-filters">
        <select data-testid="filter-status" value={filters.status} onChange={(e) => setF('status', e.target.value)}>
          <option value="">{t('inbox.filter.status')}</option>
          {STATUSES.map((s) => <option key={s} value={s}>{t('status.' + s)}</option>)}
        </select>
        <select data-testid="filter-priority" value={filters.priority} onChange={(e) => setF('priority', e.target.value)}>
          <option value="">{t('inbox.filter.priority')}</option>
          {PRIORITIES.map((p) => <option key={p} value={p}>{t('priority.' + p)}</option>)}
        </select>
        <select data-testid="filter-category" value={filters.category} onChange={(e) => setF('category', e.target.value)}>
          <option value="">{t('inbox.filter.category')}</option>
          {CATEGORIES.map((c) => <option key={c} value={c}>{t('category.' + c)}</option>)}
        </select>
        {filtered && (
          <button className="link" onClick={() => setFilters({ status: '', priority: '', category: '' })}>
            {t('inbox.filter.clear')}
          </button>
        )}
        <span className="spacer" />
        <span className="muted small">{t('inbox.shown', { n: rows.length })}</span>
        <button className="link" onClick={() => { reloadCounts(); void reload(true); }}>{t('inbox.refresh')}</button>
      </div>
      {error && <p className="error" role="alert">{errMsg(error)}</p>}
      <div className="panel flush">
        <InboxTable rows={shown} names={names} sla={sla} sort={sort} onSort={onSort} selected={selected} onSelect={select} now={now} />
        {!loading && shown.length === 0 && <p className="empty muted">{t('inbox.empty')}</p>}
        {loading && <p className="empty muted">{t('common.loading')}</p>}
      </div>
      <div className="inbox-foot">
        <span className="muted small">{t('inbox.keys')}</span>
        {cursor && (
          <button data-testid="load-more" onClick={() => void more()} disabled={loading}>
            {t('common.more')}
          </button>
        )}
      </div>
    </div>
  );
}

import {
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type KeyboardEvent as ReactKeyboardEvent,
  type MouseEvent as ReactMouseEvent,
} from 'react';
import { api } from './lib/api';
import { t } from './lib/i18n';
import { useLiveNotifications } from './lib/live';
import { navigate, useRoute } from './lib/router';
import { formatTime } from './lib/time';
import type { AppNotification } from './lib/types';

interface NotificationPage {
  items: AppNotification[];
  next_cursor: string | null;
  unread_count: number;
}

const LIMIT = 20; // notifications asked for at a time
const KEEP = 100; // the most the list holds as live ones come in
const MAX_MARK = 500; // POST /notifications/read takes at most this many ids

// The label of a notification kind; an unknown kind shows as it is.
export function kindLabel(kind: string): string {
  const key = 'notification.' + kind;
  const s = t(key);
  return s === key ? kind : s;
}

// The badge's text: the number, or "99+" above 99.
export function badgeText(n: number): string {
  return n > 99 ? '99+' : String(n);
}

function ticketPath(ticket: string): string {
  return `/console/tickets/${encodeURIComponent(ticket)}`;
}

// The header's notification bell (staff): the unread count, kept live by
// the stream's `notification` events, and a panel of the latest
// notifications. Opening an item marks it read and goes to its ticket.
export function Bell() {
  const [count, setCount] = useState(0);
  const [items, setItems] = useState<AppNotification[]>([]);
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<'idle' | 'loading' | 'error'>('idle');
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const countId = useId();
  const { path } = useRoute();
  // Bumped by each load and each marking: the answer of a load that is no
  // longer the latest word is dropped.
  const seq = useRef(0);
  // Notifications that came over the stream since the latest load began:
  // that load's answer may predate them.
  const arrived = useRef<AppNotification[]>([]);
  // How many came over the stream in all (a marking's answer predates them).
  const arrivals = useRef(0);

  // Loads the latest notifications (only the unread ones when unreadOnly)
  // and the unread count.
  const load = useCallback(async (unreadOnly: boolean) => {
    const mine = ++seq.current;
    arrived.current = [];
    setState('loading');
    try {
      const page = await api.get<NotificationPage>('/notifications', {
        unread: unreadOnly ? 'true' : undefined,
        limit: LIMIT,
      });
      if (mine !== seq.current) return;
      const got = new Set(page.items.map((n) => n.id));
      const extra = arrived.current.filter((n) => !got.has(n.id)).reverse();
      setItems([...extra, ...page.items]);
      setCount(page.unread_count + extra.length);
      setState('idle');
    } catch {
      if (mine === seq.current) setState('error');
    }
  }, []);

  useEffect(() => {
    load(true);
  }, [load]);

  useLiveNotifications(
    (e) => {
      const n: AppNotification = { ...e, ticket: e.ticket ?? null, read: false, read_at: null };
      arrivals.current++;
      arrived.current.push(n);
      if (items.some((x) => x.id === n.id)) return; // already listed by a load
      setItems((xs) => [n, ...xs.filter((x) => x.id !== n.id)].slice(0, KEEP));
      setCount((c) => c + 1);
    },
    () => load(!open),
  );

  // Marks those of `ids` that are listed as unread read.
  function markRead(ids: number[]) {
    const todo = ids.filter((id) => items.some((n) => n.id === id && !n.read)).slice(0, MAX_MARK);
    if (todo.length === 0) return;
    seq.current++; // a load under way would undo this
    setState('idle');
    const marked = new Set(todo);
    const at = new Date().toISOString();
    setItems((xs) => xs.map((n) => (marked.has(n.id) ? { ...n, read: true, read_at: at } : n)));
    setCount((c) => Math.max(0, c - todo.length));
    const before = arrivals.current;
    api.post<{ marked: number; unread_count: number }>('/notifications/read', { ids: todo }).then(
      (r) => {
        if (arrivals.current === before) setCount(r.unread_count);
      },
      () => {
        setItems((xs) => xs.map((n) => (marked.has(n.id) ? { ...n, read: false, read_at: null } : n)));
        setCount((c) => c + todo.length);
      },
    );
  }

  // Marks every unread notification read, not only the listed ones: the
  // unread ids are fetched page by page (at most MAX_MARK at a time).
  async function markAllRead() {
    const mine = ++seq.current;
    const before = arrivals.current;
    try {
      const ids: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.get<NotificationPage>('/notifications', {
          unread: 'true',
          limit: 200,
          cursor,
        });
        ids.push(...page.items.map((n) => n.id));
        cursor = page.next_cursor ?? undefined;
      } while (cursor && ids.length < MAX_MARK);
      if (ids.length === 0) return;
      const r = await api.post<{ marked: number; unread_count: number }>('/notifications/read', {
        ids: ids.slice(0, MAX_MARK),
      });
      if (mine !== seq.current) return;
      const at = new Date().toISOString();
      const marked = new Set(ids);
      setItems((xs) => xs.map((n) => (marked.has(n.id) ? { ...n, read: true, read_at: at } : n)));
      if (arrivals.current === before) setCount(r.unread_count);
    } catch {
      if (mine === seq.current) setState('error');
    }
  }

  function toggle() {
    if (open) {
      setOpen(false);
      return;
    }
    setOpen(true);
    load(false);
  }

  function onItem(e: ReactMouseEvent, n: AppNotification) {
    markRead([n.id]);
    if (!n.ticket) return;
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return; // a new tab
    e.preventDefault();
    setOpen(false);
    navigate(ticketPath(n.ticket));
  }

  // Another page (the back button, a link elsewhere) closes the panel.
  useEffect(() => setOpen(false), [path]);

  // A click outside or Escape closes the panel. Escape is caught before
  // the pages' own keys (the ticket page's Escape goes back to the inbox).
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      if (rootRef.current?.contains(document.activeElement)) buttonRef.current?.focus();
    };
    document.addEventListener('pointerdown', onDown);
    window.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      window.removeEventListener('keydown', onKey, true);
    };
  }, [open]);

  // Keys inside the bell are its own (not the inbox's Enter or arrows):
  // the arrows and Home/End move between the panel's items.
  function onKeyDown(e: ReactKeyboardEvent<HTMLDivElement>) {
    if (e.key === 'Enter' || e.key === ' ') {
      e.stopPropagation();
      return;
    }
    if (!open || !['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) return;
    const els = Array.from(rootRef.current?.querySelectorAll<HTMLElement>('[data-testid=bell-item]') ?? []);
    e.preventDefault();
    e.stopPropagation();
    if (els.length === 0) return;
    const i = els.indexOf(document.activeElement as HTMLElement);
    let j = 0;
    if (e.key === 'End') j = els.length - 1;
    else if (e.key === 'ArrowDown') j = i < 0 ? 0 : Math.min(i + 1, els.length - 1);
    else if (e.key === 'ArrowUp') j = i < 0 ? els.length - 1 : Math.max(i - 1, 0);
    els[j].focus();
  }

  const unreadIds = items.filter((n) => !n.read).map((n) => n.id);

  return (
    <div className="bell" ref={rootRef} onKeyDown={onKeyDown}>
      <button
        ref={buttonRef}
        type="button"
        className="bell-button"
        data-testid="bell"
        aria-label={t('bell.title')}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-describedby={count > 0 ? countId : undefined}
        onClick={toggle}
      >
        <BellIcon />
        {count > 0 && (
          <span className="bell-count" data-testid="bell-count" aria-hidden="true">
            {badgeText(count)}
          </span>
        )}
      </button>
      {count > 0 && (
        <span id={countId} className="sr-only">
          {t('bell.unread', { n: count })}
        </span>
      )}
      {open && (
        <div id={panelId} className="bell-panel" data-testid="bell-panel" role="region" aria-label={t('bell.title')}>
          <div className="bell-head">
            <strong>{t('bell.title')}</strong>
            <button
              type="button"
              className="link"
              data-testid="bell-mark-all"
              disabled={unreadIds.length === 0 && count === 0}
              onClick={() => void markAllRead()}
            >
              {t('bell.markAll')}
            </button>
          </div>
          {items.length === 0 ? (
            <p className={state === 'error' ? 'bell-note error' : 'bell-note muted'}>
              {state === 'loading' ? t('common.loading') : state === 'error' ? t('common.error') : t('bell.empty')}
            </p>
          ) : (
            <ul className="bell-list">
              {items.map((n) => (
                <li key={n.id}>
                  <BellItem n={n} onClick={onItem} />
                </li>
              ))}
            </ul>
          )}
          {state === 'error' && items.length > 0 && <p className="bell-note error">{t('common.error')}</p>}
        </div>
      )}
    </div>
  );
}

// One notification: a link to its ticket, or a button when it has none.
function BellItem({ n, onClick }: { n: AppNotification; onClick: (e: ReactMouseEvent, n: AppNotification) => void }) {
  const className = n.read ? 'bell-item' : 'bell-item unread';
  const content = (
    <>
      <span className="bell-item-head">
        <span className="bell-kind">{kindLabel(n.kind)}</span>
        {n.ticket && <span className="bell-ticket">{n.ticket}</span>}
        <time dateTime={n.at}>{formatTime(n.at)}</time>
      </span>
      <span className="bell-body">{n.body}</span>
      {!n.read && <span className="sr-only"> {t('bell.newItem')}</span>}
    </>
  );
  if (n.ticket) {
    return (
      <a
        href={ticketPath(n.ticket)}
        className={className}
        data-testid="bell-item"
        data-read={n.read}
        onClick={(e) => onClick(e, n)}
      >
        {content}
      </a>
    );
  }
  return (
    <button type="button" className={className} data-testid="bell-item" data-read={n.read} onClick={(e) => onClick(e, n)}>
      {content}
    </button>
  );
}

// A bell drawn inline (an emoji needs a font some desktops lack).
function BellIcon() {
  return (
    <svg className="bell-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
      />
    </svg>
  );
}

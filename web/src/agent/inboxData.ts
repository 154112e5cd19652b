// Loading for the inbox: a view's tickets page by page, the view counts,
// customer names and SLA summaries for the rows.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type Page } from '../lib/api';
import type { Ticket } from '../lib/types';
import type { Counts, Sla, View } from './types';
import { isOpen, ticketSla } from './util';

export interface Filters {
  status: string;
  priority: string;
  category: string;
}

export function useInbox(view: View, f: Filters) {
  const [rows, setRows] = useState<Ticket[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | null>(null);
  const gen = useRef(0);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;

  const fetchPage = useCallback(
    (cur: string | null, limit: number): Promise<Page<Ticket>> =>
      api.get<Page<Ticket>>('/tickets', {
        view, status: f.status, priority: f.priority, category: f.category, limit, cursor: cur,
      }),
    [view, f.status, f.priority, f.category],
  );

  // Loads the first page again; keeps as many rows as were shown (live refresh).
  const reload = useCallback(
    async (keep = false) => {
      const g = ++gen.current;
      setLoading(true);
      try {
        const limit = keep ? Math.min(200, Math.max(50, rowsRef.current.length)) : 50;
        const p = await fetchPage(null, limit);
        if (g !== gen.current) return;
        setRows(p.items);
        setCursor(p.next_cursor);
        setError(null);
      } catch (e) {
        if (g === gen.current) setError(e as Error);
      } finally {
        if (g === gen.current) setLoading(false);
      }
    },
    [fetchPage],
  );

  const more = useCallback(async () => {
    if (!cursor) return;
    const g = gen.current;
    setLoading(true);
    try {
      const p = await fetchPage(cursor, 50);
      if (g !== gen.current) return;
      setRows((r) => {
        const seen = new Set(r.map((x) => x.id));
        return [...r, ...p.items.filter((x) => !seen.has(x.id))];
      });
      setCursor(p.next_cursor);
    } catch (e) {
      setError(e as Error);
    } finally {
      setLoading(false);
    }
  }, [cursor, fetchPage]);

  useEffect(() => {
    setRows([]);
    reload();
  }, [reload]);

  return { rows, cursor, loading, error, reload, more };
}

export function useCounts() {
  const [counts, setCounts] = useState<Counts | null>(null);
  const reload = useCallback(() => {
    api.get<Counts>('/inbox/counts').then(setCounts, () => setCounts(null));
  }, []);
  useEffect(reload, [reload]);
  return { counts, reload };
}

// Customer id → name, from the newest customers (one request, cached).
let namesCache: Promise<Map<string, string>> | null = null;
export function useCustomerNames(): Map<string, string> {
  const [names, setNames] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    namesCache ??= api
      .get<Page<{ id: string; name: string }>>('/customers', { limit: 200 })
      .then((p) => new Map(p.items.map((c) => [c.id, c.name])))
      .catch(() => {
        namesCache = null;
        return new Map<string, string>();
      });
    let live = true;
    namesCache.then((m) => live && setNames(m));
    return () => {
      live = false;
    };
  }, []);
  return names;
}

// id:version → SLA, so that a live refresh asks only for changed tickets.
const slaCache = new Map<string, Sla | null>();

// SLA of each open row: from the ticket JSON when the server includes it,
// else GET /tickets/:id/sla (a few at a time).
export function useRowSla(rows: Ticket[]): Map<string, Sla | null> {
  const [map, setMap] = useState<Map<string, Sla | null>>(new Map());
  const stamp = rows.map((r) => r.id + ':' + r.version).join(',');
  useEffect(() => {
    let live = true;
    const want = rows.filter((r) => isOpen(r.status));
    const out = new Map<string, Sla | null>();
    const todo: Ticket[] = [];
    for (const r of want) {
      const s = ticketSla(r);
      const key = r.id + ':' + r.version;
      if (s) out.set(r.id, s);
      else if (slaCache.has(key)) out.set(r.id, slaCache.get(key)!);
      else todo.push(r);
    }
    setMap((old) => {
      const m = new Map(old);
      out.forEach((v, k) => m.set(k, v));
      return m;
    });
    let i = 0;
    const worker = async () => {
      while (live && i < todo.length) {
        const r = todo[i++];
        try {
          const s = await api.get<Sla>(`/tickets/${encodeURIComponent(r.id)}/sla`);
          slaCache.set(r.id + ':' + r.version, s);
          if (live) setMap((old) => new Map(old).set(r.id, s));
        } catch {
          if (live) setMap((old) => new Map(old).set(r.id, null));
        }
      }
    };
    for (let k = 0; k < 6; k++) void worker();
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stamp]);
  return map;
}

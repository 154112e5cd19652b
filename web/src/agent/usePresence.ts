// Collision detection (docs/api.md §11.3): tells the server every 10 s
// whether this agent views or replies to the ticket, "left" on leaving;
// keeps the others' presence from the answers and the live stream.
import { useEffect, useRef, useState } from 'react';
import { api } from '../lib/api';
import { useLive } from '../lib/live';
import type { Present } from './types';

export function usePresence(ticket: string, me: string, replying: boolean, enabled = true): Present[] {
  const [others, setOthers] = useState<Record<string, Present>>({});
  const state: 'viewing' | 'replying' = replying ? 'replying' : 'viewing';
  const stateRef = useRef(state);
  stateRef.current = state;

  const put = (s: 'viewing' | 'replying' | 'left') =>
    api
      .put<{ items: Present[] }>(`/tickets/${encodeURIComponent(ticket)}/presence`, { state: s })
      .then((r) => {
        if (s === 'left') return;
        const m: Record<string, Present> = {};
        for (const p of r.items ?? []) if (p.login !== me && p.state !== 'left') m[p.login] = p;
        setOthers(m);
      })
      .catch(() => {});

  // Heartbeat every 10 s; "left" when the page goes.
  useEffect(() => {
    setOthers({});
    if (!enabled) return;
    void put(stateRef.current);
    const h = window.setInterval(() => void put(stateRef.current), 10000);
    return () => {
      window.clearInterval(h);
      void put('left');
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ticket, enabled]);

  // Tell at once when the agent starts or stops typing.
  const first = useRef(true);
  useEffect(() => {
    if (first.current || !enabled) {
      first.current = false;
      return;
    }
    void put(state);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);

  useLive(ticket, undefined, (p) => {
    if (p.login === me) return;
    setOthers((o) => {
      const n = { ...o };
      if (p.state === 'left') delete n[p.login];
      else n[p.login] = { login: p.login, display_name: p.display_name, state: p.state, until: p.until };
      return n;
    });
  });

  // Drop entries whose "until" has passed.
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const h = window.setInterval(() => setNow(Date.now()), 5000);
    return () => window.clearInterval(h);
  }, []);
  return Object.values(others).filter((p) => !p.until || new Date(p.until).getTime() > now - 2000);
}

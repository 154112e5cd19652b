// Loading for the ticket page: the ticket, its whole timeline and its SLA.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type Page } from '../lib/api';
import type { Ticket, TicketEvent } from '../lib/types';
import type { Sla } from './types';
import { ticketSla } from './util';

async function allEvents(id: string): Promise<TicketEvent[]> {
  const out: TicketEvent[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 50; i++) {
    const p: Page<TicketEvent> = await api.get<Page<TicketEvent>>(`/tickets/${encodeURIComponent(id)}/events`, { limit: 200, cursor });
    out.push(...p.items);
    if (!p.next_cursor) break;
    cursor = p.next_cursor;
  }
  return out;
}

export function useTicket(id: string) {
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [events, setEvents] = useState<TicketEvent[]>([]);
  const [sla, setSla] = useState<Sla | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const gen = useRef(0);

  const reload = useCallback(async () => {
    const g = ++gen.current;
    const path = `/tickets/${encodeURIComponent(id)}`;
    try {
      const [tk, evs] = await Promise.all([api.get<Ticket>(path), allEvents(id)]);
      if (g !== gen.current) return;
      setTicket(tk);
      setEvents(evs);
      setError(null);
      const s = ticketSla(tk) ?? (await api.get<Sla>(path + '/sla').catch(() => null));
      if (g === gen.current) setSla(s);
    } catch (e) {
      if (g === gen.current) setError(e as Error);
    }
  }, [id]);

  useEffect(() => {
    setTicket(null);
    setEvents([]);
    setSla(null);
    void reload();
  }, [reload]);

  // After a write that answered the ticket: show it, then refresh the rest.
  const applied = useCallback(
    (tk: Ticket) => {
      setTicket(tk);
      void reload();
    },
    [reload],
  );

  return { ticket, events, sla, error, reload, applied };
}

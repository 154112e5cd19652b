// Live updates over server-sent events (GET /api/v1/stream, authenticated
// by the session cookie). One EventSource per page; components subscribe
// to ticket changes and presence. EventSource reconnects by itself.
import { useEffect, useRef } from 'react';

export interface TicketChange {
  seq: number;
  ticket: string;
  type: string;
  actor: string;
  at: string;
}

export interface PresenceChange {
  ticket: string;
  login: string;
  display_name: string;
  state: 'viewing' | 'replying' | 'left';
  until: string;
}

type Listener = { ticket?: string; onTicket?: (c: TicketChange) => void; onPresence?: (p: PresenceChange) => void };

const listeners = new Set<Listener>();
let source: EventSource | null = null;

function ensureSource() {
  if (source || typeof EventSource === 'undefined') return;
  source = new EventSource('/api/v1/stream', { withCredentials: true });
  source.addEventListener('ticket', (e) => {
    const c = JSON.parse((e as MessageEvent).data) as TicketChange;
    listeners.forEach((l) => (!l.ticket || l.ticket === c.ticket) && l.onTicket?.(c));
  });
  source.addEventListener('presence', (e) => {
    const p = JSON.parse((e as MessageEvent).data) as PresenceChange;
    listeners.forEach((l) => (!l.ticket || l.ticket === p.ticket) && l.onPresence?.(p));
  });
}

// Closes the stream (on logout).
export function closeLive(): void {
  source?.close();
  source = null;
}

// Calls the handlers for changes to `ticket` (or to any visible ticket when
// it is undefined) while the component is mounted.
export function useLive(
  ticket: string | undefined,
  onTicket?: (c: TicketChange) => void,
  onPresence?: (p: PresenceChange) => void,
): void {
  const ref = useRef({ onTicket, onPresence });
  ref.current = { onTicket, onPresence };
  useEffect(() => {
    ensureSource();
    const l: Listener = {
      ticket,
      onTicket: (c) => ref.current.onTicket?.(c),
      onPresence: (p) => ref.current.onPresence?.(p),
    };
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, [ticket]);
}

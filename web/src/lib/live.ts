// Live updates over server-sent events (GET /api/v1/stream, authenticated
// by the session cookie). One EventSource per page; components subscribe
// to ticket changes, presence and the user's notifications. EventSource
// reconnects by itself.
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

// A new notification for the signed-in user (GET /notifications lists it).
export interface NotificationEvent {
  id: number;
  ticket: string | null;
  kind: string;
  body: string;
  at: string;
}

type Listener = {
  ticket?: string;
  onTicket?: (c: TicketChange) => void;
  onPresence?: (p: PresenceChange) => void;
  onNotification?: (n: NotificationEvent) => void;
  onReconnect?: () => void;
};

const listeners = new Set<Listener>();
let source: EventSource | null = null;

function ensureSource() {
  if (source || typeof EventSource === 'undefined') return;
  source = new EventSource('/api/v1/stream', { withCredentials: true });
  // Events sent while the stream was down are lost: after a reconnect,
  // tell those who keep state (the bell) to load it again.
  let opened = false;
  source.addEventListener('open', () => {
    if (opened) listeners.forEach((l) => l.onReconnect?.());
    opened = true;
  });
  source.addEventListener('ticket', (e) => {
    const c = JSON.parse((e as MessageEvent).data) as TicketChange;
    listeners.forEach((l) => (!l.ticket || l.ticket === c.ticket) && l.onTicket?.(c));
  });
  source.addEventListener('presence', (e) => {
    const p = JSON.parse((e as MessageEvent).data) as PresenceChange;
    listeners.forEach((l) => (!l.ticket || l.ticket === p.ticket) && l.onPresence?.(p));
  });
  source.addEventListener('notification', (e) => {
    const n = JSON.parse((e as MessageEvent).data) as NotificationEvent;
    listeners.forEach((l) => l.onNotification?.(n));
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

// Calls `onNotification` for each new notification of the signed-in user
// while the component is mounted, and `onReconnect` when the stream comes
// back after a break (notifications of the break were not delivered).
export function useLiveNotifications(onNotification: (n: NotificationEvent) => void, onReconnect?: () => void): void {
  const ref = useRef({ onNotification, onReconnect });
  ref.current = { onNotification, onReconnect };
  useEffect(() => {
    ensureSource();
    const l: Listener = {
      onNotification: (n) => ref.current.onNotification(n),
      onReconnect: () => ref.current.onReconnect?.(),
    };
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, []);
}

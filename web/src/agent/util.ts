// Small helpers shared by the agent pages.
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../lib/api';
import { t } from '../lib/i18n';
import { THREAT_LEVELS, type Ticket, type ThreatLevel } from '../lib/types';
import type { Sla } from './types';

// The moves of docs/api.md §4.1.
export const NEXT_STATUS: Record<string, string[]> = {
  new: ['open'],
  open: ['pending_customer', 'pending_third_party', 'resolved'],
  pending_customer: ['open', 'resolved'],
  pending_third_party: ['open', 'resolved'],
  resolved: ['open', 'closed'],
  closed: [],
};

export function errMsg(e: unknown): string {
  if (e instanceof ApiError) {
    const known = t('err.' + e.code);
    return known === 'err.' + e.code ? e.message || e.code : `${known}：${e.message}`;
  }
  if (e instanceof Error) return e.message;
  return t('common.error');
}

export type Msg = { ok: boolean; pending?: boolean; text: string };

// A form's pending call and its message: run(f) clears the message, marks
// the form busy while f runs and shows a failure as an error message, or
// hands it to onError instead.
export function useSubmit() {
  const [msg, setMsg] = useState<Msg | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(f: () => Promise<void>, onError?: (e: unknown) => void) {
    setBusy(true);
    setMsg(null);
    try {
      await f();
    } catch (e) {
      if (onError) onError(e);
      else setMsg({ ok: false, text: errMsg(e) });
    } finally {
      setBusy(false);
    }
  }
  return { msg, setMsg, busy, run };
}

export function isCode(e: unknown, code: string): boolean {
  return e instanceof ApiError && e.code === code;
}

// A clock that re-renders the caller every `ms` (SLA countdowns).
export function useNow(ms = 30000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const h = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(h);
  }, [ms]);
  return now;
}

// Calls `f` once, `ms` after the last call of the returned function.
export function useDebounced<A extends unknown[]>(f: (...a: A) => void, ms: number): (...a: A) => void {
  const ref = useRef(f);
  ref.current = f;
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const [fn] = useState(() => (...a: A) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => ref.current(...a), ms);
  });
  return fn;
}

// The SLA the ticket JSON carries, if the server includes it.
export function ticketSla(tk: Ticket): Sla | null {
  const s = tk.sla as Partial<Sla> | undefined | null;
  if (s && Array.isArray(s.clocks)) return { breach_at: s.breach_at ?? null, ...s } as Sla;
  // a bare breach time (sla: {breach_at} or sla_breach_at) is enough for a countdown
  const at = (s && typeof s.breach_at === 'string' ? s.breach_at : null) ?? (typeof tk.sla_breach_at === 'string' ? tk.sla_breach_at : null);
  return at ? { clocks: [], breach_at: at } : null;
}

export type SlaTone = 'ok' | 'warning' | 'breached' | 'met' | 'paused' | 'none';

// The clock that matters most: breached, then the earliest running due.
export function slaSummary(sla: Sla | null, now: number): { due: string | null; tone: SlaTone } {
  if (!sla) return { due: null, tone: 'none' };
  if (sla.clocks.length === 0 && sla.breach_at) {
    const left = new Date(sla.breach_at).getTime() - now;
    return { due: sla.breach_at, tone: left < 0 ? 'breached' : left < 3600_000 ? 'warning' : 'ok' };
  }
  const running = sla.clocks.filter((c) => c.state !== 'met' && !c.paused && c.due_at);
  if (running.length === 0) {
    return { due: null, tone: sla.clocks.some((c) => c.paused) ? 'paused' : sla.clocks.length ? 'met' : 'none' };
  }
  running.sort((a, b) => a.due_at!.localeCompare(b.due_at!));
  const c = running[0];
  const due = c.due_at!;
  let tone: SlaTone = c.state === 'breached' || new Date(due).getTime() < now ? 'breached' : 'ok';
  if (tone === 'ok' && (c.state === 'warning' || new Date(due).getTime() - now < 3600_000)) tone = 'warning';
  return { due, tone };
}

export function isOpen(status: string): boolean {
  return status !== 'resolved' && status !== 'closed';
}

// t(prefix + value), or the value itself when no string is registered.
export function lbl(prefix: string, v: string | null | undefined): string {
  if (!v) return '—';
  const s = t(prefix + v);
  return s === prefix + v ? v : s;
}

export function catLabel(c: string | null | undefined): string {
  return c ? t('category.' + c) : t('agent.untriaged');
}

// An ISO time as the viewer's local day, yyyy-mm-dd ('' for none).
export function localDay(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

// A day (yyyy-mm-dd) a person names as a time the server accepts: local
// noon, moved within the day to lie between `after` (e.g. the shipping time)
// and now. Null if `day` is not a date.
export function dayToTime(day: string, after?: string | null): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const start = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(start.getTime()) || localDay(start.toISOString()) !== day) return null;
  const end = new Date(start.getFullYear(), start.getMonth(), start.getDate() + 1).getTime() - 1;
  let ms = start.getTime() + 12 * 3600_000;
  const now = Date.now();
  if (now >= start.getTime() && now < ms) ms = now;
  const lower = after ? Date.parse(after) : NaN;
  if (lower > ms && lower <= end) ms = Math.min(lower, now);
  return new Date(ms).toISOString();
}

// Now as a datetime-local value (yyyy-mm-ddThh:mm, the viewer's time zone).
export function localMinute(ms = Date.now()): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${localDay(d.toISOString())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

// A datetime-local value (yyyy-mm-ddThh:mm[:ss], the viewer's time zone) as
// an ISO time the server accepts. Null if it is not such a time.
export function localToTime(v: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(v);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  if (Number.isNaN(d.getTime()) || d.getDate() !== Number(m[3]) || d.getMinutes() !== Number(m[5])) return null;
  return d.toISOString();
}

// The exception kind's label, else the server's label, else the kind.
export function exceptionLabel(kind: string | null | undefined, serverLabel?: string | null): string {
  if (!kind) return serverLabel ?? '—';
  const k = 'ship.exc.' + kind;
  const s = t(k);
  return s !== k ? s : serverLabel || kind;
}

// The ticket's threat level, or null for none. An answer without
// threat_level (an older server) falls back to the boolean flag: 'flag'.
export function threatOf(tk: Ticket): Exclude<ThreatLevel, 'none'> | 'flag' | null {
  const level = tk.threat_level;
  if (level === 'review' || level === 'public' || level === 'legal') return level;
  if (level === 'none') return null;
  return tk.threat === true ? 'flag' : null;
}

// A threat level as a timeline shows it: a level name, or (older events)
// "true"/"false" for the flag; anything else as it is.
export function threatLabel(v: string | null | undefined): string {
  if (!v) return '—';
  if ((THREAT_LEVELS as string[]).includes(v)) return t('threat.' + v);
  if (v === 'true') return t('ticket.threat');
  if (v === 'false') return t('threat.none');
  return v;
}

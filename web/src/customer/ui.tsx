// Small pieces shared by the help-centre pages.
import type { ReactNode } from 'react';
import { ApiError } from '../lib/api';
import { t } from '../lib/i18n';

// A message for the customer; known codes get a friendly sentence.
export function friendlyError(e: unknown): string {
  if (e instanceof ApiError) {
    const key = 'cust.err.' + e.code;
    const s = t(key);
    if (s !== key) return s;
    if (e.status === 422 && e.message) return e.message;
    return t('cust.err.generic');
  }
  return t('cust.err.network');
}

export function Notice({ kind, children }: { kind: 'error' | 'ok' | 'info'; children: ReactNode }) {
  return (
    <div className={`cust-notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

// Customer-friendly words for a ticket status.
export function StatusPill({ status }: { status: string }) {
  return <span className={`cust-status s-${status}`}>{t('cust.status.' + status)}</span>;
}

// The snippet with <mark> around the highlight ranges (code points).
export function Highlighted({ text, ranges }: { text: string; ranges: [number, number][] }) {
  const chars = Array.from(text);
  const out: ReactNode[] = [];
  let at = 0;
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  sorted.forEach(([b, e], i) => {
    if (b < at || b >= chars.length) return;
    if (b > at) out.push(chars.slice(at, b).join(''));
    out.push(<mark key={i}>{chars.slice(b, e).join('')}</mark>);
    at = Math.min(e, chars.length);
  });
  if (at < chars.length) out.push(chars.slice(at).join(''));
  return <>{out}</>;
}

export function shortDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

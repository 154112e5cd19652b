// Small pieces shared by the lead pages.
import type { MouseEvent, ReactNode } from 'react';
import { navigate } from '../lib/router';
import { t } from '../lib/i18n';
import { ApiError } from '../lib/api';

// An in-app link: a real <a href> (open in new tab works) that navigates
// without reloading on a plain click.
export function Link({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  function go(e: MouseEvent<HTMLAnchorElement>) {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  }
  return (
    <a href={to} onClick={go} className={className}>
      {children}
    </a>
  );
}

export function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    const known = t('lead.err.' + e.code);
    if (known === 'lead.err.' + e.code) return e.message || t('common.error');
    return e.message && e.message !== known ? `${known}（${e.message}）` : known;
  }
  if (e instanceof Error) return e.message;
  return t('common.error');
}

export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div className="lead-error" role="alert">
      <span>{errorText(error)}</span>
      {onRetry && (
        <button className="link" onClick={onRetry}>
          {t('lead.retry')}
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="lead-empty">{children}</div>;
}

// Minutes as "18 分钟" / "10.7 小时" / "2.0 天".
export function duration(mins: number | null | undefined): string {
  if (mins === null || mins === undefined || Number.isNaN(mins)) return '—';
  if (mins < 60) return t('lead.dur.min', { n: Math.round(mins) });
  if (mins < 60 * 48) return t('lead.dur.h', { n: (mins / 60).toFixed(1) });
  return t('lead.dur.d', { n: (mins / 1440).toFixed(1) });
}

export function percent(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  return (x * 100).toFixed(x >= 0.995 || x === 0 ? 0 : 1) + '%';
}

// Small pieces shared by the lead pages.
import type { ReactNode } from 'react';
import { t } from '../lib/i18n';
import { ApiError } from '../lib/api';
import { formatTime } from '../lib/time';

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

// One term and its value in a <dl> of facts.
export function Fact({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd className={className}>{children}</dd>
    </div>
  );
}

// A page head's "updated at" (with "loading" while refreshing) and its refresh button.
export function Refresh({ at, loading, onRefresh }: { at: string | undefined; loading: boolean; onRefresh: () => void }) {
  return (
    <>
      <span className="muted">
        {at ? t('lead.updatedAt', { at: formatTime(at) }) : ''}
        {loading && at ? ' · ' + t('common.loading') : ''}
      </span>
      <button onClick={onRefresh} disabled={loading}>
        {t('lead.refresh')}
      </button>
    </>
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

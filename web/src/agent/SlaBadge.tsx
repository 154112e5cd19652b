import { t } from '../lib/i18n';
import { formatTime, relative } from '../lib/time';
import type { Sla } from './types';
import { slaSummary } from './util';

// The most urgent running SLA clock of a ticket as a countdown.
export function SlaBadge({ sla, now }: { sla: Sla | null | undefined; now: number }) {
  if (sla === undefined) return <span className="muted">…</span>;
  const s = slaSummary(sla, now);
  if (s.tone === 'none') return <span className="muted">{t('sla.none')}</span>;
  if (s.tone === 'paused') return <span className="sla sla-paused">{t('sla.paused')}</span>;
  if (s.tone === 'met') return <span className="sla sla-met">{t('sla.met')}</span>;
  return (
    <span className={`sla sla-${s.tone}`} title={formatTime(s.due)}>
      {relative(s.due, now)}
    </span>
  );
}

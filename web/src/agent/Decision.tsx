import { t, useLang } from '../lib/i18n';
import { formatTime, yuan } from '../lib/time';
import type { Decision } from '../lib/types';

function payer(p: string): string {
  const k = 'as.payer.' + p;
  const s = t(k);
  return s === k ? p : s;
}

// The after-sales policy's decision with the rule and the article it cites.
export function DecisionView({ d }: { d: Decision }) {
  const lang = useLang();
  return (
    <div className={`decision ${d.eligible ? 'yes' : 'no'}`} data-testid="as-decision">
      <div className="row">
        <span className={`badge ${d.eligible ? 'ok' : 'danger'}`}>{d.eligible ? t('as.eligible') : t('as.not_eligible')}</span>
        <span className="muted small">{t('as.rule')}: <span className="mono">{d.rule}</span></span>
        {d.article && <span className="badge article">{t('as.article')}: {d.article}</span>}
      </div>
      <p className="explain">{lang === 'zh' ? d.explanation_zh : d.explanation_en}</p>
      <dl className="kv small">
        {d.window_ends && (<><dt>{t('as.window')}</dt><dd>{formatTime(d.window_ends)}</dd></>)}
        <dt>{t('as.max_refund')}</dt><dd>{yuan(d.max_refund_fen)}</dd>
        <dt>{t('as.shipping_by')}</dt><dd>{payer(d.return_shipping_paid_by)}</dd>
        {d.return_required && (<><dt>{t('as.return_required')}</dt><dd>✓</dd></>)}
      </dl>
    </div>
  );
}

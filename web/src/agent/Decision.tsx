import { t, useLang } from '../lib/i18n';
import { formatTime, yuan } from '../lib/time';
import type { Decision } from '../lib/types';
import { lbl } from './util';

function payer(p: string): string {
  const k = 'as.payer.' + p;
  const s = t(k);
  return s === k ? p : s;
}

// The after-sales policy's decision with the rule and the article it cites.
// For a refusal, `onPick` receives the alternative kind the agent clicks.
export function DecisionView({ d, onPick }: { d: Decision; onPick?: (kind: string) => void }) {
  const lang = useLang();
  const alternatives = d.alternatives ?? [];
  return (
    <div className={`decision ${d.eligible ? 'yes' : 'no'}`} data-testid="as-decision">
      <div className="row">
        <span className={`badge ${d.eligible ? 'ok' : 'danger'}`}>{d.eligible ? t('as.eligible') : t('as.not_eligible')}</span>
        <span className="muted small">{t('as.rule')}: <span className="mono">{d.rule}</span></span>
        {d.article && <span className="badge article">{t('as.article')}: {d.article}</span>}
      </div>
      {(d.lead_required || d.needs_confirmation || d.window_extended || d.evidence_required) && (
        <div className="row decision-flags">
          {d.lead_required && <span className="badge warn" data-testid="as-lead-required" title={t('as.lead_required.hint')}>{t('as.lead_required')}</span>}
          {d.needs_confirmation && <span className="badge warn" data-testid="as-needs-confirmation" title={t('as.needs_confirmation.hint')}>{t('as.needs_confirmation')}</span>}
          {d.window_extended && <span className="badge" data-testid="as-window-extended" title={t('as.window_extended.hint')}>{t('as.window_extended')}</span>}
          {d.evidence_required && <span className="badge" data-testid="as-evidence-required">{t('as.evidence_required')}</span>}
        </div>
      )}
      <p className="explain">{lang === 'zh' ? d.explanation_zh : d.explanation_en}</p>
      <dl className="kv small">
        {d.window_ends && (<><dt>{t('as.window')}</dt><dd>{formatTime(d.window_ends)}{d.window_extended ? ` (${t('as.window_extended.short')})` : ''}</dd></>)}
        <dt>{t('as.max_refund')}</dt><dd>{yuan(d.max_refund_fen)}</dd>
        {(d.punitive_fen ?? 0) > 0 && (<><dt>{t('as.punitive')}</dt><dd data-testid="as-punitive">{yuan(d.punitive_fen)}</dd></>)}
        <dt>{t('as.shipping_by')}</dt><dd>{payer(d.return_shipping_paid_by)}</dd>
        {d.return_required && (<><dt>{t('as.return_required')}</dt><dd>✓</dd></>)}
      </dl>
      {alternatives.length > 0 && (
        <div className="row as-alternatives">
          <span className="muted small">{t('as.alternatives')}</span>
          {alternatives.map((k) =>
            onPick ? (
              <button key={k} type="button" className="as-alt" data-testid="as-alternative" onClick={() => onPick(k)}>
                {lbl('as.kind.', k)}
              </button>
            ) : (
              <span key={k} className="badge">{lbl('as.kind.', k)}</span>
            ),
          )}
        </div>
      )}
    </div>
  );
}

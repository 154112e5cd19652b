import { t, useLang } from '../lib/i18n';
import { formatTime, yuan } from '../lib/time';
import { DeductionList } from '../lib/Deductions';
import type { Decision, GiftToReturn, OrderItem } from '../lib/types';
import { itemAt } from './OrderLines';
import { lbl } from './util';

function payer(p: string): string {
  const k = 'as.payer.' + p;
  const s = t(k);
  return s === k ? p : s;
}

// Gift units to send back as text; `items` (the order's lines) adds the gift's name.
export function giftText(g: GiftToReturn, items?: OrderItem[]): string {
  const it = itemAt(items, g.line);
  const name = it ? ' ' + (it.name || it.sku) : '';
  return t('as.gift_return', { line: g.line, name, n: g.quantity, v: yuan(g.value_fen) });
}

// The after-sales policy's decision with the rule and the article it cites.
// For a refusal, `onPick` receives the alternative kind the agent clicks.
// `items`, the order's lines when known, names the gifts to send back.
export function DecisionView({ d, onPick, items }: { d: Decision; onPick?: (kind: string) => void; items?: OrderItem[] }) {
  const lang = useLang();
  const alternatives = d.alternatives ?? [];
  const deductions = d.deductions ?? [];
  const gifts = d.gifts_to_return ?? [];
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
      <DeductionList deductions={deductions} className="as-sublist" testid="as-deduction" />
      {gifts.length > 0 && (
        <div className="as-sublist small" data-testid="as-gifts-to-return">
          <span className="muted">{t('as.gifts_to_return')}</span>
          <ul>
            {gifts.map((g) => (
              <li key={g.line} data-testid="as-gift-to-return">{giftText(g, items)}</li>
            ))}
          </ul>
        </div>
      )}
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

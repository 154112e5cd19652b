import { register, t, useLang } from './i18n';
import { yuan } from './time';
import type { DecisionDeduction } from './types';

// The policy's deductions from a refund (a gift kept, a free-shipping
// threshold broken), shown alike wherever a decision is: the agent's
// after-sales panel and the lead's approvals.
register({
  'deduct.title': { zh: '政策扣减（已从最多退款中扣除）', en: 'Deductions (already off the max refund)' },
  'deduct.article': { zh: '依据', en: 'Article' },
  'deduct.gift_not_returned': { zh: '未退回赠品，按标明价格扣除', en: 'Gift kept: disclosed price deducted' },
  'deduct.free_shipping_threshold': { zh: '退货后不满包邮门槛，扣除运费', en: 'Free-shipping threshold broken: shipping deducted' },
});

// The label of a deduction code; an unknown code shows as itself.
export function deductionLabel(code: string): string {
  const k = 'deduct.' + code;
  const s = t(k);
  return s === k ? code : s;
}

// A deduction as text: "未退回赠品，按标明价格扣除 −¥5.00".
export function deductionText(x: DecisionDeduction): string {
  return `${deductionLabel(x.code)} −${yuan(x.amount_fen)}`;
}

// The list, with test ids `${testid}s` on the block and `${testid}` on each.
export function DeductionList({ deductions, className, testid }: {
  deductions: DecisionDeduction[];
  className: string;
  testid: string;
}) {
  useLang();
  if (deductions.length === 0) return null;
  return (
    <div className={`${className} small`} data-testid={`${testid}s`}>
      <span className="muted">{t('deduct.title')}</span>
      <ul>
        {deductions.map((x, k) => (
          <li key={k} data-testid={testid}>
            {deductionLabel(x.code)} <strong>−{yuan(x.amount_fen)}</strong>
            {x.article && <span className="badge article">{t('deduct.article')}: {x.article}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

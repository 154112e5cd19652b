import { Fragment, useState } from 'react';
import { api } from '../lib/api';
import { t, useLang } from '../lib/i18n';
import { formatTime, yuan } from '../lib/time';
import type { AfterSales, Order } from '../lib/types';
import { deductionText } from '../lib/Deductions';
import { giftText } from './Decision';
import { RefusalActions } from './RefusalActions';
import { lbl, useSubmit } from './util';

// The ticket's after-sales requests with what each carries, and the moves
// the agent console offers on them (docs/api.md §7.1). `onMoved` gets the
// message to show once a move went through. `orders`, those known, give
// the gifts' names and a resend's default carrier.
export function AfterSalesList({ list, orders = [], onMoved }: { list: AfterSales[]; orders?: Order[]; onMoved: (text: string) => void }) {
  useLang();
  if (list.length === 0) return null;
  return (
    <>
      <h3>{t('as.list')}</h3>
      <ul className="c360-list">
        {list.map((a) => (
          <li key={a.id} data-testid="as-item">
            <div className="row">
              <span className="mono">{a.id}</span>
              <span>{lbl('as.kind.', a.kind)} · {lbl('as.reason.', a.reason)}</span>
              <span className={`badge ${a.status === 'refused' ? 'danger' : ''}`} data-testid="as-status">{lbl('as.status.', a.status)}</span>
              {a.override && (
                <span className="badge override" data-testid="as-override-badge" title={t('as.by_reason', { by: a.overridden_by ?? '', reason: a.override_reason ?? '' })}>
                  {t('as.override')}
                </span>
              )}
              {a.decision.lead_required && a.status === 'requested' && (
                <span className="badge warn" title={t('as.lead_required.hint')}>{t('as.lead_required')}</span>
              )}
              {a.decision.needs_confirmation && a.status === 'requested' && <span className="badge warn">{t('as.needs_confirmation')}</span>}
              {a.refund_overdue && <span className="badge danger">{t('as.overdue')}</span>}
            </div>
            <div className="muted small">
              {a.order} #{a.line} ×{a.quantity}
              {a.unit != null && <span data-testid="as-item-unit">{' · ' + t('as.unit.n', { n: a.unit })}</span>}
              {' · '}{yuan(a.refund_fen)} · {formatTime(a.created_at)}
              {a.decision.article ? ' · ' + a.decision.article : ''}
            </div>
            {a.status === 'refused' && <RefusalActions a={a} onDone={onMoved} />}
            <Details a={a} order={orders.find((o) => o.id === a.order)} />
            {a.kind === 'resend' && a.status === 'approved' && (
              <ResendForm a={a} order={orders.find((o) => o.id === a.order)} onDone={onMoved} />
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

function Details({ a, order }: { a: AfterSales; order?: Order }) {
  const punitive = a.decision.punitive_fen ?? 0;
  const deductions = a.decision.deductions ?? [];
  const gifts = a.decision.gifts_to_return ?? [];
  const rows: [string, string, string][] = [];
  if (punitive > 0) rows.push(['punitive', t('as.punitive'), yuan(punitive)]);
  if (deductions.length > 0) rows.push(['deductions', t('as.deductions.short'), deductions.map(deductionText).join('；')]);
  if (gifts.length > 0) rows.push(['gifts-to-return', t('as.gifts_to_return'), gifts.map((g) => giftText(g, order?.items)).join('；')]);
  if (a.deduction_basis || a.deduction_reason) {
    rows.push(['deduction', t('as.deduction'), [lbl('as.basis.', a.deduction_basis), a.deduction_reason].filter(Boolean).join('：')]);
  }
  if (a.override) rows.push(['override', t('as.override'), t('as.by_reason', { by: a.overridden_by ?? '—', reason: a.override_reason ?? '' })]);
  if (a.exception_by && a.status !== 'refused') {
    rows.push(['exception', t('as.exception'), t('as.by_reason', { by: a.exception_by, reason: a.exception_reason ?? '' })]);
  }
  if (a.evidence) rows.push(['evidence', t('as.evidence.short'), a.evidence]);
  if (a.return_tracking) rows.push(['return-tracking', t('as.return_tracking'), a.return_tracking]);
  if (a.resend_tracking) rows.push(['resend-tracking', t('as.resend_tracking'), a.resend_tracking]);
  if (a.decision_reason) rows.push(['decision-reason', t('as.decision_reason'), a.decision_reason]);
  if (rows.length === 0) return null;
  return (
    <dl className="kv small as-details">
      {rows.map(([k, label, v]) => (
        <Fragment key={k}>
          <dt>{label}</dt>
          <dd className={k.endsWith('tracking') ? 'mono' : 'as-text'} data-testid={`as-item-${k}`}>{v}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

// approved → resent for a resend: the new parcel's tracking number is
// required, its carrier defaults to the order's (required when the order
// names none). `order` is the request's order when known.
function ResendForm({ a, order, onDone }: { a: AfterSales; order?: Order; onDone: (text: string) => void }) {
  const [tracking, setTracking] = useState('');
  const [carrier, setCarrier] = useState('');
  const { msg, setMsg, busy, run } = useSubmit();
  const defaultCarrier = order?.carrier || '';
  const carrierRequired = order !== undefined && !defaultCarrier;

  async function send() {
    const no = tracking.trim();
    const by = carrier.trim();
    if (!no) {
      setMsg({ ok: false, text: t('err.tracking_required') });
      return;
    }
    if (!by && carrierRequired) {
      setMsg({ ok: false, text: t('err.carrier_required') });
      return;
    }
    const body: Record<string, unknown> = { to: 'resent', resend_tracking: no, version: a.version };
    if (by) body.resend_carrier = by;
    await run(async () => {
      await api.post<AfterSales>(`/after-sales/${encodeURIComponent(a.id)}/transitions`, body);
      setTracking('');
      setCarrier('');
      onDone(t('as.resent_done', { id: a.id, no }));
    });
  }

  return (
    <div className="as-move">
      <div className="row">
        <input
          className="as-carrier"
          data-testid="as-resend-carrier"
          value={carrier}
          maxLength={64}
          required={carrierRequired}
          aria-required={carrierRequired}
          placeholder={t(defaultCarrier ? 'as.resend_carrier.default' : carrierRequired ? 'as.resend_carrier.required' : 'as.resend_carrier.ph', { c: defaultCarrier })}
          aria-label={t('as.resend_carrier')}
          onChange={(e) => setCarrier(e.target.value)}
          onKeyDown={(e) => { if (e.key === 'Enter') void send(); }}
        />
        <input
          data-testid="as-resend-tracking"
          value={tracking}
          maxLength={64}
          placeholder={t('as.resend_tracking.ph')}
          aria-label={t('as.resend_tracking')}
          onChange={(e) => setTracking(e.target.value)}
          onKeyDown={(e) => { if (e.key === 'Enter') void send(); }}
        />
        <button className="primary" disabled={busy} onClick={() => void send()} data-testid="as-resend">{t('as.resend')}</button>
      </div>
      {msg && <p className="error small" role="alert" data-testid="as-item-message">{msg.text}</p>}
    </div>
  );
}

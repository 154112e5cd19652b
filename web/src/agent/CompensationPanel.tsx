import { useEffect, useState } from 'react';
import { api, type Page } from '../lib/api';
import { t, useLang } from '../lib/i18n';
import { yuan } from '../lib/time';
import type { Compensation, Ticket } from '../lib/types';
import { yuanToFen } from './money';
import { lbl, useSubmit } from './util';

const KINDS = ['coupon', 'partial_refund', 'shipping_refund', 'gift'];

// Requests compensation (docs/api.md §7.4): approved at once within the
// requester's limit, otherwise pending a lead's or manager's approval.
export function CompensationPanel({ ticket, onChanged }: { ticket: Ticket; onChanged: () => void }) {
  useLang();
  const [list, setList] = useState<Compensation[]>([]);
  const [kind, setKind] = useState('coupon');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const { msg, setMsg, busy, run } = useSubmit();

  const load = () =>
    api.get<Page<Compensation>>('/compensations', { ticket: ticket.id }).then((p) => setList(p.items), () => setList([]));
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ticket.id, ticket.version]);

  async function submit() {
    const fen = yuanToFen(amount);
    if (fen === null) {
      setMsg({ ok: false, text: t('comp.bad_amount') });
      return;
    }
    await run(async () => {
      const c = await api.post<Compensation>(`/tickets/${encodeURIComponent(ticket.id)}/compensations`, {
        kind,
        amount_fen: fen,
        reason: reason.trim(),
      });
      if (c.status === 'approved') setMsg({ ok: true, text: t('comp.result.approved', { id: c.id }) });
      else {
        const k = 'comp.pending.' + (c.pending_reason ?? '');
        const why = t(k) === k ? (c.pending_reason ?? '') : t(k);
        setMsg({ ok: true, pending: true, text: t('comp.result.pending', { id: c.id, why }) });
      }
      setAmount('');
      setReason('');
      void load();
      onChanged();
    });
  }

  return (
    <section className="panel compensation" data-testid="compensation">
      <h2>{t('comp.title')}</h2>
      <div className="form-grid">
        <label>{t('comp.kind')}
          <select data-testid="comp-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            {KINDS.map((k) => <option key={k} value={k}>{lbl('comp.kind.', k)}</option>)}
          </select>
        </label>
        <label>{t('comp.amount')}
          <input data-testid="comp-amount" inputMode="decimal" placeholder="20.00" value={amount} onChange={(e) => setAmount(e.target.value)} />
        </label>
        <label className="wide">{t('comp.reason')}
          <input data-testid="comp-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
        </label>
        <div className="row wide">
          <button className="primary" data-testid="comp-submit" disabled={busy || !amount.trim() || !reason.trim()} onClick={() => void submit()}>
            {t('comp.submit')}
          </button>
        </div>
      </div>
      {msg && (
        <p className={msg.ok ? (msg.pending ? 'warn-text small' : 'ok-text small') : 'error small'} role="alert" data-testid="comp-message">
          {msg.text}
        </p>
      )}
      {list.length > 0 && (
        <>
          <h3>{t('comp.list')}</h3>
          <ul className="c360-list">
            {list.map((c) => (
              <li key={c.id}>
                <span className="mono">{c.id}</span> {lbl('comp.kind.', c.kind)} <strong>{yuan(c.amount_fen)}</strong>
                <span className={`badge ${c.status === 'approved' ? 'ok' : c.status === 'rejected' ? 'danger' : 'warn'}`}>
                  {lbl('comp.status.', c.status)}
                </span>
                <div className="muted small">{c.reason} · {c.requested_by}</div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

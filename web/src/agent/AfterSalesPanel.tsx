import { useEffect, useState } from 'react';
import { api, type Page } from '../lib/api';
import { t, useLang } from '../lib/i18n';
import { formatTime, yuan } from '../lib/time';
import type { AfterSales, Decision, Order, Ticket } from '../lib/types';
import { DecisionView } from './Decision';
import { yuanToFen } from './money';
import { errMsg, isCode, lbl, useSubmit } from './util';

const KINDS = ['return_refund', 'refund_only', 'exchange', 'repair'];
const REASONS = ['no_reason', 'quality_fault', 'not_as_described', 'damaged_in_transit', 'wrong_item', 'not_delivered'];

interface Props {
  ticket: Ticket;
  orders: Order[];
  onChanged: () => void;
}

// Opens an after-sales request on a line of the ticket's order (docs/api.md
// §7.1), with the policy's decision first, and lists the ticket's requests.
export function AfterSalesPanel({ ticket, orders, onChanged }: Props) {
  useLang();
  const [list, setList] = useState<AfterSales[]>([]);
  const [orderId, setOrderId] = useState(ticket.order ?? orders[0]?.id ?? '');
  const [line, setLine] = useState(1);
  const [kind, setKind] = useState('return_refund');
  const [reason, setReason] = useState('quality_fault');
  const [quantity, setQuantity] = useState(1);
  const [intact, setIntact] = useState(true);
  const [unsealed, setUnsealed] = useState(false);
  const [note, setNote] = useState('');
  const [refund, setRefund] = useState('');
  const [decision, setDecision] = useState<Decision | null>(null);
  const { msg, setMsg, busy, run } = useSubmit();
  const base = `/tickets/${encodeURIComponent(ticket.id)}/after-sales`;

  const load = () => api.get<Page<AfterSales>>(base).then((p) => setList(p.items), () => setList([]));
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ticket.id, ticket.version]);
  useEffect(() => {
    if (!orderId) setOrderId(ticket.order ?? orders[0]?.id ?? '');
  }, [orders, ticket.order, orderId]);

  const order = orders.find((o) => o.id === orderId);
  useEffect(() => {
    setDecision(null);
  }, [orderId, line, kind, reason, quantity, intact, unsealed]);

  function body(): Record<string, unknown> | null {
    const b: Record<string, unknown> = { line, kind, reason, quantity, intact, unsealed };
    if (orderId && orderId !== ticket.order) b.order = orderId;
    if (note.trim()) b.note = note.trim();
    if (refund.trim()) {
      const f = yuanToFen(refund);
      if (f === null) {
        setMsg({ ok: false, text: t('comp.bad_amount') });
        return null;
      }
      b.refund_fen = f;
    }
    return b;
  }

  async function preview() {
    const b = body();
    if (!b) return;
    await run(async () => setDecision(await api.post<Decision>(base + '/preview', b)));
  }

  async function submit() {
    const b = body();
    if (!b) return;
    await run(
      async () => {
        const a = await api.post<AfterSales>(base, b);
        setDecision(a.decision);
        setMsg({ ok: true, text: t('as.created', { id: a.id }) });
        setNote('');
        setRefund('');
        void load();
        onChanged();
      },
      (e) => {
        if (isCode(e, 'not_eligible')) {
          setMsg({ ok: false, text: t('as.refused') });
          api.post<Decision>(base + '/preview', b).then(setDecision, () => setMsg({ ok: false, text: errMsg(e) }));
        } else setMsg({ ok: false, text: errMsg(e) });
      },
    );
  }

  return (
    <section className="panel aftersales" data-testid="after-sales">
      <h2>{t('as.title')}</h2>
      {list.length > 0 && (
        <>
          <h3>{t('as.list')}</h3>
          <ul className="c360-list">
            {list.map((a) => (
              <li key={a.id} data-testid="as-item">
                <div className="row">
                  <span className="mono">{a.id}</span>
                  <span>{lbl('as.kind.', a.kind)} · {lbl('as.reason.', a.reason)}</span>
                  <span className="badge">{lbl('as.status.', a.status)}</span>
                </div>
                <div className="muted small">
                  {a.order} #{a.line} ×{a.quantity} · {yuan(a.refund_fen)} · {formatTime(a.created_at)}
                  {a.decision.article ? ' · ' + a.decision.article : ''}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('as.open')}</h3>
      {orders.length === 0 && !ticket.order ? (
        <p className="muted small">{t('as.no_order')}</p>
      ) : (
        <div className="form-grid">
          <label>{t('as.order')}
            <select data-testid="as-order" value={orderId} onChange={(e) => { setOrderId(e.target.value); setLine(1); }}>
              {ticket.order && !orders.some((o) => o.id === ticket.order) && <option value={ticket.order}>{ticket.order}</option>}
              {orders.map((o) => <option key={o.id} value={o.id}>{o.id} · {yuan(o.total_fen)}</option>)}
            </select>
          </label>
          <label>{t('as.line')}
            <select data-testid="as-line" value={line} onChange={(e) => setLine(Number(e.target.value))}>
              {(order?.items ?? [{ line: 1, name: '#1', sku: '', quantity: 1, price_fen: 0 }]).map((i, k) => (
                <option key={i.line ?? k + 1} value={i.line ?? k + 1}>#{i.line ?? k + 1} {i.name || i.sku} ×{i.quantity}</option>
              ))}
            </select>
          </label>
          <label>{t('as.kind')}
            <select data-testid="as-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
              {KINDS.map((k) => <option key={k} value={k}>{lbl('as.kind.', k)}</option>)}
            </select>
          </label>
          <label>{t('as.reason')}
            <select data-testid="as-reason" value={reason} onChange={(e) => setReason(e.target.value)}>
              {REASONS.map((r) => <option key={r} value={r}>{lbl('as.reason.', r)}</option>)}
            </select>
          </label>
          <label>{t('as.quantity')}
            <input type="number" min={1} value={quantity} onChange={(e) => setQuantity(Math.max(1, Number(e.target.value) || 1))} />
          </label>
          <label>{t('as.refund')}
            <input inputMode="decimal" value={refund} placeholder="0.00" onChange={(e) => setRefund(e.target.value)} />
          </label>
          <label className="check"><input type="checkbox" checked={intact} onChange={(e) => setIntact(e.target.checked)} />{t('as.intact')}</label>
          <label className="check"><input type="checkbox" checked={unsealed} onChange={(e) => setUnsealed(e.target.checked)} />{t('as.unsealed')}</label>
          <label className="wide">{t('as.note')}
            <input value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
          </label>
          <div className="row wide">
            <button onClick={() => void preview()} disabled={busy || !orderId} data-testid="as-preview">{t('as.preview')}</button>
            <button className="primary" onClick={() => void submit()} disabled={busy || !orderId} data-testid="as-submit">{t('as.submit')}</button>
          </div>
        </div>
      )}
      {decision && <DecisionView d={decision} />}
      {msg && <p className={msg.ok ? 'ok-text small' : 'error small'} role="alert" data-testid="as-message">{msg.text}</p>}
    </section>
  );
}

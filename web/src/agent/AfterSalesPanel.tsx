import { useEffect, useState } from 'react';
import { api, type Page } from '../lib/api';
import { t, useLang } from '../lib/i18n';
import { formatTime, yuan } from '../lib/time';
import type { AfterSales, Decision, Order, Ticket } from '../lib/types';
import { AfterSalesList } from './AfterSalesList';
import { DecisionView } from './Decision';
import { yuanToFen } from './money';
import { itemAt, itemLabel, lineNo } from './OrderLines';
import { ShipmentEventForm } from './ShipmentEventForm';
import type { Shipment, ShipmentEventResult } from './types';
import { dayToTime, errMsg, isCode, lbl, localDay, useSubmit } from './util';

const KINDS = ['return_refund', 'refund_only', 'exchange', 'repair', 'resend'];
const REASONS = ['no_reason', 'quality_fault', 'not_as_described', 'damaged_in_transit', 'wrong_item', 'missing_item', 'not_delivered', 'fraud', 'food_safety'];
// Punitive claims: a lead decides, evidence is required.
const PUNITIVE = ['fraud', 'food_safety'];
const BASES = ['free_shipping_threshold', 'gift_not_returned', 'depreciation', 'partial_goods', 'agreed_with_buyer', 'other'];
// Up to this many units the unit is chosen from a list, beyond it typed.
const UNIT_LIST_MAX = 50;

interface Props {
  ticket: Ticket;
  orders: Order[];
  // The customer's shipments (the overview's), to record a delivery the
  // carrier has not when the policy finds none.
  shipments?: Shipment[];
  onChanged: () => void;
}

// The parcel of `order` a missing delivery is recorded on: the latest one
// not yet delivered, else the latest.
function deliveryShipment(shipments: Shipment[], order: string): Shipment | undefined {
  const mine = shipments.filter((s) => s.order === order);
  const newest = (a: Shipment, b: Shipment) =>
    (b.created_at ?? '').localeCompare(a.created_at ?? '') || b.id.localeCompare(a.id);
  const open = mine.filter((s) => s.status !== 'delivered').sort(newest);
  return open[0] ?? mine.sort(newest)[0];
}

// Opens an after-sales request on a line of the ticket's order (docs/api.md
// §7.1), with the policy's decision first, and lists the ticket's requests.
export function AfterSalesPanel({ ticket, orders, shipments = [], onChanged }: Props) {
  useLang();
  const [list, setList] = useState<AfterSales[]>([]);
  const [orderId, setOrderId] = useState(ticket.order ?? orders[0]?.id ?? '');
  const [line, setLine] = useState(1);
  const [kind, setKind] = useState('return_refund');
  const [reason, setReason] = useState('quality_fault');
  const [quantity, setQuantity] = useState(1);
  const [unit, setUnit] = useState(''); // which unit of the line, '' = not said
  const [intact, setIntact] = useState(true);
  const [unsealed, setUnsealed] = useState(false);
  const [activated, setActivated] = useState(false);
  const [disclosed, setDisclosed] = useState(false);
  const [keepGifts, setKeepGifts] = useState(false); // the buyer keeps the line's gifts
  const [receivedOn, setReceivedOn] = useState(''); // yyyy-mm-dd, the buyer's word
  const [evidence, setEvidence] = useState('');
  const [loss, setLoss] = useState(''); // yuan, food_safety
  const [note, setNote] = useState('');
  const [refund, setRefund] = useState('');
  const [basis, setBasis] = useState('');
  const [deduction, setDeduction] = useState('');
  const [needDeduction, setNeedDeduction] = useState(false); // the server asked for one
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
  }, [orderId, line, kind, reason, quantity, unit, intact, unsealed, activated, disclosed, keepGifts, receivedOn, loss]);

  useEffect(() => {
    setKeepGifts(false); // asked again for each line
  }, [orderId, line]);

  useEffect(() => {
    setUnit(''); // a unit of this line, for one unit only
  }, [orderId, line, quantity]);

  // Gifts came with the chosen line: on a return the buyer may keep them
  // at their disclosed price.
  const hasGifts = (order?.items ?? []).some((i) => i.gift_of === line);
  const askKeepGifts = hasGifts && kind === 'return_refund';
  // A request on one unit of a line of several may name the unit: that
  // unit's own repair and exchange history then decides.
  const lineQty = itemAt(order?.items, line)?.quantity ?? 0;
  const askUnit = lineQty > 1 && quantity === 1;
  const punitive = PUNITIVE.includes(reason);
  const refundFen = refund.trim() ? yuanToFen(refund) : null;
  // A refund below the maximum needs its basis and reason (422 deduction_reason_required).
  const deducting = refundFen !== null && (decision ? refundFen < decision.max_refund_fen : needDeduction);

  function body(): Record<string, unknown> | null {
    const b: Record<string, unknown> = {
      line, kind, reason, quantity, intact, unsealed, activated, about_disclosed_defect: disclosed,
    };
    if (orderId && orderId !== ticket.order) b.order = orderId;
    if (askKeepGifts) b.keep_gifts = keepGifts;
    if (askUnit && unit.trim()) {
      const n = Number(unit);
      if (!Number.isInteger(n) || n < 1 || n > lineQty) {
        setMsg({ ok: false, text: t('as.unit.bad', { max: lineQty }) });
        return null;
      }
      b.unit = n;
    }
    if (note.trim()) b.note = note.trim();
    if (receivedOn) {
      const at = dayToTime(receivedOn, order?.shipped_at);
      if (!at) {
        setMsg({ ok: false, text: t('as.bad_date') });
        return null;
      }
      b.received_at = at;
    }
    if (punitive && evidence.trim()) b.evidence = evidence.trim();
    if (reason === 'food_safety' && loss.trim()) {
      const f = yuanToFen(loss);
      if (f === null) {
        setMsg({ ok: false, text: t('comp.bad_amount') });
        return null;
      }
      b.claimed_loss_fen = f;
    }
    if (refund.trim()) {
      if (refundFen === null) {
        setMsg({ ok: false, text: t('comp.bad_amount') });
        return null;
      }
      b.refund_fen = refundFen;
      if (deducting) {
        if (basis) b.deduction_basis = basis;
        if (deduction.trim()) b.deduction_reason = deduction.trim();
      }
    }
    return b;
  }

  function pickAlternative(k: string) {
    setKind(k);
    setMsg({ ok: true, text: t('as.switched', { kind: lbl('as.kind.', k) }) });
  }

  async function preview() {
    const b = body();
    if (!b) return;
    await run(async () => setDecision(await api.post<Decision>(base + '/preview', b)));
  }

  async function submit() {
    const b = body();
    if (!b) return;
    if (punitive && !evidence.trim()) {
      setMsg({ ok: false, text: t('as.evidence.missing') });
      return;
    }
    if (deducting && (!basis || !deduction.trim())) {
      setMsg({ ok: false, text: t('as.deduction.missing') });
      return;
    }
    await run(
      async () => {
        // A refusal is recorded too (status refused), with the decision's why.
        const a = await api.post<AfterSales>(base, b);
        setDecision(a.decision);
        if (a.status === 'refused') setMsg({ ok: false, text: t('as.refused', { id: a.id }) });
        else setMsg({ ok: true, text: t('as.created', { id: a.id }) });
        setNote('');
        setRefund('');
        setEvidence('');
        setLoss('');
        setBasis('');
        setDeduction('');
        setNeedDeduction(false);
        void load();
        onChanged();
      },
      (e) => {
        const again = () => api.post<Decision>(base + '/preview', b).then(setDecision, () => setMsg({ ok: false, text: errMsg(e) }));
        if (isCode(e, 'deduction_reason_required')) {
          // show the deduction fields against the decision's maximum
          setNeedDeduction(true);
          setMsg({ ok: false, text: errMsg(e) });
          if (!decision) void again();
        } else setMsg({ ok: false, text: errMsg(e) });
      },
    );
  }

  // The policy found no delivery: once staff record it, preview again.
  const parcel = decision?.rule === 'not_delivered_yet' && orderId ? deliveryShipment(shipments, orderId) : undefined;
  function deliveryRecorded(r: ShipmentEventResult, text: string) {
    setDecision(null);
    if (r.shipment.status === 'delivered') setMsg({ ok: true, text: t('as.not_delivered.done') });
    else setMsg({ ok: true, pending: true, text });
    onChanged();
  }

  function moved(text: string) {
    setMsg({ ok: true, text });
    void load();
    onChanged();
  }

  return (
    <section className="panel aftersales" data-testid="after-sales">
      <h2>{t('as.title')}</h2>
      <AfterSalesList list={list} orders={orders} onMoved={moved} />
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
                <option key={lineNo(i, k)} value={lineNo(i, k)}>{itemLabel(i, k)}</option>
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
          {askUnit && (
            <label title={t('as.unit.hint')}>{t('as.unit')}
              {lineQty <= UNIT_LIST_MAX ? (
                <select data-testid="as-unit" value={unit} onChange={(e) => setUnit(e.target.value)}>
                  <option value="">{t('as.unit.none')}</option>
                  {Array.from({ length: lineQty }, (_, k) => (
                    <option key={k + 1} value={String(k + 1)}>{t('as.unit.n', { n: k + 1 })}</option>
                  ))}
                </select>
              ) : (
                <input type="number" data-testid="as-unit" min={1} max={lineQty} step={1} value={unit}
                  placeholder={t('as.unit.none')} onChange={(e) => setUnit(e.target.value)} />
              )}
            </label>
          )}
          <label>{t('as.refund')}
            <input inputMode="decimal" value={refund} placeholder="0.00" data-testid="as-refund" onChange={(e) => setRefund(e.target.value)} />
          </label>
          <label>{t('as.received_on')}
            <input type="date" data-testid="as-received-at" value={receivedOn} min={localDay(order?.shipped_at)} max={localDay(new Date().toISOString())}
              title={t('as.received_on.hint')} onChange={(e) => setReceivedOn(e.target.value)} />
            {receivedOn && order?.delivered_at && <span className="small">{t('as.received_on.ignored', { t: formatTime(order.delivered_at) })}</span>}
          </label>
          <label className="check"><input type="checkbox" checked={intact} onChange={(e) => setIntact(e.target.checked)} />{t('as.intact')}</label>
          <label className="check"><input type="checkbox" checked={unsealed} onChange={(e) => setUnsealed(e.target.checked)} />{t('as.unsealed')}</label>
          <label className="check"><input type="checkbox" data-testid="as-activated" checked={activated} onChange={(e) => setActivated(e.target.checked)} />{t('as.activated')}</label>
          <label className="check"><input type="checkbox" data-testid="as-disclosed" checked={disclosed} onChange={(e) => setDisclosed(e.target.checked)} />{t('as.disclosed')}</label>
          {askKeepGifts && (
            <label className="check wide">
              <input type="checkbox" data-testid="as-keep-gifts" checked={keepGifts} onChange={(e) => setKeepGifts(e.target.checked)} />
              {t('as.keep_gifts')}
            </label>
          )}
          {deducting && (
            <>
              <p className="wide muted small">{t('as.deduction.hint', { max: decision ? yuan(decision.max_refund_fen) : '—' })}</p>
              <label>{t('as.deduction.basis')}
                <select data-testid="as-deduction-basis" value={basis} required onChange={(e) => setBasis(e.target.value)}>
                  <option value="">{t('as.deduction.pick')}</option>
                  {BASES.map((k) => <option key={k} value={k}>{lbl('as.basis.', k)}</option>)}
                </select>
              </label>
              <label>{t('as.deduction.reason')}
                <input data-testid="as-deduction-reason" value={deduction} maxLength={2000} required onChange={(e) => setDeduction(e.target.value)} />
              </label>
            </>
          )}
          {reason === 'food_safety' && (
            <label>{t('as.loss')}
              <input inputMode="decimal" data-testid="as-loss" value={loss} placeholder="0.00" onChange={(e) => setLoss(e.target.value)} />
            </label>
          )}
          {punitive && (
            <label className="wide required">{t('as.evidence')}
              <textarea data-testid="as-evidence" rows={3} maxLength={4000} required aria-required="true" value={evidence}
                placeholder={t('as.evidence.ph')} onChange={(e) => setEvidence(e.target.value)} />
            </label>
          )}
          <label className="wide">{t('as.note')}
            <input value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
          </label>
          <div className="row wide">
            <button onClick={() => void preview()} disabled={busy || !orderId} data-testid="as-preview">{t('as.preview')}</button>
            <button className="primary" onClick={() => void submit()} disabled={busy || !orderId} data-testid="as-submit">{t('as.submit')}</button>
          </div>
        </div>
      )}
      {decision && <DecisionView d={decision} onPick={pickAlternative} items={order?.items} />}
      {parcel && (
        <div className="as-delivery-hint" data-testid="as-delivery-hint">
          <p className="small">{t('as.not_delivered.hint')}</p>
          <ShipmentEventForm key={parcel.id} shipment={parcel} initialStatus="delivered" onDone={deliveryRecorded} />
        </div>
      )}
      {msg && (
        <p className={msg.ok ? (msg.pending ? 'warn-text small' : 'ok-text small') : 'error small'} role="alert" data-testid="as-message">
          {msg.text}
        </p>
      )}
    </section>
  );
}

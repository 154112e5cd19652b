import { useState } from 'react';
import { api } from '../lib/api';
import { t, useLang } from '../lib/i18n';
import { SHIP_EXCEPTIONS, SHIP_STATUSES, type Shipment, type ShipmentEventResult } from './types';
import { exceptionLabel, lbl, localMinute, localToTime, useSubmit } from './util';

interface Props {
  shipment: Pick<Shipment, 'id' | 'carrier' | 'tracking_number'>;
  // The status the form starts with (default: delivered).
  initialStatus?: (typeof SHIP_STATUSES)[number];
  // Called once the event is recorded, with the server's answer and a line
  // saying what was recorded.
  onDone: (r: ShipmentEventResult, text: string) => void;
}

// Staff record on a shipment what the carrier has not: a delivery, 拒收, an
// exception (POST /shipments/:id/events, docs/api.md §7.5).
export function ShipmentEventForm({ shipment, initialStatus = 'delivered', onDone }: Props) {
  useLang();
  const [status, setStatus] = useState<string>(initialStatus);
  const [exception, setException] = useState('');
  const [at, setAt] = useState(''); // datetime-local, '' = now
  const [location, setLocation] = useState('');
  const [reason, setReason] = useState('');
  const [evidence, setEvidence] = useState('');
  const { msg, setMsg, busy, run } = useSubmit();

  async function submit() {
    if (!reason.trim()) {
      setMsg({ ok: false, text: t('ship.event.reason_missing') });
      return;
    }
    if (status === 'exception' && !exception) {
      setMsg({ ok: false, text: t('ship.event.exception_missing') });
      return;
    }
    const b: Record<string, unknown> = { status, reason: reason.trim() };
    if (status === 'exception') b.exception = exception;
    if (at) {
      const iso = localToTime(at);
      if (!iso) {
        setMsg({ ok: false, text: t('ship.event.bad_at') });
        return;
      }
      if (Date.parse(iso) > Date.now()) {
        setMsg({ ok: false, text: t('ship.event.future') });
        return;
      }
      b.at = iso;
    }
    if (location.trim()) b.location = location.trim();
    if (evidence.trim()) b.evidence = evidence.trim();
    await run(async () => {
      const r = await api.post<ShipmentEventResult>(`/shipments/${encodeURIComponent(shipment.id)}/events`, b);
      const what = status === 'exception' ? exceptionLabel(exception) : lbl('ship.status.', status);
      let text = r.tickets.length > 0
        ? t('ship.event.done.tickets', { s: what, ids: r.tickets.join('、') })
        : t('ship.event.done', { s: what });
      // An event older than the shipment's latest is kept as history only.
      const applied = r.shipment.status === status && (status !== 'exception' || r.shipment.exception === exception);
      if (!applied) text += t('ship.event.history_only');
      setMsg({ ok: true, pending: !applied, text });
      setReason('');
      setEvidence('');
      setLocation('');
      setAt('');
      onDone(r, text);
    });
  }

  return (
    <div className="ship-event" data-testid="ship-event-form">
      <div className="muted small">{t('ship.event.title', { no: `${shipment.carrier} ${shipment.tracking_number}` })}</div>
      <div className="form-grid">
        <label>{t('ship.event.status')}
          <select data-testid="ship-event-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            {SHIP_STATUSES.map((s) => <option key={s} value={s}>{lbl('ship.status.', s)}</option>)}
          </select>
        </label>
        {status === 'exception' && (
          <label className="required">{t('ship.event.exception')}
            <select data-testid="ship-event-exception" value={exception} required onChange={(e) => setException(e.target.value)}>
              <option value="">{t('ship.event.exception.pick')}</option>
              {SHIP_EXCEPTIONS.map((k) => <option key={k} value={k}>{exceptionLabel(k)}</option>)}
            </select>
          </label>
        )}
        <label>{t('ship.event.at')}
          <input type="datetime-local" data-testid="ship-event-at" value={at} max={localMinute()} onChange={(e) => setAt(e.target.value)} />
        </label>
        <label>{t('ship.event.location')}
          <input data-testid="ship-event-location" value={location} maxLength={500} onChange={(e) => setLocation(e.target.value)} />
        </label>
        <label className="wide">{t('ship.event.reason')}
          <input data-testid="ship-event-reason" value={reason} maxLength={500} required aria-required="true"
            placeholder={t('ship.event.reason.ph')} onChange={(e) => setReason(e.target.value)} />
        </label>
        <label className="wide">{t('ship.event.evidence')}
          <textarea data-testid="ship-event-evidence" rows={2} maxLength={2000} value={evidence}
            placeholder={t('ship.event.evidence.ph')} onChange={(e) => setEvidence(e.target.value)} />
        </label>
        <div className="row wide">
          <button className="primary" data-testid="ship-event-submit" disabled={busy} onClick={() => void submit()}>
            {t('ship.event.submit')}
          </button>
        </div>
      </div>
      {msg && <p className={msg.ok ? (msg.pending ? 'warn-text small' : 'ok-text small') : 'error small'} role="alert" data-testid="ship-event-message">{msg.text}</p>}
    </div>
  );
}

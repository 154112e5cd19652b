import { useState } from 'react';
import { t, useLang } from '../lib/i18n';
import { navigate } from '../lib/router';
import { formatTime, yuan } from '../lib/time';
import { isStaff, useSession } from '../lib/session';
import { exceptionLabel, lbl } from './util';
import type { Ticket } from '../lib/types';
import { CustomerProfile } from './CustomerProfile';
import { OrderLines } from './OrderLines';
import { ShipmentEventForm } from './ShipmentEventForm';
import type { Overview, Shipment, TrackingEvent } from './types';

function TicketLink({ tk, current }: { tk: Ticket; current?: string }) {
  return (
    <li className={tk.id === current ? 'current' : ''}>
      <a href={'/console/tickets/' + tk.id} onClick={(e) => { e.preventDefault(); navigate('/console/tickets/' + tk.id); }}>
        <span className="mono">{tk.id}</span> {tk.subject}
      </a>
      <span className={`badge st-${tk.status}`}>{t('status.' + tk.status)}</span>
    </li>
  );
}

function TrackView({ e }: { e: TrackingEvent }) {
  const staff = e.source === 'staff';
  return (
    <li className={`${e.status === 'exception' ? 'exc' : ''}${staff ? ' staff' : ''}`} data-testid={staff ? 'track-staff' : undefined}>
      <time className="muted small">{formatTime(e.at)}</time>
      {staff && (
        <span className="small">
          <span className="badge staff-event" data-testid="track-staff-badge">{t('ship.staff')}</span>{' '}
          {e.status === 'exception' ? exceptionLabel(e.exception) : lbl('ship.status.', e.status)}
          {e.recorded_by && <span className="muted"> · {t('ship.staff.by', { who: e.recorded_by })}</span>}
        </span>
      )}
      <span>{[e.location, e.description].filter(Boolean).join(' · ')}</span>
      {staff && e.evidence && <span className="muted small track-evidence">{t('ship.staff.evidence', { e: e.evidence })}</span>}
    </li>
  );
}

function ShipmentView({ s, onRecorded }: { s: Shipment; onRecorded?: () => void }) {
  const [open, setOpen] = useState(s.status === 'exception' || s.events.some((e) => e.source === 'staff'));
  const [recording, setRecording] = useState(false);
  const events = [...s.events].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <li className="shipment" data-testid="shipment">
      <button className="link shipment-head" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
        {open ? '▾' : '▸'} {s.carrier} <span className="mono">{s.tracking_number}</span>
      </button>
      <span className={`badge ${s.status === 'exception' ? 'danger' : s.status === 'delivered' ? 'ok' : ''}`}>
        {s.status === 'exception' ? exceptionLabel(s.exception, s.exception_label) : lbl('ship.status.', s.status)}
      </span>
      {s.after_sales && (
        <span className="badge resend" data-testid="shipment-resend" title={t('ship.resend.hint')}>
          {t('ship.resend', { id: s.after_sales })}
        </span>
      )}
      <span className="muted small"> {s.order}</span>
      {open && (
        events.length > 0
          ? <ol className="track">{events.map((e) => <TrackView key={e.event_id} e={e} />)}</ol>
          : <p className="muted small">{t('ship.no_events')}</p>
      )}
      {onRecorded && (
        <div className="ship-record">
          <button className="link small" data-testid="ship-event-open" aria-expanded={recording} onClick={() => setRecording((r) => !r)}>
            {recording ? t('ship.event.close') : t('ship.event.open')}
          </button>
          {recording && (
            <ShipmentEventForm
              shipment={s}
              onDone={() => {
                setOpen(true);
                onRecorded();
              }}
            />
          )}
        </div>
      )}
    </li>
  );
}

// The customer 360 (docs/api.md §7.6), for the side panel and the customer page.
// With `onChanged`, staff may record tracking events on the shipments
// (onChanged then reloads the overview). Staff edit the customer's notes,
// preferences and important dates, leads and above the tier
// (CustomerProfile; onChanged reloads after a save).
export function Customer360({ o, current, onChanged }: { o: Overview; current?: string; onChanged?: () => void }) {
  useLang();
  const { me } = useSession();
  const onRecorded = onChanged && isStaff(me.role) ? onChanged : undefined;
  const risks: string[] = [];
  for (const tk of o.open_tickets) {
    if (tk.threat === true) risks.push(t('c360.threat', { id: tk.id }));
    if ((tk.sentiment as unknown) === 'negative') risks.push(t('c360.negative', { id: tk.id }));
  }
  for (const f of o.risk_flags ?? []) risks.push(f);
  const tags = o.tags ?? [];
  return (
    <section className="panel c360" data-testid="customer-360">
      <div className="c360-head">
        <h2>{o.name}</h2>
        <span className={`badge ${o.tier === 'vip' ? 'vip' : o.tier === 'member' ? 'ok' : ''}`} data-testid="customer-tier">
          {t('tier.' + o.tier)}
        </span>
      </div>
      <div className="c360-contact muted small">
        <span className="mono">{o.id}</span>
        {o.phone && <span>☎ {o.phone}</span>}
        {o.email && <span>✉ {o.email}</span>}
        <span>{t('c360.since', { t: formatTime(o.created_at) })}</span>
      </div>
      {tags.length > 0 && <div className="row wrap">{tags.map((x) => <span key={x} className="badge tag">{x}</span>)}</div>}
      {(risks.length > 0 || o.threat) && (
        <div className="risk" role="note">
          <strong>{t('c360.risk')}</strong>
          <ul>{risks.map((r) => <li key={r}>{r}</li>)}</ul>
        </div>
      )}
      <CustomerProfile o={o} onChanged={onChanged} />
      <div className="totals">
        <div><span className="muted small">{t('c360.refunded')}</span><strong>{yuan(o.totals.refunded_fen)}</strong></div>
        <div><span className="muted small">{t('c360.compensated')}</span><strong>{yuan(o.totals.compensated_fen)}</strong></div>
      </div>

      <h3>{t('c360.open')} <span className="muted">{o.open_tickets.length}</span></h3>
      <ul className="c360-list">{o.open_tickets.map((tk) => <TicketLink key={tk.id} tk={tk} current={current} />)}</ul>

      <h3>{t('c360.orders')} <span className="muted">{o.orders.length}</span></h3>
      <ul className="c360-list orders">
        {o.orders.map((od) => (
          <li key={od.id}>
            <div className="row">
              <span className="mono">{od.id}</span>
              <span className={`badge ${od.status === 'delivered' ? 'ok' : ''}`}>{lbl('order.status.', od.status)}</span>
              <span className="spacer" />
              <strong>{yuan(od.total_fen)}</strong>
            </div>
            <OrderLines o={od} />
          </li>
        ))}
      </ul>

      {o.shipments.length > 0 && (
        <>
          <h3>{t('c360.shipments')}</h3>
          <ul className="c360-list">{o.shipments.map((s) => <ShipmentView key={s.id} s={s} onRecorded={onRecorded} />)}</ul>
        </>
      )}

      {o.after_sales.length > 0 && (
        <>
          <h3>{t('c360.after_sales')}</h3>
          <ul className="c360-list">
            {o.after_sales.map((a) => (
              <li key={a.id}>
                <span className="mono">{a.id}</span> {lbl('as.kind.', a.kind)} · {lbl('as.reason.', a.reason)}
                <span className="badge">{lbl('as.status.', a.status)}</span>
                {a.refund_overdue && <span className="badge danger">{t('as.overdue')}</span>}
                <div className="muted small">{a.order} #{a.line}{a.unit != null ? ' · ' + t('as.unit.n', { n: a.unit }) : ''} · {yuan(a.refund_fen)} · {a.ticket}</div>
              </li>
            ))}
          </ul>
        </>
      )}

      {(o.compensations ?? []).length > 0 && (
        <>
          <h3>{t('c360.compensations')}</h3>
          <ul className="c360-list">
            {o.compensations.map((c) => (
              <li key={c.id}>
                <span className="mono">{c.id}</span> {lbl('comp.kind.', c.kind)} <strong>{yuan(c.amount_fen)}</strong>
                <span className="badge">{lbl('comp.status.', c.status)}</span>
                <div className="muted small">{c.ticket} · {c.reason}</div>
              </li>
            ))}
          </ul>
        </>
      )}

      {o.past_tickets.length > 0 && (
        <>
          <h3>{t('c360.past')} <span className="muted">{o.past_tickets.length}</span></h3>
          <ul className="c360-list">{o.past_tickets.map((tk) => <TicketLink key={tk.id} tk={tk} current={current} />)}</ul>
        </>
      )}
    </section>
  );
}

import { useEffect, useRef, useState } from 'react';
import { api } from '../lib/api';
import { t, useLang } from '../lib/i18n';
import { isStaff, isSupervisor, useSession } from '../lib/session';
import { MAX_IMPORTANT_DATES, TIERS, type ImportantDate, type Overview } from './types';
import { useSubmit } from './util';

type Submit = ReturnType<typeof useSubmit>;

// The customer JSON PATCH /customers/:id answers (only what is read here).
interface CustomerAnswer {
  id: string;
  tier: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

// How many days from today (0 = today, up to 7) until `date` ("MM-DD" or
// "YYYY-MM-DD") next comes round by month and day, in the viewer's time
// zone; null when it is further off or not a date. Outside leap years a
// 02-29 falls on 02-28.
export function daysUntil(date: string, now = new Date()): number | null {
  const m = /^(?:\d{4}-)?(\d{2})-(\d{2})$/.exec(date.trim());
  if (!m) return null;
  const md = `${m[1]}-${m[2]}`;
  for (let d = 0; d <= 7; d++) {
    const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + d);
    const dayMd = `${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
    if (dayMd === md || (md === '02-29' && dayMd === '02-28' && !isLeapYear(day.getFullYear()))) return d;
  }
  return null;
}

function DateItem({ d }: { d: ImportantDate }) {
  const days = daysUntil(d.date);
  const soon = days !== null;
  return (
    <li className={soon ? 'soon' : ''} data-testid="cust-date" data-soon={soon ? 'true' : undefined}>
      <span>{d.label}</span> <span className="mono">{d.date}</span>
      {soon && (
        <>
          {' '}
          <span className="badge warn" data-testid="cust-date-soon"
            title={days === 0 ? t('cust.date.today') : t('cust.date.in', { n: days })}>
            {t('cust.date.soon')}
          </span>
        </>
      )}
    </li>
  );
}

type Row = { key: number; label: string; date: string };

// The inline form for notes, preferences and important dates; saves with
// PATCH /customers/:id, sending only those fields.
function ProfileForm({ o, submit, onSaved, onCancel }: { o: Overview; submit: Submit; onSaved: () => void; onCancel: () => void }) {
  const nextKey = useRef(0);
  const row = (d?: ImportantDate): Row => ({ key: nextKey.current++, label: d?.label ?? '', date: d?.date ?? '' });
  const [notes, setNotes] = useState(o.notes ?? '');
  const [preferences, setPreferences] = useState(o.preferences ?? '');
  const [rows, setRows] = useState<Row[]>(() => (o.important_dates ?? []).map((d) => row(d)));
  const { busy, run, setMsg } = submit;

  function setRow(key: number, patch: Partial<Row>) {
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  }

  async function save() {
    const dates: ImportantDate[] = [];
    for (const r of rows) {
      const label = r.label.trim();
      const date = r.date.trim();
      if (!label && !date) continue; // an untouched row
      if (!label || !date) {
        setMsg({ ok: false, text: t('cust.date.incomplete') });
        return;
      }
      dates.push({ label, date });
    }
    if (dates.length > MAX_IMPORTANT_DATES) {
      setMsg({ ok: false, text: t('cust.date.max', { n: MAX_IMPORTANT_DATES }) });
      return;
    }
    const body = { notes: notes.trim(), preferences: preferences.trim(), important_dates: dates };
    await run(async () => {
      await api.patch<CustomerAnswer>(`/customers/${encodeURIComponent(o.id)}`, body);
      setMsg({ ok: true, text: t('cust.profile.saved') });
      onSaved();
    });
  }

  const full = rows.length >= MAX_IMPORTANT_DATES;
  return (
    <form className="c360-profile-form" data-testid="cust-profile-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <label>{t('cust.notes')}
        <textarea data-testid="cust-notes-input" rows={3} maxLength={2000} value={notes}
          placeholder={t('cust.notes.ph')} onChange={(e) => setNotes(e.target.value)} />
      </label>
      <label>{t('cust.preferences')}
        <input data-testid="cust-preferences-input" maxLength={1000} value={preferences}
          placeholder={t('cust.preferences.ph')} onChange={(e) => setPreferences(e.target.value)} />
      </label>
      <div className="c360-date-rows">
        <span className="muted small">{t('cust.dates')}</span>
        {rows.map((r) => (
          <div className="row c360-date-row" key={r.key} data-testid="cust-date-row">
            <input data-testid="cust-date-label" aria-label={t('cust.date.label')} maxLength={50} value={r.label}
              placeholder={t('cust.date.label.ph')} onChange={(e) => setRow(r.key, { label: e.target.value })} />
            <input data-testid="cust-date-value" className="mono" aria-label={t('cust.date.value')} maxLength={10} value={r.date}
              placeholder={t('cust.date.value.ph')} onChange={(e) => setRow(r.key, { date: e.target.value })} />
            <button type="button" className="link small" data-testid="cust-date-remove"
              onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>
              {t('cust.date.remove')}
            </button>
          </div>
        ))}
        <div className="row">
          <button type="button" className="link small" data-testid="cust-date-add" disabled={full}
            onClick={() => setRows((rs) => (rs.length >= MAX_IMPORTANT_DATES ? rs : [...rs, row()]))}>
            {t('cust.date.add')}
          </button>
          {full && <span className="muted small">{t('cust.date.max', { n: MAX_IMPORTANT_DATES })}</span>}
        </div>
      </div>
      <div className="row">
        <button type="submit" className="primary" data-testid="cust-profile-save" disabled={busy}>{t('cust.profile.save')}</button>
        <button type="button" data-testid="cust-profile-cancel" disabled={busy} onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}

// Leads and above change the tier, with a reason ({tier, reason}).
function TierControl({ o, submit, onSaved }: { o: Overview; submit: Submit; onSaved: () => void }) {
  const [tier, setTier] = useState(o.tier);
  const [reason, setReason] = useState('');
  const { busy, run, setMsg } = submit;
  useEffect(() => setTier(o.tier), [o.tier]);

  async function save() {
    if (!reason.trim()) {
      setMsg({ ok: false, text: t('cust.tier.reason_missing') });
      return;
    }
    await run(async () => {
      const c = await api.patch<CustomerAnswer>(`/customers/${encodeURIComponent(o.id)}`, { tier, reason: reason.trim() });
      setReason('');
      setMsg({ ok: true, text: t('cust.tier.saved', { tier: t('tier.' + (c?.tier ?? tier)) }) });
      onSaved();
    });
  }

  return (
    <form className="row c360-tier" data-testid="cust-tier-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <label className="small">{t('cust.tier')}{' '}
        <select data-testid="cust-tier-select" value={tier} onChange={(e) => setTier(e.target.value)}>
          {TIERS.map((x) => <option key={x} value={x}>{t('tier.' + x)}</option>)}
          {!(TIERS as readonly string[]).includes(tier) && <option value={tier}>{tier}</option>}
        </select>
      </label>
      <label className="small c360-tier-reason">{t('cust.tier.reason')}{' '}
        <input data-testid="cust-tier-reason" value={reason} maxLength={500} required aria-required="true"
          placeholder={t('cust.tier.reason.ph')} onChange={(e) => setReason(e.target.value)} />
      </label>
      <button type="submit" data-testid="cust-tier-save" disabled={busy}>{t('cust.tier.save')}</button>
    </form>
  );
}

// What the team keeps on the customer (notes, preferences, important dates)
// in the customer 360, editable by staff; leads and above also change the
// tier. `onChanged` reloads the overview after a save.
export function CustomerProfile({ o, onChanged }: { o: Overview; onChanged?: () => void }) {
  useLang();
  const { me } = useSession();
  const submit = useSubmit();
  const [editing, setEditing] = useState(false);
  const staff = isStaff(me.role);
  const lead = isSupervisor(me.role);
  const notes = o.notes ?? '';
  const preferences = o.preferences ?? '';
  const dates = o.important_dates ?? [];
  const present = notes !== '' || preferences !== '' || dates.length > 0;
  if (!staff && !present) return null;
  const { msg } = submit;

  return (
    <div className="c360-profile" data-testid="cust-profile">
      {staff && (
        <div className="row c360-profile-head">
          <span className="muted small">{t('cust.profile')}</span>
          <span className="spacer" />
          {!editing && (
            <button className="link small" data-testid="cust-edit"
              onClick={() => { submit.setMsg(null); setEditing(true); }}>
              {t('cust.edit')}
            </button>
          )}
        </div>
      )}
      {editing ? (
        <ProfileForm
          o={o}
          submit={submit}
          onCancel={() => { submit.setMsg(null); setEditing(false); }}
          onSaved={() => { setEditing(false); onChanged?.(); }}
        />
      ) : (
        <>
          {notes && (
            <div className="c360-field" data-testid="cust-notes">
              <span className="muted small">{t('cust.notes')}</span>
              <p className="c360-text">{notes}</p>
            </div>
          )}
          {preferences && (
            <div className="c360-field" data-testid="cust-preferences">
              <span className="muted small">{t('cust.preferences')}</span>
              <p className="c360-text">{preferences}</p>
            </div>
          )}
          {dates.length > 0 && (
            <div className="c360-field">
              <span className="muted small">{t('cust.dates')}</span>
              <ul className="c360-dates" data-testid="cust-dates">
                {dates.map((d, i) => <DateItem key={i + d.label + d.date} d={d} />)}
              </ul>
            </div>
          )}
          {staff && !present && <p className="muted small">{t('cust.profile.empty')}</p>}
        </>
      )}
      {lead && <TierControl o={o} submit={submit} onSaved={() => onChanged?.()} />}
      {msg && (
        <p className={msg.ok ? 'ok-text small' : 'error small'} role="alert" data-testid="cust-message">{msg.text}</p>
      )}
    </div>
  );
}

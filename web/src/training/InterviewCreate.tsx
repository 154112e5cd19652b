// Scheduling an interview: a kit, the candidate, the interviewers and the
// hiring team (who see the candidate's personal data).
import { useState, type FormEvent } from 'react';
import { api } from '../lib/api';
import { useLoad } from '../lib/hooks';
import { t } from '../lib/i18n';
import { navigate } from '../lib/router';
import type { Interview, Items, PaperSummary } from './types';
import { errorText } from './ui';

const splitList = (s: string) => s.split(/[,，、\s]+/).filter(Boolean);

export function InterviewCreate({ onClose }: { onClose: () => void }) {
  const kits = useLoad(() => api.get<Items<PaperSummary>>('/training/papers', { kind: 'interview_kit', limit: 200 }), []);
  const [f, setF] = useState({ kit: '', name: '', phone: '', email: '', notes: '', interviewers: '', team: '', at: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  const kit = f.kit || kits.data?.items[0]?.id || '';

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      const at = f.at ? new Date(f.at) : null;
      const i = await api.post<Interview>('/training/interviews', {
        kit_id: kit,
        candidate: { name: f.name.trim(), phone: f.phone.trim(), email: f.email.trim(), notes: f.notes.trim() },
        interviewers: splitList(f.interviewers),
        hiring_team: splitList(f.team),
        scheduled_at: at && !Number.isNaN(at.getTime()) ? at.toISOString() : undefined,
      });
      navigate(`/console/interviews/${encodeURIComponent(i.id)}`);
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  return (
    <form className="panel tr-form tr-grid" onSubmit={submit} data-testid="interview-form">
      <h2 className="wide">{t('tr.iv.new')}</h2>
      <label className="wide">
        {t('tr.iv.kit')}
        <select name="kit_id" value={kit} onChange={set('kit')}>
          {kits.data?.items.map((k) => (
            <option key={k.id} value={k.id}>
              {k.id} {k.title}
              {k.role ? `（${k.role}）` : ''}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('tr.iv.name')}
        <input name="name" required value={f.name} onChange={set('name')} />
      </label>
      <label>
        {t('tr.iv.phone')}
        <input name="phone" type="tel" value={f.phone} onChange={set('phone')} />
      </label>
      <label>
        {t('tr.iv.email')}
        <input name="email" type="email" value={f.email} onChange={set('email')} />
      </label>
      <label>
        {t('tr.iv.scheduled')}
        <input name="scheduled_at" type="datetime-local" value={f.at} onChange={set('at')} />
      </label>
      <label className="wide">
        {t('tr.iv.notes')}
        <input name="notes" value={f.notes} onChange={set('notes')} />
      </label>
      <label>
        {t('tr.iv.interviewers')}
        <input name="interviewers" required value={f.interviewers} placeholder={t('tr.iv.loginsPh')} onChange={set('interviewers')} />
      </label>
      <label>
        {t('tr.iv.team')}
        <input name="hiring_team" value={f.team} placeholder={t('tr.iv.loginsPh')} onChange={set('team')} />
      </label>
      {error && (
        <p className="error wide" role="alert">
          {error}
        </p>
      )}
      <div className="tr-row wide">
        <button type="submit" className="primary" disabled={busy || !kit || !f.name.trim() || !f.interviewers.trim()}>
          {t('tr.iv.create')}
        </button>
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

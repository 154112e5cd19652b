// Assigning an exam to a member of staff, and their training tasks.
import { useState, type FormEvent } from 'react';
import { api } from '../lib/api';
import { useLoad } from '../lib/hooks';
import { t } from '../lib/i18n';
import { formatTime } from '../lib/time';
import type { Assignment, Exam, Items } from './types';
import { Empty, ErrorBox, Flash, errorText, who, ErrorLine, ExamSelect } from './ui';

// "2026-12-05" (a local date) → the end of that day as ISO-8601.
function endOfDay(d: string): string | undefined {
  if (!d) return undefined;
  const x = new Date(d + 'T23:59:59');
  return Number.isNaN(x.getTime()) ? undefined : x.toISOString();
}

export function AssignPanel({ exams, names }: { exams: Exam[]; names: Record<string, string> }) {
  const [login, setLogin] = useState('');
  const [examId, setExamId] = useState('');
  const [reason, setReason] = useState('');
  const [due, setDue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [flash, setFlash] = useState('');
  const [shown, setShown] = useState('');
  const list = useLoad(
    () => (shown ? api.get<Items<Assignment>>('/training/assignments', { login: shown }) : Promise.resolve(null)),
    [shown, flash],
  );
  const exam = examId || exams[0]?.id || '';
  const titles = Object.fromEntries(exams.map((e) => [e.id, e.title]));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      const a = await api.post<Assignment>('/training/assignments', {
        login: login.trim(),
        exam_id: exam,
        reason: reason.trim(),
        due_at: endOfDay(due),
      });
      setFlash(t('tr.assign.done', { exam: titles[a.exam_id] ?? a.exam_id, who: who(a.login, names), id: a.id }));
      setShown(a.login);
      setReason('');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel tr-panel" data-testid="assign-panel">
      <h2>{t('tr.assign.title')}</h2>
      {flash && <Flash text={flash} onClose={() => setFlash('')} />}
      <form className="tr-inline-form" onSubmit={submit}>
        <label>
          {t('tr.assign.login')}
          <input name="login" required list="tr-staff" value={login} onChange={(e) => setLogin(e.target.value)} />
        </label>
        <datalist id="tr-staff">
          {Object.entries(names).map(([l, n]) => (
            <option key={l} value={l}>
              {n}
            </option>
          ))}
        </datalist>
        <ExamSelect exams={exams} value={exam} onChange={setExamId} />
        <label className="grow">
          {t('tr.assign.reason')}
          <input name="reason" maxLength={300} value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <label>
          {t('tr.assign.due')}
          <input name="due_at" type="date" value={due} onChange={(e) => setDue(e.target.value)} />
        </label>
        <button type="submit" className="primary" disabled={busy || !login.trim() || !exam}>
          {t('tr.assign.submit')}
        </button>
        <button type="button" disabled={!login.trim()} onClick={() => setShown(login.trim())}>
          {t('tr.assign.show')}
        </button>
      </form>
      <ErrorLine text={error} />
      {shown && (
        <>
          <h3>{t('tr.assign.of', { who: who(shown, names) })}</h3>
          {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
          {list.data && list.data.items.length === 0 && <Empty>{t('tr.my.noAssignments')}</Empty>}
          {list.data && list.data.items.length > 0 && (
            <div className="tr-scroll">
              <table className="list">
                <thead>
                  <tr>
                    <th>{t('tr.col.id')}</th>
                    <th>{t('tr.col.exam')}</th>
                    <th>{t('tr.assign.reason')}</th>
                    <th>{t('tr.assign.due')}</th>
                    <th>{t('tr.col.status')}</th>
                    <th>{t('tr.assign.by')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((a) => (
                    <tr key={a.id}>
                      <td className="mono">{a.id}</td>
                      <td>{titles[a.exam_id] ?? a.exam_id}</td>
                      <td>{a.reason || '—'}</td>
                      <td>{formatTime(a.due_at)}</td>
                      <td>
                        <span className={`badge ${a.status === 'done' ? 'ok' : 'warn'}`}>{t('tr.assign.status.' + a.status)}</span>
                      </td>
                      <td>{a.source === 'qa' ? t('tr.assign.byQa', { area: a.area }) : a.assigned_by}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

// An interviewer's score sheet: each question with its competencies, the
// reference answer and the rubric anchors beside the 1–5 choices, notes;
// each score is saved a moment after it changes. Then the verdict.
import { useEffect, useRef, useState } from 'react';
import { api } from '../lib/api';
import { t } from '../lib/i18n';
import type { InterviewDetail, InterviewVerdict, KitQuestion } from './types';
import { errorText, ErrorLine } from './ui';

type RowState = 'none' | 'dirty' | 'saving' | 'saved' | 'error';
interface Row {
  score: number | null;
  notes: string;
  state: RowState;
  error: string;
}

const LEVELS = [1, 2, 3, 4, 5];
const DEBOUNCE_MS = 600;

export function ScoreSheet({ iv, login, onUpdate }: { iv: InterviewDetail; login: string; onUpdate: (d: InterviewDetail) => void }) {
  const [rows, setRows] = useState<Record<string, Row>>(() => {
    const out: Record<string, Row> = {};
    for (const q of iv.kit.questions) {
      const s = iv.scores.find((x) => x.interviewer === login && x.question_id === q.id);
      out[q.id] = { score: s?.score ?? null, notes: s?.notes ?? '', state: s ? 'saved' : 'none', error: '' };
    }
    return out;
  });
  const latest = useRef(rows);
  latest.current = rows;
  const timers = useRef<Record<string, number>>({});
  const versions = useRef<Record<string, number>>({});
  const url = `/training/interviews/${encodeURIComponent(iv.id)}`;

  useEffect(() => {
    const ts = timers.current;
    return () => Object.values(ts).forEach((h) => window.clearTimeout(h));
  }, []);

  const patch = (qid: string, p: Partial<Row>) => setRows((r) => ({ ...r, [qid]: { ...r[qid], ...p } }));

  function edit(qid: string, p: Partial<Row>) {
    versions.current[qid] = (versions.current[qid] ?? 0) + 1;
    const next = { ...latest.current[qid], ...p };
    patch(qid, { ...p, state: next.score === null ? 'none' : 'dirty' });
    window.clearTimeout(timers.current[qid]);
    if (next.score !== null) timers.current[qid] = window.setTimeout(() => void send(qid), DEBOUNCE_MS);
  }

  async function send(qid: string): Promise<boolean> {
    const r = latest.current[qid];
    if (r.score === null) return true;
    const v = versions.current[qid] ?? 0;
    patch(qid, { state: 'saving', error: '' });
    try {
      const d = await api.put<InterviewDetail>(`${url}/scores`, { question_id: qid, score: r.score, notes: r.notes.trim() });
      if ((versions.current[qid] ?? 0) === v) patch(qid, { state: 'saved' });
      onUpdate(d);
      return true;
    } catch (e) {
      patch(qid, { state: 'error', error: errorText(e) });
      return false;
    }
  }

  // Saves every score not saved yet; true when all are.
  async function flush(): Promise<boolean> {
    const todo = Object.entries(latest.current).filter(([, r]) => r.score !== null && r.state !== 'saved');
    todo.forEach(([qid]) => window.clearTimeout(timers.current[qid]));
    const ok = await Promise.all(todo.map(([qid]) => send(qid)));
    return ok.every(Boolean);
  }

  const scored = Object.values(rows).filter((r) => r.score !== null).length;
  return (
    <section className="tr-sheet" data-testid="score-sheet" aria-labelledby="tr-sheet-title">
      <h2 id="tr-sheet-title">
        {t('tr.sheet.title')} <span className="muted small">{t('tr.sheet.progress', { n: scored, total: iv.kit.questions.length })}</span>
      </h2>
      {iv.kit.questions.map((q, i) => (
        <QuestionCard key={q.id} n={i + 1} q={q} row={rows[q.id]} onEdit={(p) => edit(q.id, p)} />
      ))}
      <VerdictForm
        url={url}
        mine={iv.verdicts.find((v) => v.interviewer === login)}
        unscored={iv.kit.questions.length - scored}
        flush={flush}
        onUpdate={onUpdate}
      />
    </section>
  );
}

function QuestionCard({ n, q, row, onEdit }: { n: number; q: KitQuestion; row: Row; onEdit: (p: Partial<Row>) => void }) {
  const name = `score-${q.id}`;
  return (
    <article className="panel tr-iq" data-testid="sheet-question" data-question={q.id}>
      <header className="tr-q-head">
        <span className="tr-q-no">{n}.</span>
        <span className="tr-q-stem">{q.stem}</span>
        <span className="muted small">{q.section}</span>
      </header>
      <div className="tr-chips">
        {q.competencies.map((c) => (
          <span key={c} className="badge">
            {c}
          </span>
        ))}
      </div>
      {q.reference && (
        <div className="tr-reference">
          <b>{t('tr.reference')}</b> {q.reference}
        </div>
      )}
      <fieldset className="tr-scale">
        <legend>{t('tr.sheet.score')}</legend>
        {LEVELS.map((l) => (
          <label key={l} className={row.score === l ? 'on' : ''}>
            <input type="radio" name={name} value={l} checked={row.score === l} onChange={() => onEdit({ score: l })} />
            <span className="tr-scale-n">{l}</span>
            <span className="tr-scale-text">{q.rubric[String(l)] ?? ''}</span>
          </label>
        ))}
      </fieldset>
      <label className="tr-notes">
        {t('tr.sheet.notes')}
        <textarea rows={2} maxLength={4000} value={row.notes} onChange={(e) => onEdit({ notes: e.target.value })} />
      </label>
      <span className={`tr-row-state ${row.state}`} data-testid="score-state" data-state={row.state} aria-live="polite">
        {row.state === 'error' ? row.error : t('tr.sheet.state.' + row.state)}
      </span>
    </article>
  );
}

function VerdictForm({
  url,
  mine,
  unscored,
  flush,
  onUpdate,
}: {
  url: string;
  mine: InterviewVerdict | undefined;
  unscored: number;
  flush: () => Promise<boolean>;
  onUpdate: (d: InterviewDetail) => void;
}) {
  const [rec, setRec] = useState<string>(mine?.recommendation ?? '');
  const [notes, setNotes] = useState(mine?.notes ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  async function submit() {
    setBusy(true);
    setError('');
    try {
      if (!(await flush())) {
        setError(t('tr.sheet.unsaved'));
        return;
      }
      onUpdate(await api.put<InterviewDetail>(`${url}/verdict`, { recommendation: rec, notes: notes.trim() }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="panel tr-verdict"
      data-testid="verdict-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>{mine ? t('tr.sheet.verdictGiven') : t('tr.sheet.verdict')}</h3>
      <p className="muted small">{t('tr.sheet.verdictHint')}</p>
      <fieldset className="tr-choices tr-tf">
        <legend className="sr-only">{t('tr.sheet.verdict')}</legend>
        {(['hire', 'no_hire'] as const).map((r) => (
          <label key={r} className={rec === r ? 'on' : ''}>
            <input type="radio" name="recommendation" value={r} checked={rec === r} onChange={() => setRec(r)} />
            {t('tr.iv.rec.' + r)}
          </label>
        ))}
      </fieldset>
      <label className="tr-notes">
        {t('tr.sheet.verdictNotes')}
        <textarea name="verdict-notes" rows={2} maxLength={4000} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </label>
      {unscored > 0 && <p className="warn-text small">{t('tr.sheet.unscored', { n: unscored })}</p>}
      <ErrorLine text={error} />
      <button type="submit" className="primary" disabled={busy || !rec} data-testid="submit-verdict">
        {mine ? t('tr.sheet.updateVerdict') : t('tr.sheet.submitVerdict')}
      </button>
    </form>
  );
}

// Sitting an exam: a countdown from the server's time_left_seconds, the
// questions by section, answers autosaved, and an in-page confirm before
// the paper is handed in.
import { useEffect, useRef, useState } from 'react';
import { api } from '../lib/api';
import { t } from '../lib/i18n';
import type { Answer, Attempt, AttemptItem } from './types';
import { useAutosave, type SaveState } from './useAutosave';
import { clock, errorText, isCode, num, typeLabel, ErrorLine } from './ui';

function isAnswered(a: Answer | null | undefined): boolean {
  if (!a) return false;
  return (a.letters?.length ?? 0) > 0 || a.value !== undefined || !!a.text?.trim();
}

function countdown(s: number): string {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${String(m).padStart(2, '0')}:${ss}`;
}

export function ExamForm({
  attempt,
  onSubmitted,
  onClosed,
}: {
  attempt: Attempt;
  onSubmitted: (a: Attempt) => void;
  onClosed: (message: string) => void;
}) {
  const [answers, setAnswers] = useState<Record<number, Answer | null>>(() =>
    Object.fromEntries(attempt.items.map((it) => [it.index, it.answer])),
  );
  const limited = attempt.time_left_seconds !== null;
  const deadline = useRef(Date.now() + (attempt.time_left_seconds ?? 0) * 1000);
  const [now, setNow] = useState(Date.now());
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [submitError, setSubmitError] = useState('');
  const ended = useRef(false);
  const [frozen, setFrozen] = useState(false);

  function end(message: string) {
    if (ended.current) return;
    ended.current = true;
    setFrozen(true);
    onClosed(message);
  }

  const autosave = useAutosave(
    attempt.id,
    attempt.last_saved_at,
    (a) => {
      if (a.time_left_seconds !== null) deadline.current = Date.now() + a.time_left_seconds * 1000;
    },
    (e) => end(errorText(e)),
  );

  const left = limited ? Math.max(0, Math.ceil((deadline.current - now) / 1000)) : null;

  useEffect(() => {
    if (!limited) return;
    const h = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(h);
  }, [limited]);

  // Time is up: send what is unsaved (the server answers time_up and hands
  // the paper in), then show the result.
  useEffect(() => {
    if (left !== 0 || ended.current) return;
    void autosave.save().then(() => end(t('tr.take.timeUp')));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [left]);

  function set(index: number, a: Answer | null) {
    setAnswers((x) => ({ ...x, [index]: a }));
    autosave.change(index, a);
  }

  async function submit() {
    setBusy(true);
    setSubmitError('');
    try {
      if (!(await autosave.save())) {
        if (!ended.current) setSubmitError(t('tr.take.notSaved'));
        return;
      }
      const a = await api.post<Attempt>(`/training/attempts/${encodeURIComponent(attempt.id)}/submit`);
      autosave.close();
      ended.current = true;
      onSubmitted(a);
    } catch (e) {
      if (isCode(e, 'attempt_closed', 'time_up')) end(errorText(e));
      else setSubmitError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  const total = attempt.items.length;
  const done = attempt.items.filter((it) => isAnswered(answers[it.index])).length;

  return (
    <div className="tr-page tr-take" data-testid="exam-taking">
      <div className="tr-take-bar panel">
        <h1>{attempt.exam_title}</h1>
        {left !== null && (
          <span className={left < 300 ? 'tr-countdown warn' : 'tr-countdown'} role="timer" aria-label={t('tr.take.timeLeft')} data-testid="countdown">
            {t('tr.take.timeLeft')} {countdown(left)}
          </span>
        )}
        <span className="muted">{t('tr.take.progress', { n: done, total })}</span>
        <SaveStatus state={autosave.state} savedAt={autosave.savedAt} retryIn={autosave.retryIn} error={autosave.error} />
        <button className="primary" onClick={() => setAsking(true)} disabled={busy || asking || frozen} data-testid="submit-exam">
          {t('tr.take.submit')}
        </button>
      </div>
      {asking && (
        <div
          className="panel tr-confirm-box"
          role="alertdialog"
          aria-labelledby="tr-confirm-title"
          data-testid="submit-confirm"
          onKeyDown={(e) => e.key === 'Escape' && setAsking(false)}
        >
          <h2 id="tr-confirm-title">{t('tr.take.confirmTitle')}</h2>
          <p>{t('tr.take.confirmText', { n: done, total, blank: total - done })}</p>
          <ErrorLine text={submitError} />
          <div className="tr-row">
            <button className="primary" autoFocus disabled={busy} onClick={submit} data-testid="confirm-submit">
              {busy ? t('tr.take.submitting') : t('tr.take.confirmYes')}
            </button>
            <button disabled={busy} onClick={() => setAsking(false)}>
              {t('tr.take.confirmNo')}
            </button>
          </div>
        </div>
      )}
      {attempt.sections.map((s, si) => {
        const items = attempt.items.filter((it) => it.section === si);
        if (items.length === 0) return null;
        return (
          <section key={si} className="panel tr-take-section" aria-labelledby={`tr-sec-${si}`}>
            <h2 id={`tr-sec-${si}`}>
              {s.title || typeLabel(s.type)}{' '}
              <span className="muted small">{t('tr.take.sectionFacts', { n: items.length, p: num(s.points_each) })}</span>
            </h2>
            {items.map((it) => (
              <ItemInput key={it.index} it={it} disabled={frozen} value={answers[it.index] ?? null} onChange={(a) => set(it.index, a)} />
            ))}
          </section>
        );
      })}
    </div>
  );
}

function SaveStatus({ state, savedAt, retryIn, error }: { state: SaveState; savedAt: string | null; retryIn: number; error: string }) {
  let text = '';
  if (state === 'idle') text = t('tr.save.idle');
  else if (state === 'dirty') text = t('tr.save.dirty');
  else if (state === 'saving') text = t('tr.save.saving');
  else if (state === 'saved') text = t('tr.save.saved', { at: clock(savedAt) });
  else if (state === 'error') text = retryIn ? t('tr.save.retry', { n: retryIn }) : t('tr.save.failed', { e: error });
  else text = t('tr.save.closed');
  return (
    <span className={`tr-save-status ${state}`} aria-live="polite" data-testid="autosave-status" data-state={state}>
      {text}
    </span>
  );
}

function ItemInput({
  it,
  value,
  disabled,
  onChange,
}: {
  it: AttemptItem;
  value: Answer | null;
  disabled: boolean;
  onChange: (a: Answer | null) => void;
}) {
  const name = `item-${it.index}`;
  const letters = value?.letters ?? [];
  let input;
  if (it.type === 'single_choice' || it.type === 'multiple_choice') {
    const multi = it.type === 'multiple_choice';
    input = (
      <div className="tr-choices">
        {it.options.map((o) => (
          <label key={o.letter} className={letters.includes(o.letter) ? 'on' : ''}>
            <input
              type={multi ? 'checkbox' : 'radio'}
              name={name}
              value={o.letter}
              checked={letters.includes(o.letter)}
              onChange={(e) => {
                if (!multi) return onChange({ letters: [o.letter] });
                const next = e.target.checked ? [...letters, o.letter].sort() : letters.filter((l) => l !== o.letter);
                onChange(next.length ? { letters: next } : null);
              }}
            />
            <b>{o.letter}.</b> {o.text}
          </label>
        ))}
      </div>
    );
  } else if (it.type === 'true_false') {
    input = (
      <div className="tr-choices tr-tf">
        {[true, false].map((v) => (
          <label key={String(v)} className={value?.value === v ? 'on' : ''}>
            <input type="radio" name={name} value={String(v)} checked={value?.value === v} onChange={() => onChange({ value: v })} />
            {v ? t('tr.true') : t('tr.false')}
          </label>
        ))}
      </div>
    );
  } else if (it.type === 'fill_in') {
    input = (
      <input
        className="tr-fill"
        name={name}
        aria-label={t('tr.take.answerOf', { n: it.index + 1 })}
        value={value?.text ?? ''}
        maxLength={500}
        onChange={(e) => onChange(e.target.value ? { text: e.target.value } : null)}
      />
    );
  } else {
    input = (
      <textarea
        name={name}
        rows={6}
        aria-label={t('tr.take.answerOf', { n: it.index + 1 })}
        value={value?.text ?? ''}
        maxLength={10000}
        onChange={(e) => onChange(e.target.value ? { text: e.target.value } : null)}
      />
    );
  }
  return (
    <fieldset className="tr-item" disabled={disabled} data-testid={`item-${it.index}`} data-type={it.type}>
      <legend>
        <span className="tr-q-no">{it.index + 1}.</span> {it.stem}{' '}
        <span className="muted small">{t('tr.points', { p: num(it.points) })}</span>
      </legend>
      {input}
    </fieldset>
  );
}

// 阅卷: one attempt as a trainer sees it. Short-answer and case items get
// the candidate's answer beside the reference, the key points covered and
// missing, and the suggested score prefilled as the final score.
import { useState } from 'react';
import { api } from '../lib/api';
import { useLoad } from '../lib/hooks';
import { t } from '../lib/i18n';
import { formatTime } from '../lib/time';
import { Link } from '../lib/ui';
import type { Attempt, AttemptItem } from './types';
import { StatusBadge } from './ExamResults';
import { ErrorBox, Fact, Flash, Loading, TrainerTabs, answerText, errorText, keyText, num, typeLabel, useNames, who, ErrorLine } from './ui';
import './training.css';

const optionMap = (it: AttemptItem) => Object.fromEntries(it.options.map((o) => [o.letter, o.text]));

export function GradePage({ id }: { id: string }) {
  const { data, error, reload, setData } = useLoad(
    () => api.get<Attempt>(`/training/attempts/${encodeURIComponent(id)}`),
    [id],
  );
  const names = useNames();
  const [flash, setFlash] = useState('');
  const manual = data?.items.filter((it) => it.auto_score === null) ?? [];
  const auto = data?.items.filter((it) => it.auto_score !== null) ?? [];

  return (
    <div className="tr-page">
      <TrainerTabs active="/console/training/grading" />
      <div className="tr-head">
        <h1>
          {t('tr.grade.title')} <span className="mono muted">{id}</span>
        </h1>
        {data && <Link to={`/console/training/exams/${encodeURIComponent(data.exam_id)}`}>{t('tr.grade.toResults')}</Link>}
        <Link to="/console/training/grading">{t('tr.back')}</Link>
      </div>
      {error && <ErrorBox error={error} onRetry={reload} />}
      {!data && !error && <Loading />}
      {flash && <Flash text={flash} onClose={() => setFlash('')} />}
      {data && (
        <>
          <dl className="tr-facts panel" data-testid="grade-summary">
            <Fact label={t('tr.col.exam')}>{data.exam_title}</Fact>
            <Fact label={t('tr.col.candidate')}>{who(data.candidate, names)}</Fact>
            <Fact label={t('tr.col.attempt')}>{t('tr.nth', { n: data.number })}</Fact>
            <Fact label={t('tr.col.status')}>
              <StatusBadge a={data} />
            </Fact>
            <Fact label={t('tr.col.submitted')}>{formatTime(data.submitted_at)}</Fact>
            <Fact label={t('tr.col.score')}>
              <span data-testid="grade-score">{data.score === null ? t('tr.grade.pending', { n: data.pending_items }) : `${num(data.score)} / ${num(data.max_score)}`}</span>
            </Fact>
            {data.passed !== null && (
              <Fact label={t('tr.col.result')}>
                <span className={`badge ${data.passed ? 'ok' : 'danger'}`}>{t(data.passed ? 'tr.passed' : 'tr.failed')}</span>
              </Fact>
            )}
            {data.certificate_id && <Fact label={t('tr.cert.title')}>{data.certificate_id}</Fact>}
          </dl>
          {data.status === 'in_progress' && <p className="tr-warnbox">{t('tr.grade.notSubmitted')}</p>}

          <h2>{t('tr.grade.manual', { n: manual.length })}</h2>
          {manual.map((it) => (
            <ManualItem
              key={it.index}
              attemptId={data.id}
              it={it}
              disabled={data.status === 'in_progress'}
              onSaved={(a) => {
                setData(a);
                setFlash(t('tr.grade.saved', { n: it.index + 1 }));
              }}
            />
          ))}

          <h2>{t('tr.grade.auto', { n: auto.length })}</h2>
          <div className="tr-scroll">
            <table className="list" data-testid="auto-items">
              <thead>
                <tr>
                  <th>#</th>
                  <th>{t('tr.col.question')}</th>
                  <th>{t('tr.yourAnswer')}</th>
                  <th>{t('tr.key')}</th>
                  <th className="num">{t('tr.col.score')}</th>
                </tr>
              </thead>
              <tbody>
                {auto.map((it) => (
                  <tr key={it.index} className={it.score === it.points ? '' : 'tr-wrong'}>
                    <td>{it.index + 1}</td>
                    <td>
                      <span className="badge">{typeLabel(it.type)}</span> {it.stem}
                    </td>
                    <td>{answerText(it.answer, optionMap(it))}</td>
                    <td>{keyText(it.key, optionMap(it))}</td>
                    <td className="num">
                      {num(it.score ?? it.auto_score)} / {num(it.points)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}

function ManualItem({
  attemptId,
  it,
  disabled,
  onSaved,
}: {
  attemptId: string;
  it: AttemptItem;
  disabled: boolean;
  onSaved: (a: Attempt) => void;
}) {
  const [score, setScore] = useState(String(it.final_score ?? it.suggested ?? 0));
  const [comment, setComment] = useState(it.comment ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const graded = it.final_score !== null && it.final_score !== undefined;

  async function save() {
    const n = Number(score);
    if (score.trim() === '' || Number.isNaN(n) || n < 0 || n > it.points) {
      setError(t('tr.grade.range', { p: num(it.points) }));
      return;
    }
    setBusy(true);
    setError('');
    try {
      onSaved(await api.post<Attempt>(`/training/attempts/${encodeURIComponent(attemptId)}/grades`, { item: it.index, score: n, comment: comment.trim() }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <article className="panel tr-grade" data-testid="grade-item" data-index={it.index}>
      <header className="tr-q-head">
        <span className="tr-q-no">{it.index + 1}.</span>
        <span className="tr-q-stem">{it.stem}</span>
        <span className="badge">{typeLabel(it.type)}</span>
        <span className="muted small">{t('tr.points', { p: num(it.points) })}</span>
        {graded && <span className="badge ok">{t('tr.grade.gradedBy', { who: it.grader ?? '' })}</span>}
      </header>
      <div className="tr-grade-cols">
        <section>
          <h3>{t('tr.grade.answer')}</h3>
          <p className="tr-answer" data-testid="candidate-answer">{answerText(it.answer)}</p>
        </section>
        <section>
          <h3>{t('tr.reference')}</h3>
          <p className="tr-answer">{keyText(it.key)}</p>
        </section>
      </div>
      {it.key_points && it.key_points.length > 0 && (
        <section>
          <h3>{t('tr.grade.keyPoints', { c: it.key_points.filter((k) => k.covered).length, n: it.key_points.length })}</h3>
          <ul className="tr-kps" data-testid="key-points">
            {it.key_points.map((k, i) => (
              <li key={i} className={k.covered ? 'covered' : 'missed'}>
                <span className={`badge ${k.covered ? 'ok' : 'danger'}`}>{t(k.covered ? 'tr.grade.covered' : 'tr.grade.missing')}</span>{' '}
                {k.text}
                <div className="small muted">
                  {k.matched.length > 0 && <span>{t('tr.grade.matched')}：{k.matched.map((w) => <mark key={w}>{w}</mark>)}</span>}{' '}
                  {k.missing.length > 0 && <span>{t('tr.grade.lacks')}：{k.missing.join('、')}</span>}
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
      <form
        className="tr-grade-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label>
          {t('tr.grade.final', { p: num(it.points) })}
          <input
            type="number"
            name="score"
            min={0}
            max={it.points}
            step="0.5"
            value={score}
            onChange={(e) => setScore(e.target.value)}
            data-testid="final-score"
          />
        </label>
        <span className="muted small">{t('tr.grade.suggested', { n: num(it.suggested ?? 0) })}</span>
        <label className="grow">
          {t('tr.grade.comment')}
          <input name="comment" value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} data-testid="grade-comment" />
        </label>
        <button type="submit" className="primary" disabled={busy || disabled} data-testid="save-grade">
          {graded ? t('tr.grade.update') : t('tr.grade.save')}
        </button>
      </form>
      <ErrorLine text={error} />
    </article>
  );
}

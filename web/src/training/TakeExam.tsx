// /console/my-training/attempts/:id — the exam while it is open, then what
// was handed in, and once graded the score, pass or fail, and per item the
// score, the key and the explanation.
import { useEffect, useState } from 'react';
import { api, ApiError } from '../lib/api';
import { useLoad } from '../lib/hooks';
import { t } from '../lib/i18n';
import { formatTime } from '../lib/time';
import { Link } from '../lib/ui';
import type { Attempt, AttemptItem, Exam } from './types';
import { ExamForm } from './ExamForm';
import { StatusBadge } from './ExamResults';
import { Empty, ErrorBox, Loading, answerText, keyText, num, pct, typeLabel } from './ui';
import './training.css';

export function TakeExam({ id }: { id: string }) {
  const { data, error, reload, setData } = useLoad(
    () => api.get<Attempt>(`/training/attempts/${encodeURIComponent(id)}`),
    [id],
  );
  const [notice, setNotice] = useState('');

  // Handed in because time ran out: the server may need a moment to agree.
  useEffect(() => {
    if (!notice || data?.status !== 'in_progress') return;
    const h = window.setTimeout(reload, 2000);
    return () => window.clearTimeout(h);
  }, [notice, data, reload]);

  if (error) {
    return (
      <div className="tr-page">
        {error instanceof ApiError && error.status === 404 ? <Empty testid="not-found">{t('tr.take.notFound')}</Empty> : <ErrorBox error={error} onRetry={reload} />}
        <Link to="/console/my-training">{t('tr.my.back')}</Link>
      </div>
    );
  }
  if (!data) return <Loading />;
  if (data.status === 'in_progress') {
    return (
      <ExamForm
        key={data.id}
        attempt={data}
        onSubmitted={(a) => {
          setNotice('');
          setData(a);
        }}
        onClosed={(msg) => {
          setNotice(msg);
          reload();
        }}
      />
    );
  }
  return <AttemptResult attempt={data} notice={notice} />;
}

function AttemptResult({ attempt: a, notice }: { attempt: Attempt; notice: string }) {
  // The pass line is the exam's; best effort.
  const exam = useLoad(() => api.get<Exam>(`/training/exams/${encodeURIComponent(a.exam_id)}`).catch(() => null), [a.exam_id]);
  const graded = a.status === 'graded';
  return (
    <div className="tr-page" data-testid="attempt-result">
      <div className="tr-head">
        <h1>
          {a.exam_title} <span className="muted">{t('tr.nth', { n: a.number })}</span>
        </h1>
        <StatusBadge a={a} />
        <Link to="/console/my-training">{t('tr.my.back')}</Link>
      </div>
      {notice && (
        <p className="tr-warnbox" role="alert" data-testid="attempt-notice">
          {notice}
        </p>
      )}
      {a.timed_out && !notice && <p className="tr-warnbox">{t('tr.take.wasTimedOut')}</p>}
      {!graded && (
        <div className="panel tr-result" data-testid="attempt-pending">
          <strong>{t('tr.take.handedIn')}</strong>
          <span>{t('tr.take.waiting', { n: a.pending_items })}</span>
          <span className="muted small">{t('tr.take.submittedAt', { at: formatTime(a.submitted_at) })}</span>
        </div>
      )}
      {graded && a.score !== null && (
        <div className={`panel tr-result ${a.passed ? 'pass' : 'fail'}`} data-testid="attempt-score">
          <span className="tr-big">
            {num(a.score)} <span className="muted">/ {num(a.max_score)}</span>
          </span>
          <span>{a.max_score ? pct(a.score / a.max_score) : ''}</span>
          <span className={`badge ${a.passed ? 'ok' : 'danger'}`} data-testid="attempt-passed">
            {t(a.passed ? 'tr.passed' : 'tr.failed')}
          </span>
          {exam.data && <span className="muted">{t('tr.take.passLine', { n: num(exam.data.pass_percent) })}</span>}
          {a.certificate_id && (
            <span className="tr-cert-line" data-testid="attempt-certificate">
              {t('tr.take.certified', { name: exam.data?.certification || '', id: a.certificate_id })}
            </span>
          )}
        </div>
      )}
      {a.sections.map((s, si) => {
        const items = a.items.filter((it) => it.section === si);
        if (items.length === 0) return null;
        return (
          <section key={si} className="panel tr-take-section">
            <h2>
              {s.title || typeLabel(s.type)} <span className="muted small">{t('tr.take.sectionFacts', { n: items.length, p: num(s.points_each) })}</span>
            </h2>
            {items.map((it) => (
              <ResultItem key={it.index} it={it} graded={graded} />
            ))}
          </section>
        );
      })}
    </div>
  );
}

function ResultItem({ it, graded }: { it: AttemptItem; graded: boolean }) {
  const options = Object.fromEntries(it.options.map((o) => [o.letter, o.text]));
  const score = it.score ?? null;
  const cls = !graded || score === null ? '' : score >= it.points ? 'right' : score > 0 ? 'partial' : 'wrong';
  return (
    <div className={`tr-item tr-result-item ${cls}`} data-testid="result-item">
      <div className="tr-q-head">
        <span className="tr-q-no">{it.index + 1}.</span>
        <span className="tr-q-stem">{it.stem}</span>
        <span className="tr-item-score" data-testid="item-score">
          {graded && score !== null ? t('tr.take.itemScore', { s: num(score), p: num(it.points) }) : t('tr.points', { p: num(it.points) })}
        </span>
      </div>
      <dl className="tr-facts small">
        <div>
          <dt>{t('tr.yourAnswer')}</dt>
          <dd className="tr-answer">{answerText(it.answer, options)}</dd>
        </div>
        {it.key !== undefined && (
          <div>
            <dt>{it.type === 'short_answer' || it.type === 'case_analysis' ? t('tr.reference') : t('tr.key')}</dt>
            <dd className="tr-answer">{keyText(it.key, options)}</dd>
          </div>
        )}
        {it.explanation && (
          <div>
            <dt>{t('tr.explanation')}</dt>
            <dd>{it.explanation}</dd>
          </div>
        )}
        {it.comment && (
          <div>
            <dt>{t('tr.grade.comment')}</dt>
            <dd>{it.comment}</dd>
          </div>
        )}
      </dl>
    </div>
  );
}

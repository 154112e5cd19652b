// 我的培训: my assignments, the exams open to me with my attempts, and my
// certificates. Starting an exam opens (or resumes) an attempt.
import { useState, type ReactNode } from 'react';
import { api } from '../lib/api';
import { useLoad } from '../lib/hooks';
import { t } from '../lib/i18n';
import { navigate } from '../lib/router';
import { useSession } from '../lib/session';
import { formatTime } from '../lib/time';
import { Link } from '../lib/ui';
import type { Assignment, Attempt, AttemptSummary, Certificate, Exam, Items } from './types';
import { StatusBadge } from './ExamResults';
import { Empty, ErrorBox, Loading, errorText, num, ErrorLine } from './ui';
import './training.css';

interface Mine {
  exams: Exam[];
  attempts: Record<string, AttemptSummary[]>;
  assignments: Assignment[];
  certificates: Certificate[];
}

async function loadMine(login: string): Promise<Mine> {
  const [exams, assignments, certificates] = await Promise.all([
    api.get<Items<Exam>>('/training/exams'),
    api.get<Items<Assignment>>('/training/assignments'),
    api.get<Items<Certificate>>('/training/certificates'),
  ]);
  // Trainers get everyone's attempts here: keep mine.
  const lists = await Promise.all(
    exams.items.map((e) => api.get<Items<AttemptSummary>>(`/training/exams/${encodeURIComponent(e.id)}/attempts`)),
  );
  const attempts: Record<string, AttemptSummary[]> = {};
  exams.items.forEach((e, i) => (attempts[e.id] = lists[i].items.filter((a) => a.candidate === login)));
  return { exams: exams.items, attempts, assignments: assignments.items, certificates: certificates.items };
}

export function MyTraining() {
  const { me } = useSession();
  const { data, error, reload } = useLoad(() => loadMine(me.login), [me.login]);
  const [starting, setStarting] = useState('');
  const [startError, setStartError] = useState<{ exam: string; text: string } | null>(null);

  async function start(examId: string) {
    setStarting(examId);
    setStartError(null);
    try {
      const a = await api.post<Attempt>(`/training/exams/${encodeURIComponent(examId)}/attempts`);
      navigate(`/console/my-training/attempts/${encodeURIComponent(a.id)}`);
    } catch (e) {
      setStartError({ exam: examId, text: errorText(e) });
      setStarting('');
    }
  }

  const titles = Object.fromEntries(data?.exams.map((e) => [e.id, e.title]) ?? []);
  const open = data?.assignments.filter((a) => a.status === 'open') ?? [];
  const done = data?.assignments.filter((a) => a.status !== 'open') ?? [];

  function startButton(examId: string, testid: string) {
    const mine = data?.attempts[examId] ?? [];
    const resume = mine.some((a) => a.status === 'in_progress');
    return (
      <button className="primary" disabled={starting !== ''} onClick={() => start(examId)} data-testid={testid}>
        {starting === examId ? t('common.loading') : resume ? t('tr.my.resume') : mine.length ? t('tr.my.again') : t('tr.my.start')}
      </button>
    );
  }

  return (
    <div className="tr-page">
      <div className="tr-head">
        <h1>{t('tr.my.title')}</h1>
      </div>
      {error && <ErrorBox error={error} onRetry={reload} />}
      {!data && !error && <Loading />}
      {data && (
        <>
          <section className="tr-block">
            <h2>{t('tr.my.assignments', { n: open.length })}</h2>
            {open.length === 0 && <Empty>{t('tr.my.noAssignments')}</Empty>}
            {open.map((a) => (
              <article key={a.id} className="panel tr-card" data-testid="assignment">
                <div className="tr-card-main">
                  <h3>{titles[a.exam_id] ?? a.exam_id}</h3>
                  {a.reason && <p>{a.reason}</p>}
                  <p className="muted small">
                    {a.source === 'qa' ? t('tr.assign.byQa', { area: a.area }) : t('tr.my.assignedBy', { who: a.assigned_by })} ·{' '}
                    {formatTime(a.created_at)}
                    {a.due_at && <> · <span className="warn-text">{t('tr.my.due', { at: formatTime(a.due_at) })}</span></>}
                  </p>
                  {startError?.exam === a.exam_id && <p className="error" role="alert">{startError.text}</p>}
                </div>
                {titles[a.exam_id] && startButton(a.exam_id, 'start-assignment')}
              </article>
            ))}
            {done.length > 0 && <p className="muted small">{t('tr.my.doneCount', { n: done.length })}</p>}
          </section>

          <section className="tr-block">
            <h2>{t('tr.my.exams')}</h2>
            {data.exams.length === 0 && <Empty>{t('tr.my.noExams')}</Empty>}
            {data.exams.map((e) => (
              <ExamCard key={e.id} e={e} attempts={data.attempts[e.id] ?? []} error={startError?.exam === e.id ? startError.text : ''}>
                {startButton(e.id, 'start-exam')}
              </ExamCard>
            ))}
          </section>

          <section className="tr-block">
            <h2>{t('tr.my.certificates')}</h2>
            {data.certificates.length === 0 && <Empty>{t('tr.my.noCertificates')}</Empty>}
            <ul className="tr-certs">
              {data.certificates.map((c) => (
                <li key={c.id} className={`panel tr-cert ${c.valid ? 'valid' : 'expired'}`} data-testid="certificate">
                  <strong>{c.name}</strong>
                  <span className={`badge ${c.valid ? 'ok' : 'danger'}`}>{t(c.valid ? 'tr.cert.valid' : 'tr.cert.expired')}</span>
                  <span className="muted small">
                    {t('tr.cert.facts', { score: num(c.score), issued: formatTime(c.issued_at), expires: formatTime(c.expires_at) })}
                  </span>
                  <span className="mono muted small">{c.id}</span>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </div>
  );
}

function ExamCard({ e, attempts, error, children }: { e: Exam; attempts: AttemptSummary[]; error: string; children: ReactNode }) {
  const used = attempts.length;
  const left = e.max_attempts ? e.max_attempts - used : null;
  const open = attempts.some((a) => a.status === 'in_progress');
  const passed = attempts.some((a) => a.passed);
  return (
    <article className="panel tr-card" data-testid="my-exam">
      <div className="tr-card-main">
        <h3>
          {e.title} {passed && <span className="badge ok">{t('tr.passed')}</span>}
        </h3>
        <p className="muted small">
          {t('tr.my.examFacts', {
            n: e.sections.reduce((s, x) => s + x.count, 0),
            p: num(e.total_points),
            m: e.time_limit_minutes || '∞',
            pass: num(e.pass_percent),
          })}
          {e.certification && ' · ' + t('tr.my.grants', { cert: e.certification })}
          {' · '}
          {left === null ? t('tr.my.attemptsUnlimited', { n: used }) : t('tr.my.attemptsLeft', { n: used, left: Math.max(0, left) })}
        </p>
        {attempts.length > 0 && (
          <ul className="tr-attempts">
            {attempts.map((a) => (
              <li key={a.id}>
                <Link to={`/console/my-training/attempts/${encodeURIComponent(a.id)}`}>{t('tr.nth', { n: a.number })}</Link>{' '}
                <StatusBadge a={a} />{' '}
                {a.score !== null && `${num(a.score)} / ${num(a.max_score)}`}{' '}
                {a.passed !== null && <span className={`badge ${a.passed ? 'ok' : 'danger'}`}>{t(a.passed ? 'tr.passed' : 'tr.failed')}</span>}
              </li>
            ))}
          </ul>
        )}
        <ErrorLine text={error} />
      </div>
      {(open || left === null || left > 0) && children}
    </article>
  );
}

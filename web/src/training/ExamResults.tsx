// An exam's results: the pass rate, every attempt, and per question the
// difficulty (share answered right) and discrimination, flagged below 0.2.
import { api } from '../lib/api';
import { useLoad } from '../lib/hooks';
import { t } from '../lib/i18n';
import { formatTime } from '../lib/time';
import { Link } from '../lib/ui';
import type { AttemptSummary, Results } from './types';
import { Empty, ErrorBox, Fact, Loading, TrainerTabs, num, pct, typeLabel, useNames, who } from './ui';
import './training.css';

const LOW_DISCRIMINATION = 0.2;

export function ExamResults({ id }: { id: string }) {
  const { data, error, reload, loading } = useLoad(
    () => api.get<Results>(`/training/exams/${encodeURIComponent(id)}/results`),
    [id],
  );
  const names = useNames();
  const e = data?.exam;
  const waiting = data?.attempts.filter((a) => a.status === 'submitted').length ?? 0;

  return (
    <div className="tr-page">
      <TrainerTabs active="/console/training/exams" />
      <div className="tr-head">
        <h1>
          {e?.title ?? t('tr.results.title')} <span className="mono muted">{id}</span>
        </h1>
        <button onClick={reload} disabled={loading}>
          {t('tr.refresh')}
        </button>
        <Link to="/console/training/exams">{t('tr.back')}</Link>
      </div>
      {error && <ErrorBox error={error} onRetry={reload} />}
      {!data && !error && <Loading />}
      {data && e && (
        <>
          <dl className="tr-facts panel">
            <Fact label={t('tr.col.total')}>{num(e.total_points)}</Fact>
            <Fact label={t('tr.exam.minutes')}>{e.time_limit_minutes ? t('tr.minutes', { n: e.time_limit_minutes }) : t('tr.unlimited')}</Fact>
            <Fact label={t('tr.exam.attempts')}>{e.max_attempts || t('tr.unlimited')}</Fact>
            <Fact label={t('tr.exam.pass')}>{num(e.pass_percent)}%</Fact>
            <Fact label={t('tr.exam.scoring')}>{t('tr.scoring.' + e.multiple_choice_scoring)}</Fact>
            <Fact label={t('tr.exam.certification')}>{e.certification || '—'}</Fact>
            <Fact label={t('tr.exam.blueprint')}>
              {e.sections.map((s) => `${s.title || typeLabel(s.type)} ${s.count}×${num(s.points_each)}`).join('，')}
            </Fact>
          </dl>
          <div className="tr-kpis">
            <Kpi label={t('tr.results.candidates')} value={String(data.candidates)} />
            <Kpi label={t('tr.results.passed')} value={String(data.passed)} />
            <Kpi
              label={t('tr.results.passRate')}
              value={data.candidates ? pct(data.passed / data.candidates) : '—'}
              testid="pass-rate"
            />
            <Kpi label={t('tr.results.waiting')} value={String(waiting)} warn={waiting > 0} />
          </div>

          <h2>{t('tr.results.attempts')}</h2>
          {data.attempts.length === 0 ? (
            <Empty>{t('tr.results.noAttempts')}</Empty>
          ) : (
            <AttemptTable attempts={data.attempts} names={names} />
          )}

          <h2>{t('tr.results.items')}</h2>
          <p className="muted small">{t('tr.results.itemsHint')}</p>
          {data.items.length === 0 ? (
            <Empty>{t('tr.results.noItems')}</Empty>
          ) : (
            <div className="tr-scroll">
              <table className="list" data-testid="item-stats">
                <thead>
                  <tr>
                    <th>{t('tr.col.question')}</th>
                    <th className="num">{t('tr.results.responses')}</th>
                    <th className="num">{t('tr.results.difficulty')}</th>
                    <th className="num">{t('tr.results.discrimination')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((s) => {
                    const low = s.discrimination !== null && s.discrimination < LOW_DISCRIMINATION;
                    return (
                      <tr key={s.question_id} className={low ? 'tr-flagged' : ''} data-testid="item-stat">
                        <td>
                          <span className="mono muted small">{s.question_id}</span> {s.stem}
                        </td>
                        <td className="num">{s.responses}</td>
                        <td className="num">{pct(s.difficulty)}</td>
                        <td className="num">
                          {s.discrimination === null ? (
                            <span className="muted" title={t('tr.results.tooFew')}>—</span>
                          ) : (
                            num(s.discrimination, 2)
                          )}
                          {low && <span className="badge warn tr-flag">{t('tr.results.lowDisc')}</span>}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}

function Kpi({ label, value, warn, testid }: { label: string; value: string; warn?: boolean; testid?: string }) {
  return (
    <div className={warn ? 'tr-kpi panel warn' : 'tr-kpi panel'} data-testid={testid}>
      <span className="muted">{label}</span>
      <strong>{value}</strong>
    </div>
  );
}

export function StatusBadge({ a }: { a: Pick<AttemptSummary, 'status' | 'timed_out'> }) {
  const cls = a.status === 'graded' ? 'ok' : a.status === 'submitted' ? 'warn' : '';
  return (
    <span className={`badge ${cls}`}>
      {t('tr.status.' + a.status)}
      {a.timed_out ? ' · ' + t('tr.timedOut') : ''}
    </span>
  );
}

export function AttemptTable({ attempts, names, showExam }: { attempts: AttemptSummary[]; names: Record<string, string>; showExam?: Record<string, string> }) {
  return (
    <div className="tr-scroll">
      <table className="list" data-testid="attempt-list">
        <thead>
          <tr>
            {showExam && <th>{t('tr.col.exam')}</th>}
            <th>{t('tr.col.candidate')}</th>
            <th>{t('tr.col.attempt')}</th>
            <th>{t('tr.col.status')}</th>
            <th className="num">{t('tr.col.score')}</th>
            <th>{t('tr.col.result')}</th>
            <th>{t('tr.col.submitted')}</th>
            <th>{t('tr.col.action')}</th>
          </tr>
        </thead>
        <tbody>
          {attempts.map((a) => (
            <tr key={a.id} data-testid="attempt-row">
              {showExam && <td>{showExam[a.exam_id] ?? a.exam_id}</td>}
              <td>{who(a.candidate, names)}</td>
              <td>
                <span className="mono">{a.id}</span> · {t('tr.nth', { n: a.number })}
              </td>
              <td>
                <StatusBadge a={a} />
              </td>
              <td className="num">{a.score === null ? '—' : `${num(a.score)} / ${num(a.max_score)}`}</td>
              <td>
                {a.passed === null ? '—' : <span className={`badge ${a.passed ? 'ok' : 'danger'}`}>{t(a.passed ? 'tr.passed' : 'tr.failed')}</span>}
              </td>
              <td>{formatTime(a.submitted_at)}</td>
              <td>
                {a.status !== 'in_progress' && (
                  <Link to={`/console/training/attempts/${encodeURIComponent(a.id)}`}>
                    {a.status === 'submitted' ? t('tr.grade.action', { n: a.pending_items }) : t('tr.view')}
                  </Link>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

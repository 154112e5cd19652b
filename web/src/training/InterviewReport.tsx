// The interview's report: per-competency means (a bar chart, one bar per
// interviewer beside the mean), per-question scores and spread, the
// disagreements (a spread of 2 or more) highlighted, the verdicts and the
// suggestion with its reasons.
import { useMemo } from 'react';
import type { ChartConfiguration } from 'chart.js';
import { t, useLang } from '../lib/i18n';
import { formatTime } from '../lib/time';
import type { InterviewDetail, InterviewReport as Report } from './types';
import { BarChart, PALETTE } from './Chart';
import { num, pick, who } from './ui';

export function InterviewReport({ iv, report: r, names }: { iv: InterviewDetail; report: Report; names: Record<string, string> }) {
  const lang = useLang();
  const interviewers = iv.interviewers;
  const stems = Object.fromEntries(iv.kit.questions.map((q, i) => [q.id, `${i + 1}. ${q.stem}`]));
  const disagree = new Set(r.disagreements);
  const voted = new Set(r.verdicts.map((v) => v.interviewer));

  const config = useMemo<ChartConfiguration<'bar'>>(
    () => ({
      type: 'bar',
      data: {
        labels: r.competencies.map((c) => c.competency),
        datasets: [
          {
            label: t('tr.rep.mean'),
            data: r.competencies.map((c) => c.mean),
            backgroundColor: '#17212b',
          },
          ...interviewers.map((l, i) => ({
            label: names[l] || l,
            data: r.competencies.map((c) => c.by_interviewer[l] ?? null),
            backgroundColor: PALETTE[i % PALETTE.length],
          })),
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        scales: { y: { min: 0, max: 5, ticks: { stepSize: 1 } } },
        plugins: { legend: { position: 'bottom' } },
      },
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [r, names, lang],
  );

  return (
    <section className="tr-report" data-testid="interview-report" aria-labelledby="tr-report-title">
      <h2 id="tr-report-title">{t('tr.rep.title')}</h2>
      <div className="tr-kpis">
        <div className="panel tr-kpi">
          <span className="muted">{t('tr.rep.overall')}</span>
          <strong data-testid="report-overall">{num(r.overall, 2)}</strong>
          <span className="muted small">{t('tr.rep.threshold', { n: num(iv.hire_threshold), f: num(iv.competency_floor) })}</span>
        </div>
        <div className={`panel tr-kpi ${r.suggestion === 'hire' ? 'ok' : r.suggestion === 'no_hire' ? 'bad' : ''}`}>
          <span className="muted">{t('tr.rep.suggestion')}</span>
          <strong data-testid="report-suggestion">{t('tr.rep.suggest.' + (r.suggestion || 'none'))}</strong>
          <ul className="tr-reasons small">
            {r.reasons.map((x, i) => (
              <li key={i}>{pick(x)}</li>
            ))}
          </ul>
        </div>
        <div className="panel tr-kpi">
          <span className="muted">{t('tr.rep.progress')}</span>
          <strong>{r.complete ? t('tr.rep.complete') : t('tr.rep.incomplete')}</strong>
          <ul className="tr-reasons small" data-testid="report-interviewers">
            {interviewers.map((l) => (
              <li key={l}>
                {who(l, names)}：{t('tr.rep.scored', { n: r.scored_by[l] ?? 0, total: r.questions.length })}
                {' · '}
                {voted.has(l) ? t('tr.rep.voted') : t('tr.rep.notVoted')}
              </li>
            ))}
          </ul>
        </div>
      </div>

      {r.disagreements.length > 0 && (
        <div className="tr-warnbox" data-testid="disagreements" role="note">
          <strong>{t('tr.rep.disagreements')}</strong>
          <ul>
            {r.disagreements.map((d) => (
              <li key={d}>{stems[d] ?? d}</li>
            ))}
          </ul>
        </div>
      )}

      <div className="panel">
        <h3>{t('tr.rep.byCompetency')}</h3>
        <BarChart config={config} label={t('tr.rep.byCompetency')} />
        <div className="tr-scroll">
          <table className="list">
            <thead>
              <tr>
                <th>{t('tr.competencies')}</th>
                <th className="num">{t('tr.rep.mean')}</th>
                <th className="num">{t('tr.rep.spread')}</th>
                {interviewers.map((l) => (
                  <th key={l} className="num">{names[l] || l}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {r.competencies.map((c) => (
                <tr key={c.competency} className={disagree.has(c.competency) ? 'tr-disagree' : ''}>
                  <td>{c.competency}</td>
                  <td className="num">{num(c.mean, 2)}</td>
                  <td className="num">{num(c.spread, 2)}</td>
                  {interviewers.map((l) => (
                    <td key={l} className="num">{num(c.by_interviewer[l], 2)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>

      <div className="panel">
        <h3>{t('tr.rep.byQuestion')}</h3>
        <div className="tr-scroll">
          <table className="list" data-testid="report-questions">
            <thead>
              <tr>
                <th>{t('tr.col.question')}</th>
                {interviewers.map((l) => (
                  <th key={l} className="num">{names[l] || l}</th>
                ))}
                <th className="num">{t('tr.rep.mean')}</th>
                <th className="num">{t('tr.rep.spread')}</th>
              </tr>
            </thead>
            <tbody>
              {r.questions.map((q) => (
                <tr key={q.question_id} className={disagree.has(q.question_id) ? 'tr-disagree' : ''}>
                  <td>
                    {stems[q.question_id] ?? q.question_id}
                    <div className="muted small">{q.competencies.join('、')}</div>
                  </td>
                  {interviewers.map((l) => (
                    <td key={l} className="num">{q.scores[l] ?? '—'}</td>
                  ))}
                  <td className="num">{num(q.mean, 2)}</td>
                  <td className="num">
                    {q.spread}
                    {disagree.has(q.question_id) && <span className="badge warn tr-flag">{t('tr.rep.split')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>

      <div className="panel">
        <h3>{t('tr.rep.verdicts')}</h3>
        <ul className="tr-verdicts" data-testid="report-verdicts">
          {r.verdicts.map((v) => (
            <li key={v.interviewer}>
              <b>{who(v.interviewer, names)}</b>{' '}
              <span className={`badge ${v.recommendation === 'hire' ? 'ok' : 'danger'}`}>{t('tr.iv.rec.' + v.recommendation)}</span>{' '}
              <span className="muted small">{formatTime(v.at)}</span>
              {v.notes && <p>{v.notes}</p>}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

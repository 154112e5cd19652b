// 培训管理 › 考试: every exam, with a link to its results.
import { api } from '../lib/api';
import { useLoad } from '../lib/hooks';
import { t } from '../lib/i18n';
import { formatTime } from '../lib/time';
import { Link } from '../lib/ui';
import type { Exam, Items } from './types';
import { Empty, ErrorBox, Loading, TrainerTabs, num } from './ui';
import './training.css';

export function ExamList() {
  const { data, error, reload } = useLoad(() => api.get<Items<Exam>>('/training/exams'), []);
  return (
    <div className="tr-page">
      <TrainerTabs active="/console/training/exams" />
      <div className="tr-head">
        <h1>{t('tr.exams.title')}</h1>
        <Link to="/console/training/exams/new" className="button primary">
          {t('tr.exam.new')}
        </Link>
      </div>
      {error && <ErrorBox error={error} onRetry={reload} />}
      {!data && !error && <Loading />}
      {data && data.items.length === 0 && <Empty>{t('tr.exams.empty')}</Empty>}
      {data && data.items.length > 0 && (
        <div className="tr-scroll">
          <table className="list" data-testid="exam-list">
            <thead>
              <tr>
                <th>{t('tr.col.id')}</th>
                <th>{t('tr.col.title')}</th>
                <th className="num">{t('tr.col.questions')}</th>
                <th className="num">{t('tr.col.total')}</th>
                <th>{t('tr.exam.minutes')}</th>
                <th>{t('tr.exam.attempts')}</th>
                <th>{t('tr.exam.pass')}</th>
                <th>{t('tr.exam.certification')}</th>
                <th>{t('tr.exam.who')}</th>
                <th>{t('tr.createdAt')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((e) => (
                <tr key={e.id} data-testid="exam-row">
                  <td className="mono">{e.id}</td>
                  <td>
                    <Link to={`/console/training/exams/${encodeURIComponent(e.id)}`}>{e.title}</Link>
                  </td>
                  <td className="num">{e.sections.reduce((s, x) => s + x.count, 0)}</td>
                  <td className="num">{num(e.total_points)}</td>
                  <td>{e.time_limit_minutes ? t('tr.minutes', { n: e.time_limit_minutes }) : t('tr.unlimited')}</td>
                  <td>{e.max_attempts || t('tr.unlimited')}</td>
                  <td>{num(e.pass_percent)}%</td>
                  <td>{e.certification || '—'}</td>
                  <td>{e.candidates.length ? e.candidates.join('、') : t('tr.exam.everyone')}</td>
                  <td>{formatTime(e.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

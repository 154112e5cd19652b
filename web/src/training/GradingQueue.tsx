// 培训管理 › 阅卷: submitted attempts waiting for a grader, oldest first,
// over every exam.
import { api } from '../lib/api';
import { useLoad } from '../lib/hooks';
import { t } from '../lib/i18n';
import type { AttemptSummary, Exam, Items } from './types';
import { AttemptTable } from './ExamResults';
import { Empty, ErrorBox, Loading, TrainerTabs, useNames } from './ui';
import './training.css';

async function loadQueue() {
  const exams = await api.get<Items<Exam>>('/training/exams');
  const lists = await Promise.all(
    exams.items.map((e) =>
      api.get<Items<AttemptSummary>>(`/training/exams/${encodeURIComponent(e.id)}/attempts`, { status: 'submitted' }),
    ),
  );
  const attempts = lists
    .flatMap((l) => l.items)
    .sort((a, b) => (a.submitted_at ?? '').localeCompare(b.submitted_at ?? ''));
  const titles = Object.fromEntries(exams.items.map((e) => [e.id, e.title]));
  return { attempts, titles };
}

export function GradingQueue() {
  const { data, error, reload, loading } = useLoad(loadQueue, []);
  const names = useNames();
  return (
    <div className="tr-page">
      <TrainerTabs active="/console/training/grading" />
      <div className="tr-head">
        <h1>{t('tr.grading.title')}</h1>
        <span className="muted">{data ? t('tr.grading.count', { n: data.attempts.length }) : ''}</span>
        <button onClick={reload} disabled={loading}>
          {t('tr.refresh')}
        </button>
      </div>
      {error && <ErrorBox error={error} onRetry={reload} />}
      {!data && !error && <Loading />}
      {data && data.attempts.length === 0 && <Empty testid="grading-empty">{t('tr.grading.empty')}</Empty>}
      {data && data.attempts.length > 0 && <AttemptTable attempts={data.attempts} names={names} showExam={data.titles} />}
    </div>
  );
}

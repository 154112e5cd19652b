// 培训管理 › 题库: the bank's papers (exam papers and interview kits).
import { api } from '../lib/api';
import { useLoad } from '../lib/hooks';
import { t } from '../lib/i18n';
import { navigate, useRoute } from '../lib/router';
import { formatTime } from '../lib/time';
import { Link } from '../lib/ui';
import type { Items, PaperSummary } from './types';
import { Empty, ErrorBox, Flash, Loading, TrainerTabs } from './ui';
import './training.css';

const KINDS = ['', 'exam', 'interview_kit'];

export function PaperList() {
  const { query } = useRoute();
  const kind = KINDS.includes(query.get('kind') ?? '') ? (query.get('kind') ?? '') : '';
  const saved = query.get('saved');
  const { data, error, reload } = useLoad(
    () => api.get<Items<PaperSummary>>('/training/papers', { kind, limit: 200 }),
    [kind, saved],
  );

  return (
    <div className="tr-page">
      <TrainerTabs active="/console/training" />
      <div className="tr-head">
        <h1>{t('tr.papers.title')}</h1>
        <div className="tr-seg" role="group" aria-label={t('tr.paper.kind')}>
          {KINDS.map((k) => (
            <button
              key={k}
              className={k === kind ? 'on' : ''}
              aria-pressed={k === kind}
              onClick={() => navigate(k ? `/console/training?kind=${k}` : '/console/training', true)}
            >
              {k ? t('tr.kind.' + k) : t('tr.all')}
            </button>
          ))}
        </div>
        <Link to="/console/training/import" className="button primary">
          {t('tr.papers.import')}
        </Link>
      </div>
      {saved && <Flash text={t('tr.papers.saved', { id: saved })} onClose={() => navigate('/console/training', true)} />}
      {error && <ErrorBox error={error} onRetry={reload} />}
      {!data && !error && <Loading />}
      {data && data.items.length === 0 && <Empty>{t('tr.papers.empty')}</Empty>}
      {data && data.items.length > 0 && (
        <div className="tr-scroll">
          <table className="list" data-testid="paper-list">
            <thead>
              <tr>
                <th>{t('tr.col.id')}</th>
                <th>{t('tr.col.title')}</th>
                <th>{t('tr.paper.kind')}</th>
                <th>{t('tr.paper.role')}</th>
                <th className="num">{t('tr.col.questions')}</th>
                <th>{t('tr.createdBy')}</th>
                <th>{t('tr.createdAt')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((p) => (
                <tr key={p.id} className={p.id === saved ? 'selected' : ''} data-testid="paper-row">
                  <td className="mono">{p.id}</td>
                  <td>
                    <Link to={`/console/training/papers/${encodeURIComponent(p.id)}`}>{p.title}</Link>
                  </td>
                  <td>{t('tr.kind.' + p.kind)}</td>
                  <td>{p.role || '—'}</td>
                  <td className="num">{p.questions}</td>
                  <td>{p.created_by}</td>
                  <td>{formatTime(p.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

// 面试: the interviews the API shows me (candidates masked unless I am on
// the hiring team); trainers can schedule one.
import { useState } from 'react';
import { api } from '../lib/api';
import { useLoad } from '../lib/hooks';
import { t } from '../lib/i18n';
import { isSupervisor, useSession } from '../lib/session';
import { formatTime } from '../lib/time';
import { Link } from '../lib/ui';
import type { Interview, Items } from './types';
import { InterviewCreate } from './InterviewCreate';
import { Empty, ErrorBox, Loading, useNames, who } from './ui';
import './training.css';

export function InterviewList() {
  const { me } = useSession();
  const { data, error, reload } = useLoad(() => api.get<Items<Interview>>('/training/interviews'), []);
  const names = useNames();
  const [creating, setCreating] = useState(false);

  function myPart(i: Interview): string {
    const parts = [];
    if (i.interviewers.includes(me.login)) parts.push(t('tr.iv.asInterviewer'));
    if (i.hiring_team.includes(me.login) || i.created_by === me.login) parts.push(t('tr.iv.asTeam'));
    return parts.join('、') || '—';
  }

  return (
    <div className="tr-page">
      <div className="tr-head">
        <h1>{t('tr.iv.title')}</h1>
        {isSupervisor(me.role) && !creating && (
          <button className="primary" onClick={() => setCreating(true)}>
            {t('tr.iv.new')}
          </button>
        )}
      </div>
      {creating && <InterviewCreate onClose={() => setCreating(false)} />}
      {error && <ErrorBox error={error} onRetry={reload} />}
      {!data && !error && <Loading />}
      {data && data.items.length === 0 && <Empty testid="interviews-empty">{t('tr.iv.empty')}</Empty>}
      {data && data.items.length > 0 && (
        <div className="tr-scroll">
          <table className="list" data-testid="interview-list">
            <thead>
              <tr>
                <th>{t('tr.col.id')}</th>
                <th>{t('tr.iv.candidate')}</th>
                <th>{t('tr.iv.role')}</th>
                <th>{t('tr.iv.interviewers')}</th>
                <th>{t('tr.iv.scheduled')}</th>
                <th>{t('tr.col.status')}</th>
                <th>{t('tr.iv.myPart')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((i) => (
                <tr key={i.id} data-testid="interview-row">
                  <td className="mono">
                    <Link to={`/console/interviews/${encodeURIComponent(i.id)}`}>{i.id}</Link>
                  </td>
                  <td data-testid="interview-candidate">
                    <Link to={`/console/interviews/${encodeURIComponent(i.id)}`}>{i.candidate.name}</Link>
                  </td>
                  <td>{i.role}</td>
                  <td>{i.interviewers.map((l) => who(l, names)).join('、')}</td>
                  <td>{formatTime(i.scheduled_at)}</td>
                  <td>
                    <DecisionBadge i={i} />
                  </td>
                  <td>{myPart(i)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function DecisionBadge({ i }: { i: Pick<Interview, 'status' | 'decision'> }) {
  if (i.status !== 'decided') return <span className="badge">{t('tr.iv.status.scheduled')}</span>;
  return <span className={`badge ${i.decision === 'hire' ? 'ok' : 'danger'}`}>{t('tr.iv.decided.' + i.decision)}</span>;
}

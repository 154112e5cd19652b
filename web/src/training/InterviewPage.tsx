// /console/interviews/:id — the candidate (as the API shows them to me),
// my score sheet and verdict if I interview, the report once I may see it
// (an interviewer scores blind until their verdict), and the decision for
// a lead or above on the hiring team.
import { useState } from 'react';
import { api, ApiError } from '../lib/api';
import { useLoad } from '../lib/hooks';
import { t } from '../lib/i18n';
import { useSession } from '../lib/session';
import { formatTime } from '../lib/time';
import { Link } from '../lib/ui';
import type { InterviewDetail } from './types';
import { DecisionBadge } from './InterviewList';
import { InterviewReport } from './InterviewReport';
import { ScoreSheet } from './ScoreSheet';
import { ConfirmButton, Empty, ErrorBox, Fact, Loading, errorText, useNames, who, ErrorLine } from './ui';
import './training.css';

export function InterviewPage({ id }: { id: string }) {
  const { me } = useSession();
  const names = useNames();
  const { data: iv, error, reload, setData } = useLoad(
    () => api.get<InterviewDetail>(`/training/interviews/${encodeURIComponent(id)}`),
    [id],
  );

  if (error) {
    return (
      <div className="tr-page">
        {error instanceof ApiError && error.status === 404 ? (
          <Empty testid="not-found">{t('tr.iv.notFound')}</Empty>
        ) : (
          <ErrorBox error={error} onRetry={reload} />
        )}
        <Link to="/console/interviews">{t('tr.iv.back')}</Link>
      </div>
    );
  }
  if (!iv) return <Loading />;

  const interviewer = iv.interviewers.includes(me.login);
  const open = iv.status !== 'decided';
  const c = iv.candidate;
  return (
    <div className="tr-page tr-interview">
      <div className="tr-head">
        <h1>
          {t('tr.iv.one', { role: iv.role })} <span className="mono muted">{iv.id}</span>
        </h1>
        <DecisionBadge i={iv} />
        <Link to="/console/interviews">{t('tr.iv.back')}</Link>
      </div>
      <dl className="tr-facts panel" data-testid="interview-candidate">
        <Fact label={t('tr.iv.candidate')}>
          <b data-testid="candidate-name">{c.name}</b>
          {!iv.on_team && <span className="badge tr-flag">{t('tr.iv.masked')}</span>}
        </Fact>
        {c.phone && <Fact label={t('tr.iv.phone')}>{c.phone}</Fact>}
        {c.email && <Fact label={t('tr.iv.email')}>{c.email}</Fact>}
        {c.notes && <Fact label={t('tr.iv.notes')}>{c.notes}</Fact>}
        <Fact label={t('tr.iv.kit')}>{iv.kit.title}</Fact>
        <Fact label={t('tr.iv.interviewers')}>{iv.interviewers.map((l) => who(l, names)).join('、')}</Fact>
        <Fact label={t('tr.iv.team')}>{iv.hiring_team.map((l) => who(l, names)).join('、') || '—'}</Fact>
        <Fact label={t('tr.iv.scheduled')}>{formatTime(iv.scheduled_at)}</Fact>
      </dl>

      {iv.status === 'decided' && (
        <div className={`panel tr-result ${iv.decision === 'hire' ? 'pass' : 'fail'}`} data-testid="interview-decision">
          <strong>{t('tr.iv.decided.' + iv.decision)}</strong>
          <span className="muted">{t('tr.iv.decidedBy', { who: who(iv.decided_by, names) })}</span>
          {iv.decision_note && <span>{iv.decision_note}</span>}
        </div>
      )}

      {interviewer && open && <ScoreSheet iv={iv} login={me.login} onUpdate={setData} />}
      {interviewer && !iv.report && (
        <p className="tr-infobox" data-testid="report-locked">
          {t('tr.iv.blind')}
        </p>
      )}
      {iv.report && <InterviewReport iv={iv} report={iv.report} names={names} />}
      {open && iv.may_decide && <DecisionForm id={iv.id} onUpdate={setData} />}
    </div>
  );
}

function DecisionForm({ id, onUpdate }: { id: string; onUpdate: (d: InterviewDetail) => void }) {
  const [decision, setDecision] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  async function decide() {
    setBusy(true);
    setError('');
    try {
      onUpdate(
        await api.post<InterviewDetail>(`/training/interviews/${encodeURIComponent(id)}/decision`, {
          decision,
          note: note.trim(),
        }),
      );
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel tr-decision" data-testid="decision-form">
      <h2>{t('tr.iv.decision')}</h2>
      <p className="muted small">{t('tr.iv.decisionHint')}</p>
      <fieldset className="tr-choices tr-tf">
        <legend className="sr-only">{t('tr.iv.decision')}</legend>
        {['hire', 'no_hire'].map((d) => (
          <label key={d} className={decision === d ? 'on' : ''}>
            <input type="radio" name="decision" value={d} checked={decision === d} onChange={() => setDecision(d)} />
            {t('tr.iv.decide.' + d)}
          </label>
        ))}
      </fieldset>
      <label className="tr-notes">
        {t('tr.iv.decisionNote')}
        <textarea rows={2} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <ErrorLine text={error} />
      <ConfirmButton
        className="primary"
        label={t('tr.iv.decideBtn')}
        question={t('tr.iv.decideConfirm')}
        yes={t('tr.iv.decideYes')}
        disabled={busy || !decision}
        onYes={decide}
        testid="decide"
      />
    </section>
  );
}

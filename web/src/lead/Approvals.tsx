// 审批: compensation requests over someone's limit or budget, and
// after-sales requests waiting for a decision.
import { useEffect, useState, type ReactNode } from 'react';
import { api, type Page } from '../lib/api';
import { useLoad } from '../lib/hooks';
import { t, lang } from '../lib/i18n';
import { DeductionList } from '../lib/Deductions';
import { useLive } from '../lib/live';
import { formatTime, yuan } from '../lib/time';
import type { AfterSales, Compensation, Ticket } from '../lib/types';
import { Link } from '../lib/ui';
import { Empty, ErrorBox, Fact, errorText } from './ui';
import './lead.css';

function ticketLink(id: string, subjects: Record<string, string>) {
  return (
    <Link to={`/console/tickets/${encodeURIComponent(id)}`}>
      <span className="mono">{id}</span>
      {subjects[id] ? ` ${subjects[id]}` : ''}
    </Link>
  );
}

// The subjects of the tickets named, for context; fetched once each.
function useSubjects(ids: string[]): Record<string, string> {
  const [subjects, setSubjects] = useState<Record<string, string>>({});
  const key = [...new Set(ids)].sort().join(',');
  useEffect(() => {
    let live = true;
    const missing = key ? key.split(',').filter((id) => !(id in subjects)) : [];
    if (missing.length === 0) return;
    Promise.allSettled(missing.map((id) => api.get<Ticket>(`/tickets/${encodeURIComponent(id)}`))).then((rs) => {
      if (!live) return;
      const add: Record<string, string> = {};
      rs.forEach((r, i) => (add[missing[i]] = r.status === 'fulfilled' ? r.value.subject : ''));
      setSubjects((s) => ({ ...s, ...add }));
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return subjects;
}

// A policy deduction's label; an unknown code shows as itself.
function requester(login: string, role?: string) {
  if (login.startsWith('customer:')) return t('lead.appr.byCustomer', { id: login.slice(9) });
  return role ? `${login} · ${t('role.' + role)}` : login;
}

export function Approvals() {
  const comp = useLoad(
    () => api.get<Page<Compensation>>('/compensations', { status: 'pending_approval', limit: 200 }),
    [],
  );
  const as = useLoad(() => api.get<Page<AfterSales>>('/after-sales', { status: 'requested', limit: 200 }), []);
  const [flash, setFlash] = useState('');
  const subjects = useSubjects([
    ...(comp.data?.items.map((c) => c.ticket) ?? []),
    ...(as.data?.items.map((a) => a.ticket) ?? []),
  ]);

  useLive(undefined, (c) => {
    if (c.type === 'compensation') comp.reload();
    if (c.type === 'after_sales') as.reload();
  });

  function decided(msg: string, which: 'comp' | 'as') {
    setFlash(msg);
    if (which === 'comp') comp.reload();
    else as.reload();
  }

  const nComp = comp.data?.items.length ?? 0;
  const nAs = as.data?.items.length ?? 0;

  return (
    <div className="lead-page approvals">
      <div className="lead-head">
        <h1>{t('lead.appr.title')}</h1>
        <span className="muted">{t('lead.appr.summary', { c: nComp, a: nAs })}</span>
        <button
          onClick={() => {
            comp.reload();
            as.reload();
          }}
        >
          {t('lead.refresh')}
        </button>
      </div>
      {flash && (
        <div className="lead-flash" role="status">
          {flash}
          <button className="link" onClick={() => setFlash('')} aria-label={t('lead.dismiss')}>
            ×
          </button>
        </div>
      )}

      <Queue title={t('lead.appr.comp')} empty={t('lead.appr.compEmpty')} load={comp}>
        {(c) => <CompensationCard key={c.id} c={c} subjects={subjects} onDone={(m) => decided(m, 'comp')} />}
      </Queue>

      <Queue title={t('lead.appr.as')} empty={t('lead.appr.asEmpty')} load={as}>
        {(a) => <AfterSalesCard key={a.id} a={a} subjects={subjects} onDone={(m) => decided(m, 'as')} />}
      </Queue>
    </div>
  );
}

// One kind of request waiting: a count, the loading and error states and a
// card for each.
function Queue<T>({
  title,
  empty,
  load,
  children,
}: {
  title: string;
  empty: string;
  load: { data: Page<T> | null; error: Error | null; loading: boolean; reload: () => void };
  children: (item: T) => ReactNode;
}) {
  const n = load.data?.items.length ?? 0;
  return (
    <section className="appr-section">
      <h2>
        {title} <span className="count">{n}</span>
      </h2>
      {load.error && <ErrorBox error={load.error} onRetry={load.reload} />}
      {!load.data && load.loading && <p className="muted">{t('common.loading')}</p>}
      {load.data && n === 0 && <Empty>{empty}</Empty>}
      {load.data?.items.map((item) => children(item))}
    </section>
  );
}

function CompensationCard({
  c,
  subjects,
  onDone,
}: {
  c: Compensation;
  subjects: Record<string, string>;
  onDone: (msg: string) => void;
}) {
  function send(approve: boolean, note: string) {
    const body = note ? { note } : {};
    return api.post(`/compensations/${encodeURIComponent(c.id)}/${approve ? 'approve' : 'reject'}`, body);
  }

  return (
    <ApprovalCard testid="approval" id={c.id} notePh={t('lead.appr.notePh')} send={send} onDone={onDone}>
      <div className="appr-title">
        <span className="appr-amount">{yuan(c.amount_fen)}</span>
        <span className="badge">{t('lead.comp.' + c.kind)}</span>
        {c.pending_reason && <span className="badge warn">{t('lead.pending.' + c.pending_reason)}</span>}
      </div>
      <p className="appr-reason">{c.reason}</p>
      <dl className="appr-facts small">
        <Fact label={t('lead.appr.ticket')}>{ticketLink(c.ticket, subjects)}</Fact>
        <Fact label={t('lead.appr.team')}>{c.team ?? '—'}</Fact>
        <Fact label={t('lead.appr.requester')}>{requester(c.requested_by, c.requested_role)}</Fact>
        <Fact label={t('lead.appr.at')}>{formatTime(c.created_at)}</Fact>
        <Fact label={t('lead.appr.id')} className="mono">
          {c.id}
        </Fact>
      </dl>
    </ApprovalCard>
  );
}

function AfterSalesCard({
  a,
  subjects,
  onDone,
}: {
  a: AfterSales;
  subjects: Record<string, string>;
  onDone: (msg: string) => void;
}) {
  const d = a.decision;
  const punitive = d?.punitive_fen ?? 0;
  const deductions = d?.deductions ?? [];
  const evidence = a.evidence?.trim() ?? '';
  const evidenceMissing = !evidence && !!(d?.evidence_required || d?.lead_required);

  function send(approve: boolean, note: string) {
    const body: { to: string; version: number; reason?: string } = {
      to: approve ? 'approved' : 'rejected',
      version: a.version,
    };
    if (note) body.reason = note;
    return api.post(`/after-sales/${encodeURIComponent(a.id)}/transitions`, body);
  }

  return (
    <ApprovalCard testid="approval-after-sales" id={a.id} notePh={t('lead.appr.reasonPh')} send={send} onDone={onDone}>
      <div className="appr-title">
        {a.refund_fen > 0 && <span className="appr-amount">{yuan(a.refund_fen)}</span>}
        <span className="badge">{t('lead.as.kind.' + a.kind)}</span>
        <span className="badge">{t('lead.as.reason.' + a.reason)}</span>
        {d && <span className={`badge ${d.eligible ? 'ok' : 'danger'}`}>{d.article}</span>}
        {evidenceMissing && <span className="badge warn" data-testid="appr-no-evidence">{t('lead.appr.noEvidence')}</span>}
        {a.override && <span className="badge warn" data-testid="appr-override">{t('lead.appr.override')}</span>}
      </div>
      {a.note && <p className="appr-reason">“{a.note}”</p>}
      {a.override && (
        <p className="appr-policy small" data-testid="appr-override-reason">
          {t('lead.appr.overrideBy', { by: a.overridden_by ?? '—', reason: a.override_reason ?? '' })}
        </p>
      )}
      {d && <p className="appr-policy small muted">{lang() === 'zh' ? d.explanation_zh : d.explanation_en}</p>}
      {evidence && (
        <div className="appr-evidence small" data-testid="appr-evidence">
          <span className="muted">{t('lead.appr.evidence')}</span>
          <p>{evidence}</p>
        </div>
      )}
      {d && (
        <dl className="appr-facts small" data-testid="appr-money">
          <Fact label={t('lead.appr.maxRefund')}>
            <span data-testid="appr-max-refund">{yuan(d.max_refund_fen)}</span>
          </Fact>
          {punitive > 0 && (
            <Fact label={t('lead.appr.punitive')}>
              <span data-testid="appr-punitive">{yuan(punitive)}</span>
            </Fact>
          )}
        </dl>
      )}
      <DeductionList deductions={deductions} className="appr-deductions" testid="appr-deduction" />
      <dl className="appr-facts small">
        <Fact label={t('lead.appr.ticket')}>{ticketLink(a.ticket, subjects)}</Fact>
        <Fact label={t('lead.appr.order')}>
          <span className="mono">{a.order}</span> · {t('lead.appr.line', { n: a.line })} × {a.quantity}
          {a.unit != null && ` · ${t('lead.appr.unit', { n: a.unit })}`}
        </Fact>
        <Fact label={t('lead.appr.requester')}>{requester(a.requested_by)}</Fact>
        <Fact label={t('lead.appr.at')}>{formatTime(a.created_at)}</Fact>
        <Fact label={t('lead.appr.id')} className="mono">
          {a.id}
        </Fact>
      </dl>
    </ApprovalCard>
  );
}

// A request's card: its facts (children) beside a note and the approve and
// reject buttons. Rejecting needs a note; `send` gets it trimmed ('' if none).
function ApprovalCard({
  testid,
  id,
  notePh,
  send,
  onDone,
  children,
}: {
  testid: string;
  id: string;
  notePh: string;
  send: (approve: boolean, note: string) => Promise<unknown>;
  onDone: (msg: string) => void;
  children: ReactNode;
}) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  async function decide(approve: boolean) {
    if (!note.trim()) {  // 处理意见: the server refuses a blank one either way
      setError(t('lead.appr.noteRequired'));
      return;
    }
    setBusy(true);
    setError('');
    try {
      await send(approve, note.trim());
      onDone(t(approve ? 'lead.appr.approvedMsg' : 'lead.appr.rejectedMsg', { id }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <article className="appr-card panel" data-testid={testid}>
      <div className="appr-main">{children}</div>
      <div className="appr-actions">
        <textarea
          rows={2}
          value={note}
          maxLength={500}
          placeholder={notePh}
          aria-label={t('lead.appr.note')}
          onChange={(e) => setNote(e.target.value)}
        />
        <div className="appr-buttons">
          <button className="primary" disabled={busy} onClick={() => decide(true)}>
            {t('lead.appr.approve')}
          </button>
          <button className="danger" disabled={busy} onClick={() => decide(false)}>
            {t('lead.appr.reject')}
          </button>
        </div>
        {error && (
          <p className="error small" role="alert">
            {error}
          </p>
        )}
      </div>
    </article>
  );
}

// 审批: compensation requests over someone's limit or budget, and
// after-sales requests waiting for a decision.
import { useEffect, useState } from 'react';
import { api, type Page } from '../lib/api';
import { useLoad } from '../lib/hooks';
import { t, lang } from '../lib/i18n';
import { useLive } from '../lib/live';
import { formatTime, yuan } from '../lib/time';
import type { Ticket } from '../lib/types';
import type { AfterSales, Compensation } from './types';
import { Empty, ErrorBox, Link, errorText } from './ui';
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

      <section className="appr-section">
        <h2>
          {t('lead.appr.comp')} <span className="count">{nComp}</span>
        </h2>
        {comp.error && <ErrorBox error={comp.error} onRetry={comp.reload} />}
        {!comp.data && comp.loading && <p className="muted">{t('common.loading')}</p>}
        {comp.data && nComp === 0 && <Empty>{t('lead.appr.compEmpty')}</Empty>}
        {comp.data?.items.map((c) => (
          <CompensationCard key={c.id} c={c} subjects={subjects} onDone={(m) => decided(m, 'comp')} />
        ))}
      </section>

      <section className="appr-section">
        <h2>
          {t('lead.appr.as')} <span className="count">{nAs}</span>
        </h2>
        {as.error && <ErrorBox error={as.error} onRetry={as.reload} />}
        {!as.data && as.loading && <p className="muted">{t('common.loading')}</p>}
        {as.data && nAs === 0 && <Empty>{t('lead.appr.asEmpty')}</Empty>}
        {as.data?.items.map((a) => (
          <AfterSalesCard key={a.id} a={a} subjects={subjects} onDone={(m) => decided(m, 'as')} />
        ))}
      </section>
    </div>
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
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  async function decide(how: 'approve' | 'reject') {
    if (how === 'reject' && !note.trim()) {
      setError(t('lead.appr.noteRequired'));
      return;
    }
    setBusy(true);
    setError('');
    try {
      const body = note.trim() ? { note: note.trim() } : {};
      await api.post(`/compensations/${encodeURIComponent(c.id)}/${how}`, body);
      onDone(t(how === 'approve' ? 'lead.appr.approvedMsg' : 'lead.appr.rejectedMsg', { id: c.id }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <article className="appr-card panel" data-testid="approval">
      <div className="appr-main">
        <div className="appr-title">
          <span className="appr-amount">{yuan(c.amount_fen)}</span>
          <span className="badge">{t('lead.comp.' + c.kind)}</span>
          {c.pending_reason && <span className="badge warn">{t('lead.pending.' + c.pending_reason)}</span>}
        </div>
        <p className="appr-reason">{c.reason}</p>
        <dl className="appr-facts small">
          <div>
            <dt>{t('lead.appr.ticket')}</dt>
            <dd>{ticketLink(c.ticket, subjects)}</dd>
          </div>
          <div>
            <dt>{t('lead.appr.team')}</dt>
            <dd>{c.team ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('lead.appr.requester')}</dt>
            <dd>{requester(c.requested_by, c.requested_role)}</dd>
          </div>
          <div>
            <dt>{t('lead.appr.at')}</dt>
            <dd>{formatTime(c.created_at)}</dd>
          </div>
          <div>
            <dt>{t('lead.appr.id')}</dt>
            <dd className="mono">{c.id}</dd>
          </div>
        </dl>
      </div>
      <div className="appr-actions">
        <textarea
          rows={2}
          value={note}
          maxLength={500}
          placeholder={t('lead.appr.notePh')}
          aria-label={t('lead.appr.note')}
          onChange={(e) => setNote(e.target.value)}
        />
        <div className="appr-buttons">
          <button className="primary" disabled={busy} onClick={() => decide('approve')}>
            {t('lead.appr.approve')}
          </button>
          <button className="danger" disabled={busy} onClick={() => decide('reject')}>
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

function AfterSalesCard({
  a,
  subjects,
  onDone,
}: {
  a: AfterSales;
  subjects: Record<string, string>;
  onDone: (msg: string) => void;
}) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const d = a.decision;

  async function decide(to: 'approved' | 'rejected') {
    if (to === 'rejected' && !note.trim()) {
      setError(t('lead.appr.noteRequired'));
      return;
    }
    setBusy(true);
    setError('');
    try {
      const body: { to: string; version: number; reason?: string } = { to, version: a.version };
      if (note.trim()) body.reason = note.trim();
      await api.post(`/after-sales/${encodeURIComponent(a.id)}/transitions`, body);
      onDone(t(to === 'approved' ? 'lead.appr.approvedMsg' : 'lead.appr.rejectedMsg', { id: a.id }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <article className="appr-card panel" data-testid="approval-after-sales">
      <div className="appr-main">
        <div className="appr-title">
          {a.refund_fen > 0 && <span className="appr-amount">{yuan(a.refund_fen)}</span>}
          <span className="badge">{t('lead.as.kind.' + a.kind)}</span>
          <span className="badge">{t('lead.as.reason.' + a.reason)}</span>
          {d && <span className={`badge ${d.eligible ? 'ok' : 'danger'}`}>{d.article}</span>}
        </div>
        {a.note && <p className="appr-reason">“{a.note}”</p>}
        {d && <p className="appr-policy small muted">{lang() === 'zh' ? d.explanation_zh : d.explanation_en}</p>}
        <dl className="appr-facts small">
          <div>
            <dt>{t('lead.appr.ticket')}</dt>
            <dd>{ticketLink(a.ticket, subjects)}</dd>
          </div>
          <div>
            <dt>{t('lead.appr.order')}</dt>
            <dd>
              <span className="mono">{a.order}</span> · {t('lead.appr.line', { n: a.line })} × {a.quantity}
            </dd>
          </div>
          <div>
            <dt>{t('lead.appr.requester')}</dt>
            <dd>{requester(a.requested_by)}</dd>
          </div>
          <div>
            <dt>{t('lead.appr.at')}</dt>
            <dd>{formatTime(a.created_at)}</dd>
          </div>
          <div>
            <dt>{t('lead.appr.id')}</dt>
            <dd className="mono">{a.id}</dd>
          </div>
        </dl>
      </div>
      <div className="appr-actions">
        <textarea
          rows={2}
          value={note}
          maxLength={500}
          placeholder={t('lead.appr.reasonPh')}
          aria-label={t('lead.appr.note')}
          onChange={(e) => setNote(e.target.value)}
        />
        <div className="appr-buttons">
          <button className="primary" disabled={busy} onClick={() => decide('approved')}>
            {t('lead.appr.approve')}
          </button>
          <button className="danger" disabled={busy} onClick={() => decide('rejected')}>
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

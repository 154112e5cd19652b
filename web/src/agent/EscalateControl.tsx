import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { api } from '../lib/api';
import { t, useLang } from '../lib/i18n';
import { useSession } from '../lib/session';
import type { Ticket } from '../lib/types';
import { isOpen, useSubmit } from './util';

const MAX_REASON = 500; // the server takes a reason of at most 500 characters

interface Props {
  ticket: Ticket;
  onChanged: (tk: Ticket) => void;
}

// Escalation by hand (升级, POST /tickets/:id/escalate): an agent to the
// team's lead (the ticket is assigned to the lead, the owner stays), a lead
// to the managers (all notified, the assignee stays). A reason is required.
// Managers and admins have no one to escalate to; resolved and closed
// tickets are not escalated. Renders the button and, once opened, an
// inline form (both children of the controls bar).
export function EscalateControl({ ticket, onChanged }: Props) {
  useLang();
  const { me } = useSession();
  const to = me.role === 'agent' ? 'lead' : me.role === 'lead' ? 'manager' : null;
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { msg, setMsg, busy, run } = useSubmit();
  const formId = useId();

  // Another ticket on the same page: start over.
  useEffect(() => {
    setOpen(false);
    setReason('');
    setMsg(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ticket.id]);

  if (!to || !isOpen(ticket.status)) return null;

  const blank = reason.trim() === '';
  function submit() {
    if (blank || busy || !to) return;
    void run(async () => {
      const tk = await api.post<Ticket>(`/tickets/${encodeURIComponent(ticket.id)}/escalate`, { to, reason: reason.trim() });
      setOpen(false);
      setReason('');
      let text: string;
      if (to === 'manager') text = t('esc.done.manager');
      else {
        // An agent sees a ticket assigned to her, owned by her or unassigned:
        // handed to the lead, one she does not own leaves her sight.
        const gone = tk.assignee !== me.login && tk.owner !== me.login;
        text = t(gone ? 'esc.done.lead.gone' : 'esc.done.lead', { who: tk.assignee ?? '' });
      }
      setMsg({ ok: true, text });
      window.setTimeout(() => setMsg((m) => (m && m.ok ? null : m)), 5000);
      onChanged(tk);
    });
  }

  function onKey(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setOpen(false);
    }
  }

  return (
    <>
      <div className="control">
        <span className="muted small">{t('esc.label')}</span>
        <button
          type="button"
          className="escalate-open"
          data-testid="escalate-open"
          aria-expanded={open}
          aria-controls={open ? formId : undefined}
          disabled={busy}
          onClick={() => {
            setOpen((o) => !o);
            setMsg(null);
          }}
        >
          {t(to === 'lead' ? 'esc.open.lead' : 'esc.open.manager')}
        </button>
      </div>
      {open && (
        <form
          id={formId}
          className="escalate-form"
          data-testid="escalate-form"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <label className="small" htmlFor={formId + '-reason'}>
            <strong>{t(to === 'lead' ? 'esc.title.lead' : 'esc.title.manager')}</strong>
            <span className="muted"> · {t(to === 'lead' ? 'esc.hint.lead' : 'esc.hint.manager')}</span>
          </label>
          <textarea
            id={formId + '-reason'}
            data-testid="escalate-reason"
            placeholder={t('esc.reason.ph')}
            value={reason}
            maxLength={MAX_REASON}
            rows={3}
            required
            autoFocus
            onChange={(e) => setReason(e.target.value)}
            onKeyDown={onKey}
          />
          <div className="row">
            <button type="submit" className="danger" data-testid="escalate-submit" disabled={busy || blank}>
              {t('esc.submit')}
            </button>
            <button type="button" disabled={busy} onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
            <span className="muted small">{reason.length}/{MAX_REASON}</span>
          </div>
        </form>
      )}
      {msg && (
        <p className={msg.ok ? 'ok-text small escalate-msg' : 'error small escalate-msg'} role="status" data-testid="escalate-msg">
          {msg.text}
        </p>
      )}
    </>
  );
}

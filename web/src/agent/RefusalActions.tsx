import { useState } from 'react';
import { api } from '../lib/api';
import { t, useLang } from '../lib/i18n';
import { isSupervisor, useSession } from '../lib/session';
import type { AfterSales } from '../lib/types';
import { yuanToFen } from './money';
import { useSubmit } from './util';

const MAX_REASON = 2000;
// Rules that state facts: no override changes them (409 not_overridable).
const FACT_RULES = ['quantity_exceeds_line', 'not_paid'];

// A request the policy refused (status refused): why, and what staff can do
// about it. Any staff asks for an exception (申请例外, once, with a reason);
// a lead, manager or admin overrides (特批) with a reason and optionally the
// refund, unless they opened the request or asked the exception themselves.
// `onDone` gets the message to show once a call went through.
export function RefusalActions({ a, onDone }: { a: AfterSales; onDone: (text: string) => void }) {
  const lang = useLang();
  const { me } = useSession();
  const [mode, setMode] = useState<'exception' | 'override' | null>(null);
  const [reason, setReason] = useState('');
  const [refund, setRefund] = useState('');
  const { msg, setMsg, busy, run } = useSubmit();
  const d = a.decision;
  const self = a.requested_by === me.login || a.exception_by === me.login;
  const facts = FACT_RULES.includes(d.rule);
  const path = `/after-sales/${encodeURIComponent(a.id)}`;

  function toggle(m: 'exception' | 'override') {
    setMode((x) => (x === m ? null : m));
    setReason('');
    setRefund('');
    setMsg(null);
  }

  async function submit() {
    const why = reason.trim();
    if (!why) {
      setMsg({ ok: false, text: t('as.reason.blank') });
      return;
    }
    const body: Record<string, unknown> = { reason: why };
    if (mode === 'override' && refund.trim()) {
      const fen = yuanToFen(refund);
      if (fen === null) {
        setMsg({ ok: false, text: t('comp.bad_amount') });
        return;
      }
      body.refund_fen = fen;
    }
    const m = mode;
    await run(async () => {
      await api.post<AfterSales>(`${path}/${m === 'override' ? 'override' : 'exception'}`, body);
      setMode(null);
      setReason('');
      setRefund('');
      onDone(t(m === 'override' ? 'as.override.done' : 'as.exception.done', { id: a.id }));
    });
  }

  return (
    <div className="as-refusal small" data-testid="as-refusal">
      <div className="row">
        <span className="muted">{t('as.rule')}: <span className="mono">{d.rule}</span></span>
        {d.article && <span className="badge article">{t('as.article')}: {d.article}</span>}
      </div>
      <p className="explain">{lang === 'zh' ? d.explanation_zh : d.explanation_en}</p>
      {a.exception_by && (
        <p className="as-exception" data-testid="as-exception">
          {t('as.exception.asked', { by: a.exception_by, reason: a.exception_reason ?? '' })}
        </p>
      )}
      <div className="row">
        {!a.exception_by && (
          <button type="button" data-testid="as-exception-open" aria-expanded={mode === 'exception'} disabled={busy} onClick={() => toggle('exception')}>
            {t('as.exception.open')}
          </button>
        )}
        {isSupervisor(me.role) && (
          <button
            type="button"
            className="as-override-open"
            data-testid="as-override-open"
            aria-expanded={mode === 'override'}
            disabled={busy || self || facts}
            title={self ? t('as.override.self') : facts ? t('as.override.facts') : t('as.override.title')}
            onClick={() => toggle('override')}
          >
            {t('as.override.open')}
          </button>
        )}
      </div>
      {mode && (
        <form
          className="as-move as-refusal-form"
          data-testid={`as-${mode}-form`}
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          {mode === 'override' && <p className="muted">{t('as.override.title')}</p>}
          <textarea
            data-testid={`as-${mode}-reason`}
            rows={2}
            maxLength={MAX_REASON}
            required
            autoFocus
            value={reason}
            placeholder={t(mode === 'override' ? 'as.override.ph' : 'as.exception.ph')}
            aria-label={t(mode === 'override' ? 'as.override.ph' : 'as.exception.ph')}
            onChange={(e) => setReason(e.target.value)}
          />
          {mode === 'override' && (
            <input
              inputMode="decimal"
              data-testid="as-override-refund"
              value={refund}
              placeholder={t('as.override.refund')}
              aria-label={t('as.override.refund')}
              onChange={(e) => setRefund(e.target.value)}
            />
          )}
          <div className="row">
            <button type="submit" className="primary" data-testid={`as-${mode}-submit`} disabled={busy || !reason.trim()}>
              {t(mode === 'override' ? 'as.override.submit' : 'as.exception.submit')}
            </button>
            <button type="button" disabled={busy} onClick={() => setMode(null)}>{t('common.cancel')}</button>
          </div>
        </form>
      )}
      {msg && <p className="error small" role="alert" data-testid="as-refusal-message">{msg.text}</p>}
    </div>
  );
}

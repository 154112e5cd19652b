import { useEffect, useState } from 'react';
import { api, type Page } from '../lib/api';
import { t, useLang } from '../lib/i18n';
import type { Ticket } from '../lib/types';
import type { Macro, MacroPreview } from './types';
import { errMsg, isCode } from './util';

interface Props {
  ticket: Ticket;
  onSent: (tk: Ticket) => void;
  onInsert: (text: string) => void;
  disabled?: boolean;
}

// Macros of the ticket's team in the UI's locale, the rendered preview and
// sending it (docs/api.md §6.6); a held macro can be sent anyway.
export function MacroPicker({ ticket, onSent, onInsert, disabled }: Props) {
  const lang = useLang();
  const locale = lang === 'zh' ? 'zh-CN' : 'en';
  const [macros, setMacros] = useState<Macro[] | null>(null);
  const [pick, setPick] = useState('');
  const [preview, setPreview] = useState<MacroPreview | null>(null);
  const [error, setError] = useState('');
  const [held, setHeld] = useState('');
  const [busy, setBusy] = useState(false);
  const team = (ticket.team as string | null | undefined) ?? '';
  const path = `/tickets/${encodeURIComponent(ticket.id)}/macros/${encodeURIComponent(pick)}`;

  useEffect(() => {
    setPick('');
    api.get<Page<Macro>>('/macros', { team, locale }).then((p) => setMacros(p.items), () => setMacros([]));
  }, [team, locale]);

  useEffect(() => {
    setPreview(null);
    setError('');
    setHeld('');
    if (!pick) return;
    let live = true;
    api.get<MacroPreview>(path).then(
      (p) => live && setPreview(p),
      (e) => live && setError(errMsg(e)),
    );
    return () => {
      live = false;
    };
    // re-render the preview when the ticket changes (its variables)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pick, ticket.id, ticket.version]);

  async function send(confirm: boolean) {
    setBusy(true);
    setError('');
    try {
      const tk = await api.post<Ticket>(path, confirm ? { confirm: true } : {});
      setHeld('');
      setPick('');
      onSent(tk);
    } catch (e) {
      if (isCode(e, 'reply_held')) setHeld(errMsg(e));
      else setError(errMsg(e));
    } finally {
      setBusy(false);
    }
  }

  const acts = preview?.actions;
  return (
    <div className="macro">
      <select data-testid="macro-picker" value={pick} onChange={(e) => setPick(e.target.value)} disabled={disabled}>
        <option value="">{macros && macros.length === 0 ? t('macro.none') : t('macro.pick')}</option>
        {(macros ?? []).map((m) => (
          <option key={m.id} value={m.id}>{m.name}</option>
        ))}
      </select>
      {pick && (
        <div className="macro-box">
          <div className="macro-preview" data-testid="macro-preview">
            {preview ? preview.body : error ? '' : t('common.loading')}
          </div>
          {acts && (acts.status || (acts.add_tags && acts.add_tags.length > 0)) && (
            <div className="muted small">
              {acts.status && t('macro.actions', { s: t('status.' + acts.status) })}
              {acts.add_tags && acts.add_tags.length > 0 && ' · ' + t('macro.tags', { t: acts.add_tags.join('、') })}
            </div>
          )}
          {error && <p className="error small" role="alert">{error}</p>}
          {held && (
            <div className="phrase-warning" role="alert">
              <span>{t('reply.held')} {held}</span>
              <button className="danger" onClick={() => void send(true)} disabled={busy} data-testid="macro-confirm">
                {t('reply.confirm')}
              </button>
            </div>
          )}
          <div className="row">
            <button className="primary" data-testid="send-macro" disabled={!preview || busy} onClick={() => void send(false)}>
              {t('macro.send')}
            </button>
            <button disabled={!preview} onClick={() => preview && onInsert(preview.body)}>{t('macro.insert')}</button>
          </div>
        </div>
      )}
    </div>
  );
}

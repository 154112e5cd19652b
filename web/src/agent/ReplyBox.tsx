import { useEffect, useRef, useState } from 'react';
import { api } from '../lib/api';
import { t, useLang } from '../lib/i18n';
import type { Ticket } from '../lib/types';
import { MacroPicker } from './MacroPicker';
import type { PhraseMatch } from './types';
import { errMsg, isCode, useDebounced } from './util';

interface Props {
  ticket: Ticket;
  focus: 'reply' | 'note' | null;
  focusKey?: number;
  onSent: (tk: Ticket) => void;
  onTyping: (hasText: boolean) => void;
}

// The reply / internal note composer with forbidden-phrase warnings while
// typing (POST /replies/check) and "send anyway" for a held reply.
export function ReplyBox({ ticket, focus, focusKey, onSent, onTyping }: Props) {
  useLang();
  const closed = ticket.status === 'closed';
  const [note, setNote] = useState(focus === 'note' || closed);
  const [text, setText] = useState('');
  const [matches, setMatches] = useState<PhraseMatch[]>([]);
  const [held, setHeld] = useState('');
  const [error, setError] = useState('');
  const [flash, setFlash] = useState('');
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  const internal = note || closed;

  useEffect(() => {
    if (focus) {
      setNote(focus === 'note' || closed);
      box.current?.focus();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus, focusKey, ticket.id]);

  useEffect(() => onTyping(text.trim() !== ''), [text, onTyping]);

  const check = useDebounced((body: string, isNote: boolean) => {
    if (isNote || !body.trim()) {
      setMatches([]);
      return;
    }
    api.post<{ matches: PhraseMatch[] }>('/replies/check', { text: body }).then(
      (r) => setMatches(r.matches ?? []),
      () => setMatches([]),
    );
  }, 400);
  useEffect(() => check(text, internal), [text, internal, check]);

  async function send(confirm = false) {
    const body = text.trim();
    if (!body) return;
    setBusy(true);
    setError('');
    try {
      const payload: Record<string, unknown> = { body };
      if (internal) payload.internal = true;
      if (confirm) payload.confirm = true;
      const tk = await api.post<Ticket>(`/tickets/${encodeURIComponent(ticket.id)}/messages`, payload);
      setText('');
      setHeld('');
      setMatches([]);
      setFlash(internal ? t('reply.noted') : t('reply.sent'));
      window.setTimeout(() => setFlash(''), 2500);
      onSent(tk);
    } catch (e) {
      if (isCode(e, 'reply_held')) {
        setHeld((e as Error).message);
        api.post<{ matches: PhraseMatch[] }>('/replies/check', { text: body }).then((r) => setMatches(r.matches ?? []), () => {});
      }
      else setError(errMsg(e));
    } finally {
      setBusy(false);
    }
  }

  const blocking = matches.some((m) => m.blocking);
  return (
    <div className={`reply ${internal ? 'is-note' : ''}`}>
      <div className="reply-tabs" role="tablist">
        <button role="tab" aria-selected={!internal} className={!internal ? 'active' : ''} disabled={closed} onClick={() => setNote(false)}>
          {t('reply.tab.reply')}
        </button>
        <label className={`tab-like ${internal ? 'active' : ''}`}>
          <input type="checkbox" data-testid="note-toggle" checked={internal} disabled={closed} onChange={(e) => setNote(e.target.checked)} />
          {t('reply.tab.note')}
        </label>
        <span className="spacer" />
        <MacroPicker ticket={ticket} onSent={onSent} disabled={closed} onInsert={(s) => { setNote(false); setText(s); box.current?.focus(); }} />
      </div>
      {closed && <p className="muted small">{t('reply.closed')}</p>}
      {internal && <p className="muted small mention-hint" data-testid="mention-hint">{t('reply.mention')}</p>}
      <textarea
        ref={box}
        data-testid="reply-box"
        rows={5}
        value={text}
        placeholder={internal ? t('reply.note.placeholder') : t('reply.placeholder')}
        onChange={(e) => {
          setText(e.target.value);
          setHeld('');
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void send();
          }
          if (e.key === 'Escape') box.current?.blur();
        }}
      />
      {(matches.length > 0 || held) && (
        <div className="phrase-warning" data-testid="phrase-warning" role="alert">
          {matches.map((m) => (
            <div key={m.phrase} className={m.blocking ? 'blocking' : ''}>
              {t('reply.phrase', { p: m.phrase, r: m.reason })}
              {m.blocking && t('reply.phrase.blocking')}
            </div>
          ))}
          {held && (
            <div className="held">
              <span>{t('reply.held')} {matches.length > 0 ? '' : held}</span>
              <button className="danger" data-testid="confirm-send" disabled={busy} onClick={() => void send(true)}>
                {t('reply.confirm')}
              </button>
            </div>
          )}
        </div>
      )}
      {error && <p className="error small" role="alert">{error}</p>}
      <div className="reply-foot">
        {flash ? <span className="ok-text small">{flash}</span> : <span className="muted small">{t('ticket.keys')}</span>}
        <span className="spacer" />
        <button
          className={internal ? 'note-send' : 'primary'}
          data-testid="send-reply"
          disabled={busy || !text.trim() || (!internal && blocking)}
          onClick={() => void send()}
        >
          {internal ? t('reply.send.note') : t('reply.send')}
        </button>
      </div>
    </div>
  );
}

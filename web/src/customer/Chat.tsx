// 在线客服: chat with the FAQ bot; a handoff leaves the question with a
// person on the conversation's ticket. After an answer the bot asks whether
// it helped: solved ends the conversation, not solved hands it over; a new
// question instead drops the buttons (the server reopens the ticket).
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../lib/api';
import { t } from '../lib/i18n';
import type { Ticket } from '../lib/types';
import { BotConfirm } from './BotConfirm';
import type { BotReply } from './types';
import { Link } from '../lib/ui';
import { friendlyError } from './ui';
import './customer.css';

interface Line {
  n: number;
  who: 'me' | 'bot' | 'handoff' | 'solved' | 'error';
  text: string;
  ticket?: string | null;
  article?: string | null;
  confirm?: string | null; // the bot's question after an answer
}

const SUGGESTIONS = ['cust.chat.s1', 'cust.chat.s2', 'cust.chat.s3', 'cust.chat.s4'];

export function Chat() {
  const [lines, setLines] = useState<Line[]>([]);
  const [ticket, setTicket] = useState<string | null>(null);
  // The answer (its line's n) that waits for solved / not solved.
  const [awaiting, setAwaiting] = useState<number | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const counter = useRef(0);
  const logRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const el = logRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lines, busy]);

  function add(l: Omit<Line, 'n'>): number {
    counter.current += 1;
    const line = { ...l, n: counter.current };
    setLines((xs) => [...xs, line]);
    return line.n;
  }

  async function ask(question: string) {
    const q = question.trim();
    if (!q || busy) return;
    add({ who: 'me', text: q });
    setAwaiting(null);
    setText('');
    setBusy(true);
    try {
      const body: { text: string; ticket_id?: string } = { text: q };
      if (ticket) body.ticket_id = ticket;
      const r = await api.post<BotReply>('/bot/ask', body);
      if (r.ticket_id) setTicket(r.ticket_id);
      if (r.action === 'answer') {
        const n = add({ who: 'bot', text: r.answer, article: r.article_id, ticket: r.ticket_id, confirm: r.confirm_question });
        if (r.confirm_question && r.ticket_id) setAwaiting(n);
      } else add({ who: 'handoff', text: r.message, ticket: r.ticket_id ?? ticket });
    } catch (e) {
      add({ who: 'error', text: friendlyError(e) });
    } finally {
      setBusy(false);
      inputRef.current?.focus();
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    ask(text);
  }

  function answered(solved: boolean, tk: Ticket) {
    setAwaiting(null);
    if (solved) add({ who: 'solved', text: t('cust.chat.solved') });
    else add({ who: 'handoff', text: t('cust.chat.notSolved'), ticket: tk.id });
  }

  function restart() {
    setLines([]);
    setTicket(null);
    setAwaiting(null);
    setText('');
  }

  return (
    <div className="cust-page narrow">
      <section className="chat cust-card">
        <header className="chat-head">
          <span className="bot-avatar" aria-hidden="true">
            客
          </span>
          <div>
            <h1>{t('cust.chat.title')}</h1>
            <p className="muted small">{t('cust.chat.sub')}</p>
          </div>
          {lines.length > 0 && (
            <button className="link" data-testid="chat-restart" onClick={restart}>
              {t('cust.chat.restart')}
            </button>
          )}
        </header>
        <div className="chat-log" data-testid="chat-log" ref={logRef} aria-live="polite">
          <div className="chat-line bot">
            <div className="chat-bubble">{t('cust.chat.welcome')}</div>
          </div>
          {lines.length === 0 && (
            <div className="chat-suggest">
              {SUGGESTIONS.map((k) => (
                <button key={k} type="button" className="chip-btn" onClick={() => ask(t(k))}>
                  {t(k)}
                </button>
              ))}
            </div>
          )}
          {lines.map((l) => (
            <div key={l.n} className={`chat-line ${l.who}`} data-testid={`chat-${l.who}`}>
              <div className="chat-bubble">
                {l.text}
                {l.who === 'bot' && l.article && (
                  <div className="chat-extra">
                    <Link to={`/help/articles/${encodeURIComponent(l.article)}`}>{t('cust.chat.readArticle')}</Link>
                  </div>
                )}
                {l.n === awaiting && l.ticket && (
                  <div className="chat-extra">
                    <BotConfirm ticket={l.ticket} question={l.confirm} onAnswered={answered} />
                  </div>
                )}
                {l.who === 'handoff' && (
                  <div className="chat-extra">
                    <p>{t('cust.chat.handoffNote')}</p>
                    {l.ticket && (
                      <Link to={`/help/tickets/${encodeURIComponent(l.ticket)}`} className="button">
                        {t('cust.chat.openTicket', { id: l.ticket })}
                      </Link>
                    )}
                  </div>
                )}
              </div>
            </div>
          ))}
          {busy && (
            <div className="chat-line bot">
              <div className="chat-bubble typing" aria-label={t('cust.chat.typing')}>
                <span />
                <span />
                <span />
              </div>
            </div>
          )}
        </div>
        <form className="chat-form" onSubmit={submit}>
          <textarea
            ref={inputRef}
            data-testid="chat-input"
            rows={1}
            maxLength={2000}
            value={text}
            placeholder={t('cust.chat.placeholder')}
            aria-label={t('cust.chat.placeholder')}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                ask(text);
              }
            }}
          />
          <button type="submit" className="primary" data-testid="chat-send" disabled={busy || !text.trim()}>
            {t('cust.chat.send')}
          </button>
        </form>
        {ticket && (
          <p className="muted small chat-ticket" data-testid="chat-recorded">
            {t('cust.chat.recorded')} <Link to={`/help/tickets/${encodeURIComponent(ticket)}`}>{ticket}</Link>
          </p>
        )}
      </section>
    </div>
  );
}

// The satisfaction rating of a resolved or closed ticket.
import { useState, type FormEvent } from 'react';
import { api } from '../lib/api';
import { t } from '../lib/i18n';
import type { Ticket } from '../lib/types';
import { Notice, friendlyError } from './ui';

const SCORES = [1, 2, 3, 4, 5];

export function Stars({ score }: { score: number }) {
  return (
    <span className="stars" aria-label={t('cust.rate.stars', { n: score })}>
      {SCORES.map((s) => (
        <span key={s} className={s <= score ? 'star on' : 'star'} aria-hidden="true">
          ★
        </span>
      ))}
    </span>
  );
}

export function Rating({ ticket, onRated }: { ticket: Ticket; onRated: () => void }) {
  const [score, setScore] = useState(0);
  const [hover, setHover] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  if (ticket.rating) {
    return (
      <section className="rating done" data-testid="rating">
        <h2>{t('cust.rate.thanks')}</h2>
        <p>
          <Stars score={ticket.rating.score} /> <span className="muted">{t('cust.rate.word.' + ticket.rating.score)}</span>
        </p>
        {ticket.rating.comment && <p className="rating-comment">{ticket.rating.comment}</p>}
      </section>
    );
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!score) return;
    setBusy(true);
    setError('');
    try {
      const body: { score: number; comment?: string } = { score };
      if (comment.trim()) body.comment = comment.trim();
      await api.post(`/tickets/${encodeURIComponent(ticket.id)}/rating`, body);
      onRated();
    } catch (err) {
      setError(friendlyError(err));
      setBusy(false);
    }
  }

  const shown = hover || score;
  return (
    <form className="rating" data-testid="rating" onSubmit={submit}>
      <h2>{t('cust.rate.title')}</h2>
      <p className="muted">{t('cust.rate.sub')}</p>
      <div className="star-buttons" role="radiogroup" aria-label={t('cust.rate.title')} onMouseLeave={() => setHover(0)}>
        {SCORES.map((s) => (
          <button
            key={s}
            type="button"
            role="radio"
            aria-checked={score === s}
            aria-label={t('cust.rate.stars', { n: s })}
            data-score={s}
            className={s <= shown ? 'star-btn on' : 'star-btn'}
            onMouseEnter={() => setHover(s)}
            onClick={() => setScore(s)}
          >
            ★
          </button>
        ))}
        <span className="star-word">{shown ? t('cust.rate.word.' + shown) : ''}</span>
      </div>
      <textarea
        name="comment"
        rows={3}
        maxLength={1000}
        value={comment}
        placeholder={t('cust.rate.commentPh')}
        onChange={(e) => setComment(e.target.value)}
      />
      {error && <Notice kind="error">{error}</Notice>}
      <button type="submit" className="primary" disabled={!score || busy}>
        {t('cust.rate.submit')}
      </button>
    </form>
  );
}

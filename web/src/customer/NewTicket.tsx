// 提交问题: a new ticket, optionally about one of the customer's orders.
import { useState, type FormEvent } from 'react';
import { api, type Page } from '../lib/api';
import { useLoad } from '../lib/hooks';
import { t } from '../lib/i18n';
import { navigate, useRoute } from '../lib/router';
import { yuan } from '../lib/time';
import type { Order, Ticket } from '../lib/types';
import { Link } from '../lib/ui';
import { Notice, friendlyError, shortDate } from './ui';
import './customer.css';

function itemsText(o: Order): string {
  const names = o.items.map((i) => (i.name || i.sku) + (i.quantity > 1 ? ` ×${i.quantity}` : ''));
  const s = names.join('、');
  return s.length > 40 ? s.slice(0, 39) + '…' : s;
}

function orderLabel(o: Order): string {
  return [o.id, shortDate(o.paid_at ?? o.created_at), yuan(o.total_fen), itemsText(o)].filter(Boolean).join(' · ');
}

export function NewTicket() {
  const { query } = useRoute();
  const orders = useLoad(() => api.get<Page<Order>>('/orders', { limit: 100 }), []);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [order, setOrder] = useState(query.get('order') ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const chosen = orders.data?.items.find((o) => o.id === order) ?? null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!subject.trim()) {
      setError(t('cust.new.subjectRequired'));
      return;
    }
    setBusy(true);
    setError('');
    try {
      const req: { subject: string; body?: string; order?: string } = { subject: subject.trim() };
      if (body.trim()) req.body = body.trim();
      if (order) req.order = order;
      const tk = await api.post<Ticket>('/tickets', req);
      navigate(`/help/tickets/${encodeURIComponent(tk.id)}?created=1`);
    } catch (err) {
      setError(friendlyError(err));
      setBusy(false);
    }
  }

  return (
    <div className="cust-page narrow">
      <section className="cust-card">
        <h1>{t('cust.new.title')}</h1>
        <p className="muted">{t('cust.new.intro')}</p>
        <form className="cust-form" data-testid="new-ticket-form" onSubmit={submit}>
          <label>
            <span>{t('cust.new.order')}</span>
            <select name="order" value={order} onChange={(e) => setOrder(e.target.value)} disabled={!orders.data}>
              <option value="">{t('cust.new.noOrder')}</option>
              {orders.data?.items.map((o) => (
                <option key={o.id} value={o.id}>
                  {orderLabel(o)}
                </option>
              ))}
            </select>
            {orders.loading && !orders.data && <small className="muted">{t('common.loading')}</small>}
            {orders.error && <small className="error">{friendlyError(orders.error)}</small>}
          </label>
          {chosen && (
            <div className="order-card" data-testid="chosen-order">
              <div className="order-head">
                <strong>{chosen.id}</strong>
                {chosen.status && <span className="chip">{t('cust.order.' + chosen.status)}</span>}
                <span className="order-total">{yuan(chosen.total_fen)}</span>
              </div>
              <ul>
                {chosen.items.map((i, n) => (
                  <li key={n}>
                    {i.name || i.sku} × {i.quantity}
                  </li>
                ))}
              </ul>
              {chosen.carrier && (
                <p className="muted small">
                  {chosen.carrier} {chosen.tracking_number ?? ''}
                </p>
              )}
            </div>
          )}
          <label>
            <span>
              {t('cust.new.subject')} <em className="req">*</em>
            </span>
            <input
              name="subject"
              value={subject}
              maxLength={200}
              required
              placeholder={t('cust.new.subjectPh')}
              onChange={(e) => setSubject(e.target.value)}
            />
          </label>
          <label>
            <span>{t('cust.new.body')}</span>
            <textarea
              name="body"
              rows={6}
              value={body}
              maxLength={20000}
              placeholder={t('cust.new.bodyPh')}
              onChange={(e) => setBody(e.target.value)}
            />
          </label>
          {error && <Notice kind="error">{error}</Notice>}
          <div className="form-actions">
            <button type="submit" className="primary big" disabled={busy || !subject.trim()}>
              {busy ? t('cust.new.sending') : t('cust.new.submit')}
            </button>
            <Link to="/help/chat">{t('cust.new.tryBot')}</Link>
          </div>
        </form>
      </section>
    </div>
  );
}

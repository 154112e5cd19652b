import { t, useLang } from '../lib/i18n';
import { formatTime } from '../lib/time';
import type { TicketEvent } from '../lib/types';
import { catLabel, threatLabel } from './util';
import './agent.css';

interface Props {
  events: TicketEvent[];
  channel: string;
  customerName?: string;
}

function label(prefix: string, v: string | undefined): string {
  if (!v) return '—';
  const k = prefix + v;
  const s = t(k);
  return s === k ? v : s;
}

// Whom an escalation names: a lead's login, or "manager" (every manager).
function escalatedTo(to: string | undefined): string {
  if (!to) return '—';
  return to === 'manager' ? t('tl.escalated.manager') : to;
}

// An escalated event: by hand (from "manual", the reason the person gave),
// by the policy at once (from "immediate", the reason is the cause) or by
// an SLA rule (from "warning:<clock>" / "breach:<clock>", the rule's name).
function escalated(e: TicketEvent): string {
  const d = e.data;
  const to = escalatedTo(d.to);
  if (d.from === 'manual') {
    const who = e.actor_name || e.actor;
    return d.reason ? t('tl.escalated.manual', { who, to, r: d.reason }) : t('tl.escalated.manual.bare', { who, to });
  }
  if (d.from === 'immediate') return t('tl.escalated.immediate', { cause: label('esc.cause.', d.reason), to });
  return t('tl.escalated', { from: d.from ?? '—', to }) + (d.reason ? ' · ' + t('tl.reason', { r: d.reason }) : '');
}

// 添加关注人 a、b；移除 c (or only one of the two).
function watchersChanged(added: string[], removed: string[]): string {
  const parts: string[] = [];
  if (added.length) parts.push(t('tl.watchers_added', { who: added.join('、') }));
  if (removed.length) parts.push(t(added.length ? 'tl.watchers_removed.also' : 'tl.watchers_removed', { who: removed.join('、') }));
  return parts.join('；') || t('tl.other', { type: 'watchers_changed' });
}

// One line for an event that is not a message.
function describe(e: TicketEvent): string {
  const d = e.data;
  // Reasons the system gives (the FAQ bot's) read as words; others as typed.
  const reason = d.reason ? ' · ' + t('tl.reason', { r: label('tl.why.', d.reason) }) : '';
  switch (e.type) {
    case 'status_changed':
      return t('tl.status_changed', { from: label('status.', d.from), to: label('status.', d.to) }) + reason;
    case 'assigned':
      return t('tl.assigned', { to: d.to ?? '—' }) + reason;
    case 'transferred':
      return t('tl.transferred', { from: d.from ?? '—', to: d.to ?? '—' }) + reason;
    case 'owner_set':
      return t('tl.owner_set', { to: d.to ?? '—' });
    case 'tags_changed': {
      const parts: string[] = [];
      if (d.added?.length) parts.push(t('tl.tags_added', { tags: d.added.join('、') }));
      if (d.removed?.length) parts.push(t('tl.tags_removed', { tags: d.removed.join('、') }));
      return parts.join('；') + reason;
    }
    case 'watchers_changed':
      return watchersChanged(d.added ?? [], d.removed ?? []);
    case 'priority_changed':
      return t('tl.priority_changed', { from: d.from ?? '—', to: d.to ?? '—' }) + reason;
    case 'category_changed':
      return t('tl.category_changed', { from: catLabel(d.from), to: catLabel(d.to) }) + reason;
    case 'team_changed':
      return t('tl.team_changed', { from: d.from ?? '—', to: d.to ?? '—' }) + reason;
    case 'threat_changed':
      return t('tl.threat_changed', { from: threatLabel(d.from), to: threatLabel(d.to) }) + reason;
    case 'sla_warning':
    case 'sla_breached':
      return t('tl.' + e.type, { clock: label('sla.', d.from), to: formatTime(d.to) });
    case 'escalated':
      return escalated(e);
    case 'after_sales':
      return t('tl.after_sales', { id: d.body ?? '', from: d.from ? label('as.status.', d.from) + ' → ' : '', to: label('as.status.', d.to) }) + reason;
    case 'compensation':
      return t('tl.compensation', { id: d.body ?? '', to: label('comp.status.', d.to) }) + reason;
    case 'shipment':
      return t('tl.shipment', { id: d.body ?? '', to: label('ship.status.', d.to) }) + (d.reason ? ' · ' + d.reason : '');
    case 'reminder':
      return t('tl.reminder', { to: d.to ?? '—', from: d.from ?? '' }) + reason;
    case 'rated': {
      // data.to is the score (1-5), data.body the comment.
      const n = Number(d.to);
      const score = n >= 1 && n <= 5 ? ' ' + '★'.repeat(n) : '';
      const comment = d.body ? ' · ' + d.body : '';
      return t('tl.rated') + score + comment;
    }
    default:
      return t('tl.other', { type: e.type }) + reason;
  }
}

function actorName(e: TicketEvent, customerName?: string): string {
  if (e.actor === 'system') return t('tl.system');
  if (e.actor_role === 'customer') return customerName ? `${customerName}` : e.actor.replace(/^customer:/, '');
  return e.actor_name || e.actor;
}

function Message({ e, channel, customerName }: { e: TicketEvent; channel: string; customerName?: string }) {
  const note = e.type === 'note';
  // The bot's words to the customer, and its workings (notes on chat tickets).
  const bot = e.type === 'bot_reply' || (note && e.actor === 'system' && channel === 'chat');
  const customer = e.actor_role === 'customer';
  const cls = note ? 'msg note' : customer ? 'msg from-customer' : 'msg from-staff';
  return (
    <li className={cls} data-testid={note ? 'tl-note' : 'tl-message'} data-event={e.type}>
      <div className="msg-head">
        <span className="msg-who">{actorName(e, customerName)}</span>
        {customer && <span className="badge">{t('tl.customer')}</span>}
        {!customer && !note && e.actor !== 'system' && <span className="badge">{t('tl.staff')}</span>}
        {note && <span className="badge note-badge">{t('tl.note')}</span>}
        {bot && <span className="badge bot-badge" data-testid="bot-badge">{t('tl.bot')}</span>}
        {e.type === 'created' && <span className="muted">{t('tl.created')}</span>}
        <time className="msg-time" dateTime={e.at}>{formatTime(e.at)}</time>
      </div>
      {e.type === 'created' && e.data.subject && <div className="msg-subject">{e.data.subject}</div>}
      {e.data.body && <div className="msg-body">{e.data.body}</div>}
      {e.type === 'created' && e.data.tags && e.data.tags.length > 0 && (
        <div className="msg-tags">{e.data.tags.map((x) => <span key={x} className="badge tag">{x}</span>)}</div>
      )}
      {e.type === 'reply' && e.data.reason && <div className="msg-meta muted">{t('tl.reason', { r: e.data.reason })}</div>}
    </li>
  );
}

export function Timeline({ events, channel, customerName }: Props) {
  useLang();
  if (events.length === 0) return <p className="muted" data-testid="timeline">{t('tl.empty')}</p>;
  return (
    <ol className="timeline" data-testid="timeline">
      {events.map((e) =>
        e.type === 'reply' || e.type === 'note' || e.type === 'created' || e.type === 'bot_reply' ? (
          <Message key={e.id} e={e} channel={channel} customerName={customerName} />
        ) : (
          <li key={e.id} className={`tl-event ev-${e.type} ${e.internal ? 'internal' : ''}`} data-event={e.type}>
            <span className="tl-dot" aria-hidden="true" />
            <span className="tl-text">{describe(e)}</span>
            <span className="tl-by muted">{e.actor === 'system' ? t('tl.system') : e.actor_name || e.actor.replace(/^customer:/, '')}</span>
            <time className="tl-time muted" dateTime={e.at}>{formatTime(e.at)}</time>
          </li>
        ),
      )}
    </ol>
  );
}

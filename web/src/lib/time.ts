// Times arrive as UTC ISO-8601 and are shown in the viewer's time zone.
import { lang } from './i18n';

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toLocaleString(lang() === 'zh' ? 'zh-CN' : 'en-GB', {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  });
}

// "in 1 h 20 min" / "20 min ago" style countdowns for SLA clocks.
// A span of whole minutes: "3小时5分" / "3 h 5 min", "40分钟" / "40 min".
export function minutesSpan(mins: number): string {
  const h = Math.floor(mins / 60);
  const m = mins % 60;
  const zh = lang() === 'zh';
  return h > 0 ? (zh ? `${h}小时${m}分` : `${h} h ${m} min`) : zh ? `${m}分钟` : `${m} min`;
}

export function relative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const ms = new Date(iso).getTime() - now;
  const zh = lang() === 'zh';
  const span = minutesSpan(Math.round(Math.abs(ms) / 60000));
  if (ms >= 0) return zh ? `剩余 ${span}` : `in ${span}`;
  return zh ? `已超时 ${span}` : `${span} overdue`;
}

export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  return '¥' + (fen / 100).toFixed(2);
}

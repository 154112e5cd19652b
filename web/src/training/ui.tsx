// Small pieces shared by the training pages.
import { useEffect, useState, type ReactNode } from 'react';
import { api, ApiError } from '../lib/api';
import { lang, t } from '../lib/i18n';
import { Link } from '../lib/ui';
import type { Answer, Exam, Items, Key } from './types';

// The server writes "中文 / English"; each language reads its own half.
export function pick(s: string): string {
  const parts = s.split(' / ');
  if (parts.length !== 2) return s;
  return lang() === 'zh' ? parts[0] : parts[1];
}

export function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.code === 'bad_response' || e.status === 0) return t('tr.err.network');
    return e.message ? pick(e.message) : t('common.error');
  }
  if (e instanceof TypeError) return t('tr.err.network'); // fetch failed
  if (e instanceof Error) return e.message;
  return t('common.error');
}

export function isCode(e: unknown, ...codes: string[]): boolean {
  return e instanceof ApiError && codes.includes(e.code);
}

export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div className="tr-error" role="alert" data-testid="error">
      <span>{errorText(error)}</span>
      {onRetry && (
        <button className="link" onClick={onRetry}>
          {t('tr.retry')}
        </button>
      )}
    </div>
  );
}

// A form's error under it; nothing when there is none.
export function ErrorLine({ text, testid }: { text: string | null | undefined; testid?: string }) {
  if (!text) return null;
  return (
    <p className="error" role="alert" data-testid={testid}>
      {text}
    </p>
  );
}

// The exam picker of the assignment and QA-rule forms.
export function ExamSelect({ exams, value, onChange }: { exams: Exam[]; value: string; onChange: (id: string) => void }) {
  return (
    <label>
      {t('tr.col.exam')}
      <select name="exam_id" value={value} onChange={(e) => onChange(e.target.value)}>
        {exams.map((x) => (
          <option key={x.id} value={x.id}>
            {x.id} {x.title}
          </option>
        ))}
      </select>
    </label>
  );
}

export function Empty({ children, testid }: { children: ReactNode; testid?: string }) {
  return (
    <div className="tr-empty" data-testid={testid}>
      {children}
    </div>
  );
}

export function Loading() {
  return <p className="muted">{t('common.loading')}</p>;
}

export function Flash({ text, onClose }: { text: string; onClose: () => void }) {
  return (
    <div className="tr-flash" role="status" data-testid="flash">
      <span>{text}</span>
      <button className="link" onClick={onClose} aria-label={t('tr.dismiss')}>
        ×
      </button>
    </div>
  );
}

// One term and its value in a <dl class="tr-facts">.
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

// The sub-pages of 培训管理.
const TABS = [
  ['/console/training', 'tr.tab.papers'],
  ['/console/training/exams', 'tr.tab.exams'],
  ['/console/training/grading', 'tr.tab.grading'],
  ['/console/training/rules', 'tr.tab.rules'],
] as const;

export function TrainerTabs({ active }: { active: string }) {
  return (
    <nav className="tr-tabs" aria-label={t('tr.nav.trainer')}>
      {TABS.map(([to, key]) => (
        <Link key={to} to={to} className={to === active ? 'on' : ''}>
          {t(key)}
        </Link>
      ))}
    </nav>
  );
}

export function typeLabel(type: string): string {
  return t('tr.type.' + type);
}

// 2 → "2", 2.5 → "2.5".
export function num(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  return Number.isInteger(x) ? String(x) : x.toFixed(digits);
}

export function pct(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  return Math.round(x * 100) + '%';
}

// "23:05:01" in the viewer's time zone.
export function clock(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleTimeString(lang() === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false });
}

// A key as read by people: letters with their option text, 对/错, or text.
export function keyText(key: Key | undefined, options?: Record<string, string>): string {
  if (key === null || key === undefined) return t('tr.noKey');
  if (typeof key === 'boolean') return key ? t('tr.true') : t('tr.false');
  const letters = Array.isArray(key) ? key : options && key.length === 1 && options[key] !== undefined ? [key] : null;
  if (!letters) return key as string;
  return letters.map((l) => (options?.[l] ? `${l}. ${options[l]}` : l)).join('；');
}

export function answerText(a: Answer | null, options?: Record<string, string>): string {
  if (!a) return t('tr.noAnswer');
  if (a.letters) return keyText(a.letters, options);
  if (a.value !== undefined) return a.value ? t('tr.true') : t('tr.false');
  return a.text || t('tr.noAnswer');
}

// Staff display names by login (from /agents), for lists of logins.
let namesCache: Promise<Record<string, string>> | null = null;
export function useNames(): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    let live = true;
    namesCache ??= api
      .get<Items<{ login: string; display_name?: string }>>('/agents')
      .then((r) => Object.fromEntries(r.items.map((a) => [a.login, a.display_name || a.login])))
      .catch(() => {
        namesCache = null;
        return {};
      });
    namesCache.then((n) => live && setNames(n));
    return () => {
      live = false;
    };
  }, []);
  return names;
}

export function who(login: string, names: Record<string, string>): string {
  return names[login] && names[login] !== login ? `${names[login]}（${login}）` : login;
}

// A button that asks again in the page (never window.confirm) before `onYes`.
export function ConfirmButton({
  label,
  question,
  yes,
  onYes,
  className,
  disabled,
  testid,
}: {
  label: string;
  question: string;
  yes: string;
  onYes: () => void;
  className?: string;
  disabled?: boolean;
  testid?: string;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button className={className} disabled={disabled} onClick={() => setAsking(true)} data-testid={testid}>
        {label}
      </button>
    );
  }
  return (
    <span className="tr-confirm" role="group" aria-label={question}>
      <span>{question}</span>
      <button
        className="danger"
        autoFocus
        onClick={() => {
          setAsking(false);
          onYes();
        }}
        data-testid={testid ? testid + '-yes' : undefined}
      >
        {yes}
      </button>
      <button onClick={() => setAsking(false)}>{t('common.cancel')}</button>
    </span>
  );
}

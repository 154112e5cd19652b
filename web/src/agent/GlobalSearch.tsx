import { useEffect, useRef, useState, type ReactNode } from 'react';
import { t } from '../lib/i18n';
import { navigate } from '../lib/router';
import './agent.css';

// The header search box: Enter opens /console/search?q=…; "/" focuses it
// from anywhere on the page that is not a text field.
export function GlobalSearch({ initial = '' }: { initial?: string }) {
  const [q, setQ] = useState(initial);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => setQ(initial), [initial]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || isTyping(e.target)) return;
      e.preventDefault();
      ref.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <input
      ref={ref}
      type="search"
      className="global-search"
      data-testid="global-search"
      aria-label={t('nav.search')}
      placeholder={t('agent.search.placeholder')}
      value={q}
      onChange={(e) => setQ(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && q.trim()) navigate('/console/search?q=' + encodeURIComponent(q.trim()));
        if (e.key === 'Escape') (e.target as HTMLInputElement).blur();
      }}
    />
  );
}

export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || el.isContentEditable;
}

// A page title row with the search box on the right.
export function PageHeader({ children, q }: { children?: ReactNode; q?: string }) {
  return (
    <div className="agent-pagehead">
      <div className="agent-pagehead-main">{children}</div>
      <GlobalSearch initial={q} />
    </div>
  );
}

// Small pieces shared by the console's areas.
import type { MouseEvent, ReactNode } from 'react';
import { navigate } from './router';

// An in-app link: a real <a href> (open in new tab works) that navigates
// without reloading on a plain click.
export function Link({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  function go(e: MouseEvent<HTMLAnchorElement>) {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  }
  return (
    <a href={to} onClick={go} className={className}>
      {children}
    </a>
  );
}

import type { ReactNode } from 'react';

// Text with <mark>s at code-point ranges [begin, end) (docs/api.md §9).
// Built from React text nodes only.
export function Highlight({ text, ranges }: { text: string; ranges: [number, number][] }) {
  const cps = Array.from(text);
  const sorted = [...(ranges ?? [])]
    .filter((r) => Array.isArray(r) && r.length === 2 && r[0] < r[1])
    .sort((a, b) => a[0] - b[0]);
  const parts: ReactNode[] = [];
  let pos = 0;
  sorted.forEach(([b0, e0], i) => {
    const b = Math.max(pos, Math.min(b0, cps.length));
    const e = Math.min(e0, cps.length);
    if (e <= b) return;
    if (b > pos) parts.push(cps.slice(pos, b).join(''));
    parts.push(<mark key={i}>{cps.slice(b, e).join('')}</mark>);
    pos = e;
  });
  if (pos < cps.length) parts.push(cps.slice(pos).join(''));
  return <>{parts}</>;
}

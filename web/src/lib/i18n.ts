// Chinese first, English switchable. Each area registers its own strings
// (lib/strings.ts, agent/strings.ts, lead/strings.ts, customer/strings.ts)
// so that areas do not edit one shared file. A missing key shows the key.
import { useSyncExternalStore } from 'react';

export type Lang = 'zh' | 'en';
export type Strings = Record<string, { zh: string; en: string }>;

const table: Strings = {};
const listeners = new Set<() => void>();
let current: Lang = (localStorage.getItem('kefu.lang') as Lang) === 'en' ? 'en' : 'zh';

export function register(strings: Strings): void {
  Object.assign(table, strings);
}

export function lang(): Lang {
  return current;
}

export function setLang(l: Lang): void {
  current = l;
  localStorage.setItem('kefu.lang', l); // a preference, not a secret
  document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
  listeners.forEach((f) => f());
}

// Re-renders the caller when the language changes.
export function useLang(): Lang {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}

// t('inbox.count', {n: 3}) replaces {n} in the string.
export function t(key: string, vars?: Record<string, string | number>): string {
  const e = table[key];
  let s = e ? e[current] : key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

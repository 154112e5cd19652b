// Autosave of an attempt's answers: changes wait a moment (debounce) and
// are also sent on an interval; a failure is retried with back-off; 409
// time_up / attempt_closed end it. Only the answers changed since the last
// save are sent (PUT /training/attempts/:id/answers keeps the others).
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../lib/api';
import type { Answer, Attempt } from './types';
import { errorText, isCode } from './ui';

export type SaveState = 'idle' | 'dirty' | 'saving' | 'saved' | 'error' | 'closed';

const DEBOUNCE_MS = 1000;
const INTERVAL_MS = 10_000;

function retryable(e: unknown): boolean {
  if (!(e instanceof ApiError)) return true; // the network
  return e.status >= 500 || e.status === 408 || e.status === 429 || e.code === 'bad_response';
}

export function useAutosave(
  attemptId: string,
  initialSavedAt: string | null,
  onSynced: (a: Attempt) => void,
  onClosed: (e: unknown) => void,
) {
  const [state, setState] = useState<SaveState>(initialSavedAt ? 'saved' : 'idle');
  const [savedAt, setSavedAt] = useState<string | null>(initialSavedAt);
  const [retryIn, setRetryIn] = useState(0);
  const [error, setError] = useState('');
  const pending = useRef(new Map<number, Answer | null>());
  const inflight = useRef<Promise<boolean> | null>(null);
  const failures = useRef(0);
  const closed = useRef(false);
  const timers = useRef({ debounce: 0, retry: 0 });
  const cb = useRef({ onSynced, onClosed });
  cb.current = { onSynced, onClosed };

  // Sends what is pending; true once everything changed so far is saved.
  const save = useCallback(async (): Promise<boolean> => {
    while (inflight.current) await inflight.current;
    if (closed.current) return false;
    if (pending.current.size === 0) return true;
    window.clearTimeout(timers.current.debounce);
    window.clearTimeout(timers.current.retry);
    const batch = new Map(pending.current);
    pending.current.clear();
    const answers = Object.fromEntries([...batch].map(([k, v]) => [String(k), v]));
    setState('saving');
    const p = (async () => {
      try {
        const a = await api.put<Attempt>(`/training/attempts/${encodeURIComponent(attemptId)}/answers`, { answers });
        failures.current = 0;
        setSavedAt(a.last_saved_at);
        setError('');
        setState(pending.current.size ? 'dirty' : 'saved');
        cb.current.onSynced(a);
        return pending.current.size === 0;
      } catch (e) {
        if (isCode(e, 'time_up', 'attempt_closed')) {
          closed.current = true;
          setState('closed');
          cb.current.onClosed(e);
          return false;
        }
        // Put the batch back unless newer answers replaced it.
        for (const [k, v] of batch) if (!pending.current.has(k)) pending.current.set(k, v);
        setState('error');
        setError(errorText(e));
        if (retryable(e)) {
          failures.current++;
          const wait = Math.min(30, 2 ** failures.current);
          setRetryIn(wait);
          timers.current.retry = window.setTimeout(() => void save(), wait * 1000);
        } else {
          setRetryIn(0);
        }
        return false;
      } finally {
        inflight.current = null;
      }
    })();
    inflight.current = p;
    return p;
  }, [attemptId]);

  const change = useCallback(
    (index: number, answer: Answer | null) => {
      if (closed.current) return;
      pending.current.set(index, answer);
      setState('dirty');
      window.clearTimeout(timers.current.debounce);
      timers.current.debounce = window.setTimeout(() => void save(), DEBOUNCE_MS);
    },
    [save],
  );

  // Stops saving (after a submit).
  const close = useCallback(() => {
    closed.current = true;
    window.clearTimeout(timers.current.debounce);
    window.clearTimeout(timers.current.retry);
  }, []);

  useEffect(() => {
    const every = window.setInterval(() => {
      if (pending.current.size && !inflight.current && failures.current === 0) void save();
    }, INTERVAL_MS);
    const hidden = () => document.visibilityState === 'hidden' && void save();
    document.addEventListener('visibilitychange', hidden);
    const t = timers.current;
    return () => {
      window.clearInterval(every);
      window.clearTimeout(t.debounce);
      window.clearTimeout(t.retry);
      document.removeEventListener('visibilitychange', hidden);
      if (pending.current.size && !closed.current) void save(); // leaving the page
    };
  }, [save]);

  return { state, savedAt, retryIn, error, change, save, close };
}

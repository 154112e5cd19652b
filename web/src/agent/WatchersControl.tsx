import { useEffect, useId, useState } from 'react';
import { api } from '../lib/api';
import { t, useLang } from '../lib/i18n';
import type { Ticket } from '../lib/types';
import { useNames, who } from '../training/ui';
import { useSubmit } from './util';

const MAX_WATCHERS = 20; // the server takes at most 20
const LOGIN = /^[a-z0-9._-]{2,64}$/;

interface Props {
  ticket: Ticket;
  onChanged: (tk: Ticket) => void;
}

// 关注人: staff who follow the ticket without working it. Each can be
// removed (×); a login is added from the staff list (GET /agents) or typed.
// Both replace the whole list (PUT /tickets/:id/watchers). A child of the
// controls bar.
export function WatchersControl({ ticket, onChanged }: Props) {
  useLang();
  const names = useNames();
  const watchers = ticket.watchers ?? [];
  const [login, setLogin] = useState('');
  const { msg, setMsg, busy, run } = useSubmit();
  const listId = useId();

  useEffect(() => {
    setLogin('');
    setMsg(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ticket.id]);

  function save(next: string[]) {
    void run(async () => {
      const tk = await api.put<Ticket>(`/tickets/${encodeURIComponent(ticket.id)}/watchers`, { watchers: next });
      setLogin('');
      onChanged(tk);
    });
  }

  function add() {
    const l = login.trim().replace(/^@/, '').toLowerCase();
    let problem = '';
    if (!LOGIN.test(l)) problem = t('watch.bad_login');
    else if (watchers.includes(l)) problem = t('watch.already', { who: who(l, names) });
    else if (watchers.length >= MAX_WATCHERS) problem = t('watch.too_many', { n: MAX_WATCHERS });
    if (problem) setMsg({ ok: false, text: problem });
    else save([...watchers, l]);
  }

  const candidates = Object.keys(names).filter((l) => !watchers.includes(l)).sort();
  return (
    <div className="control watchers" data-testid="watchers" title={t('watch.hint')}>
      <span className="muted small">{t('watch.label')}</span>
      <div className="row">
        {watchers.length === 0 && <span className="muted small">{t('watch.none')}</span>}
        {watchers.map((w) => (
          <span key={w} className="badge watcher" data-testid="watcher" data-login={w}>
            {who(w, names)}
            <button
              type="button"
              className="watcher-remove"
              data-testid="watcher-remove"
              aria-label={t('watch.remove', { who: w })}
              title={t('watch.remove', { who: w })}
              disabled={busy}
              onClick={() => save(watchers.filter((x) => x !== w))}
            >
              ×
            </button>
          </span>
        ))}
        <input
          className="watcher-input"
          data-testid="watcher-input"
          list={listId}
          value={login}
          maxLength={64}
          placeholder={t('watch.add.ph')}
          aria-label={t('watch.add.ph')}
          onChange={(e) => {
            setLogin(e.target.value);
            setMsg(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <datalist id={listId}>
          {candidates.map((l) => <option key={l} value={l}>{names[l] !== l ? names[l] : ''}</option>)}
        </datalist>
        <button type="button" data-testid="watcher-add" disabled={busy || !login.trim()} onClick={add}>
          {t('watch.add')}
        </button>
      </div>
      {msg && !msg.ok && <p className="error small" role="alert" data-testid="watchers-msg">{msg.text}</p>}
    </div>
  );
}

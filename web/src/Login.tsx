import { useState, type FormEvent } from 'react';
import { api } from './lib/api';
import { setLang, t, useLang } from './lib/i18n';

export function Login({ onDone }: { onDone: () => void }) {
  const lang = useLang();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      await api.login(login, password);
      onDone();
    } catch {
      setError(t('login.failed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login-page">
      <form className="login-card" onSubmit={submit} aria-label={t('login.title')}>
        <h1>
          {t('app.name')} <span className="muted">Kefu</span>
        </h1>
        <label>
          {t('login.login')}
          <input name="login" autoComplete="username" value={login} onChange={(e) => setLogin(e.target.value)} autoFocus />
        </label>
        <label>
          {t('login.password')}
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && <p className="error" role="alert">{error}</p>}
        <button type="submit" className="primary" disabled={busy || !login || !password}>
          {t('login.submit')}
        </button>
        <button type="button" className="link" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {t('shell.lang')}
        </button>
      </form>
    </div>
  );
}

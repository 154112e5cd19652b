import { useCallback, useEffect, useState } from 'react';
import { api, setCsrfToken, setUnauthenticatedHandler } from './lib/api';
import { closeLive } from './lib/live';
import { SessionContext } from './lib/session';
import type { Me } from './lib/types';
import { navigate } from './lib/router';
import { Login } from './Login';
import { Shell } from './Shell';

// Asks the server who is signed in (the session cookie); shows the login
// page when nobody is.
export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  const load = useCallback(async () => {
    try {
      const m = await api.get<Me>('/auth/me');
      setCsrfToken(m.csrf_token);
      setMe(m);
    } catch {
      setCsrfToken('');
      setMe(null);
    }
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      closeLive();
      setCsrfToken('');
      setMe(null);
    });
    load();
  }, [load]);

  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout');
    } finally {
      closeLive();
      setCsrfToken('');
      setMe(null);
      navigate('/', true);
    }
  }, []);

  if (me === undefined) return <div className="boot" />;
  if (me === null) return <Login onDone={load} />;
  return (
    <SessionContext.Provider value={{ me, logout }}>
      <Shell />
    </SessionContext.Provider>
  );
}

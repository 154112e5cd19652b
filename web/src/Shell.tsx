import { useEffect } from 'react';
import { setLang, t, useLang } from './lib/i18n';
import { match, navigate, useRoute } from './lib/router';
import { useSession, isStaff } from './lib/session';
import type { PageRoute } from './lib/routes';
import { agentRoutes } from './agent/routes';
import { leadRoutes } from './lead/routes';
import { customerRoutes } from './customer/routes';
import { trainingRoutes } from './training/routes';
import { Bell } from './Bell';

const ROUTES: PageRoute[] = [...agentRoutes, ...leadRoutes, ...trainingRoutes, ...customerRoutes];

// The frame around every signed-in page: navigation for the user's role,
// the notification bell (staff), the language switch and sign-out; the
// page the path names.
export function Shell() {
  const { me, logout } = useSession();
  const lang = useLang();
  const { path } = useRoute();
  const mine = ROUTES.filter((r) => r.roles.includes(me.role));
  // The navigation entry of the page: the longest nav pattern the path is under.
  const activeNav = mine
    .filter((r) => r.nav && (path === r.pattern || path.startsWith(r.pattern + '/')))
    .sort((a, b) => b.pattern.length - a.pattern.length)[0]?.pattern;
  const home = isStaff(me.role) ? '/console/inbox' : '/help';

  let page = null;
  for (const r of mine) {
    const params = match(r.pattern, path);
    if (params) {
      page = r.render(params);
      break;
    }
  }
  useEffect(() => {
    if (!page) navigate(home, true);
  }, [page, home]);

  return (
    <div className={`shell ${isStaff(me.role) ? 'staff' : 'customer'}`}>
      <header className="topbar">
        <a className="brand" href={home} onClick={(e) => { e.preventDefault(); navigate(home); }}>
          {isStaff(me.role) ? t('app.console') : t('app.help')}
        </a>
        <nav>
          {mine.filter((r) => r.nav).map((r) => (
            <a
              key={r.pattern}
              href={r.pattern}
              className={r.pattern === activeNav ? 'active' : ''}
              onClick={(e) => {
                e.preventDefault();
                navigate(r.pattern);
              }}
            >
              {t(r.nav!)}
            </a>
          ))}
        </nav>
        <div className="topbar-right">
          {isStaff(me.role) && <Bell />}
          <span className="who" data-testid="who">
            {me.display_name || me.login} · {t('role.' + me.role)}
          </span>
          <button className="link" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>{t('shell.lang')}</button>
          <button className="link" onClick={logout}>{t('shell.logout')}</button>
        </div>
      </header>
      <main className="content">{page}</main>
    </div>
  );
}

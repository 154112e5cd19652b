import { useEffect, useState, type MouseEvent } from 'react';
import { api, type Page } from '../lib/api';
import { t, useLang } from '../lib/i18n';
import { navigate, useRoute } from '../lib/router';
import { formatTime } from '../lib/time';
import { PageHeader } from './GlobalSearch';
import { Highlight } from './Highlight';
import type { Article, HitType, SearchHit } from '../lib/types';
import { HIT_TYPES } from './types';
import { errMsg } from './util';
import './agent.css';

type Results = Partial<Record<HitType, { items: SearchHit[]; next: string | null; error?: string }>>;

function hitHref(h: SearchHit): string | null {
  if (h.type === 'customer') return '/console/customers/' + h.id;
  if (h.ticket_id) return '/console/tickets/' + h.ticket_id;
  if (h.type === 'ticket') return '/console/tickets/' + h.id;
  return null;
}

function ArticleBody({ id }: { id: string }) {
  const [a, setA] = useState<Article | null>(null);
  const [err, setErr] = useState('');
  useEffect(() => {
    api.get<Article>('/articles/' + encodeURIComponent(id)).then(setA, (e) => setErr(errMsg(e)));
  }, [id]);
  if (err) return <p className="error small">{err}</p>;
  return <div className="article-body">{a ? a.body : t('common.loading')}</div>;
}

function HitRow({ h }: { h: SearchHit }) {
  const [open, setOpen] = useState(false);
  const href = hitHref(h);
  const go = (e: MouseEvent) => {
    e.preventDefault();
    if (href) navigate(href);
  };
  return (
    <li className="hit" data-testid="search-hit" data-type={h.type}>
      <div className="hit-head">
        <span className={`badge hit-${h.type}`}>{t('search.type.' + h.type)}</span>
        {href ? (
          <a href={href} onClick={go} className="hit-title">{h.title}</a>
        ) : (
          <button className="link hit-title" onClick={() => setOpen((o) => !o)} aria-expanded={open}>{h.title}</button>
        )}
        <span className="mono muted small">{h.ticket_id && h.type !== 'ticket' ? h.ticket_id : h.id}</span>
        {h.matched && h.matched !== 'ticket' && <span className="muted small">{t('search.matched.' + h.matched)}</span>}
        <span className="spacer" />
        {h.at && <time className="muted small">{formatTime(h.at)}</time>}
      </div>
      <div className="hit-snippet"><Highlight text={h.snippet} ranges={h.highlights} /></div>
      {h.type === 'article' && (
        <button className="link small" onClick={() => setOpen((o) => !o)}>{open ? t('search.close_article') : t('search.open_article')}</button>
      )}
      {open && h.type === 'article' && <ArticleBody id={h.id} />}
    </li>
  );
}

export function SearchPage() {
  useLang();
  const { query } = useRoute();
  const q = (query.get('q') ?? '').trim();
  const typeParam = query.get('type') ?? '';
  const type: HitType | '' = (HIT_TYPES as string[]).includes(typeParam) ? (typeParam as HitType) : '';
  const [res, setRes] = useState<Results>({});
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    setRes({});
    if (!q) return;
    let live = true;
    setLoading(true);
    const types = type ? [type] : HIT_TYPES;
    Promise.all(
      types.map((ty) =>
        api.get<Page<SearchHit>>('/search', { q, type: ty, limit: type ? 20 : 5 }).then(
          (p) => [ty, { items: p.items, next: p.next_cursor }] as const,
          (e) => [ty, { items: [] as SearchHit[], next: null, error: errMsg(e) }] as const,
        ),
      ),
    ).then((all) => {
      if (!live) return;
      setRes(Object.fromEntries(all));
      setLoading(false);
    });
    return () => {
      live = false;
    };
  }, [q, type]);

  async function more(ty: HitType) {
    const cur = res[ty];
    if (!cur?.next) return;
    const p = await api.get<Page<SearchHit>>('/search', { q, type: ty, limit: 20, cursor: cur.next });
    setRes((r) => ({ ...r, [ty]: { items: [...(r[ty]?.items ?? []), ...p.items], next: p.next_cursor } }));
  }

  const setType = (ty: HitType | '') =>
    navigate(`/console/search?q=${encodeURIComponent(q)}${ty ? '&type=' + ty : ''}`, true);
  const total = HIT_TYPES.reduce((n, ty) => n + (res[ty]?.items.length ?? 0), 0);
  const shownTypes = type ? [type] : HIT_TYPES;

  return (
    <div className="agent-page search-page">
      <PageHeader q={q}>
        <h1>{t('search.title')}</h1>
      </PageHeader>
      <div className="view-tabs">
        <button className={`view-tab ${type === '' ? 'active' : ''}`} onClick={() => setType('')} data-testid="search-type-all">
          {t('search.all')}
        </button>
        {HIT_TYPES.map((ty) => (
          <button key={ty} className={`view-tab ${type === ty ? 'active' : ''}`} onClick={() => setType(ty)} data-testid={`search-type-${ty}`}>
            {t('search.type.' + ty)}
            {res[ty] && <span className="count">{res[ty]!.items.length}{res[ty]!.next ? '+' : ''}</span>}
          </button>
        ))}
      </div>
      {!q && <p className="muted">{t('search.hint')}</p>}
      {q && loading && <p className="muted">{t('common.loading')}</p>}
      {q && !loading && total === 0 && <p className="muted" data-testid="search-empty">{t('search.none')}</p>}
      {shownTypes.map((ty) => {
        const r = res[ty];
        if (!r || (r.items.length === 0 && !r.error)) return null;
        return (
          <section key={ty} className="panel hit-group" data-testid={`search-group-${ty}`}>
            <h2>{t('search.type.' + ty)}</h2>
            {r.error && <p className="error small">{r.error}</p>}
            <ul className="hits">{r.items.map((h) => <HitRow key={h.type + h.id} h={h} />)}</ul>
            {r.next && (
              <button className="link" onClick={() => (type ? void more(ty) : setType(ty))}>
                {type ? t('common.more') : t('search.more', { type: t('search.type.' + ty) })}
              </button>
            )}
          </section>
        );
      })}
    </div>
  );
}

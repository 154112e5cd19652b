// 帮助中心: knowledge-base search, the published articles, one article.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, type Page } from '../lib/api';
import { useLoad } from '../lib/hooks';
import { t } from '../lib/i18n';
import type { Article, SearchHit } from '../lib/types';
import { Link } from '../lib/ui';
import { Highlighted, Notice, friendlyError, shortDate } from './ui';
import './customer.css';

export function HelpHome() {
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [searched, setSearched] = useState('');
  const [searchError, setSearchError] = useState('');
  const articles = useLoad(() => api.get<Page<Article>>('/articles', { limit: 100 }), []);
  const seq = useRef(0);

  async function search(text: string) {
    const query = text.trim();
    const mine = ++seq.current;
    if (!query) {
      setHits(null);
      setSearched('');
      return;
    }
    try {
      const r = await api.get<Page<SearchHit>>('/search', { type: 'article', q: query, limit: 20 });
      if (mine !== seq.current) return; // a newer search is under way
      setHits(r.items);
      setSearched(query);
      setSearchError('');
    } catch (e) {
      if (mine !== seq.current) return;
      setSearchError(friendlyError(e));
    }
  }

  // Search as the customer types, once they pause.
  useEffect(() => {
    const h = window.setTimeout(() => search(q), 350);
    return () => window.clearTimeout(h);
  }, [q]);

  function submit(e: FormEvent) {
    e.preventDefault();
    search(q);
  }

  return (
    <div className="cust-page">
      <section className="help-hero">
        <h1>{t('cust.help.greeting')}</h1>
        <p>{t('cust.help.sub')}</p>
        <form className="kb-form" role="search" onSubmit={submit}>
          <input
            type="search"
            data-testid="kb-search"
            name="q"
            value={q}
            maxLength={100}
            placeholder={t('cust.help.searchPh')}
            aria-label={t('cust.help.searchPh')}
            onChange={(e) => setQ(e.target.value)}
          />
          <button type="submit" className="primary">
            {t('cust.help.search')}
          </button>
        </form>
      </section>

      {searchError && <Notice kind="error">{searchError}</Notice>}
      {hits && (
        <section className="cust-card" aria-live="polite">
          <h2>{t('cust.help.results', { q: searched })}</h2>
          {hits.length === 0 ? (
            <div className="cust-empty">
              <p>{t('cust.help.noHits')}</p>
              <p>
                <Link to="/help/chat">{t('cust.help.askBot')}</Link>
                {' · '}
                <Link to="/help/new">{t('cust.help.newTicket')}</Link>
              </p>
            </div>
          ) : (
            <ul className="kb-hits">
              {hits.map((h) => (
                <li key={h.id} data-testid="kb-hit">
                  <Link to={`/help/articles/${encodeURIComponent(h.id)}`} className="kb-hit-title">
                    {h.title}
                  </Link>
                  <p className="kb-snippet">
                    <Highlighted text={h.snippet} ranges={h.highlights ?? []} />
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      <section className="quick-actions">
        <Link to="/help/chat" className="quick">
          <span className="quick-icon chat" aria-hidden="true">聊</span>
          <strong>{t('cust.quick.chat')}</strong>
          <span>{t('cust.quick.chatSub')}</span>
        </Link>
        <Link to="/help/new" className="quick">
          <span className="quick-icon new" aria-hidden="true">问</span>
          <strong>{t('cust.quick.new')}</strong>
          <span>{t('cust.quick.newSub')}</span>
        </Link>
        <Link to="/help/tickets" className="quick">
          <span className="quick-icon mine" aria-hidden="true">单</span>
          <strong>{t('cust.quick.mine')}</strong>
          <span>{t('cust.quick.mineSub')}</span>
        </Link>
      </section>

      <section className="cust-card">
        <h2>{t('cust.help.articles')}</h2>
        {articles.loading && !articles.data && <p className="muted">{t('common.loading')}</p>}
        {articles.error && <Notice kind="error">{friendlyError(articles.error)}</Notice>}
        {articles.data && articles.data.items.length === 0 && (
          <p className="cust-empty">{t('cust.help.noArticles')}</p>
        )}
        {articles.data && articles.data.items.length > 0 && (
          <ul className="article-list">
            {articles.data.items.map((a) => (
              <li key={a.id} data-testid="kb-article">
                <Link to={`/help/articles/${encodeURIComponent(a.id)}`} className="article-item">
                  <span className="article-title">{a.title}</span>
                  <span className="article-excerpt">{a.body}</span>
                  {a.category && <span className="chip">{t('category.' + a.category)}</span>}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function ArticleView({ id }: { id: string }) {
  const { data, error, loading } = useLoad(() => api.get<Article>(`/articles/${encodeURIComponent(id)}`), [id]);
  return (
    <div className="cust-page narrow">
      <Link to="/help" className="back">
        ← {t('cust.help.back')}
      </Link>
      {loading && !data && <p className="muted">{t('common.loading')}</p>}
      {error && <Notice kind="error">{friendlyError(error)}</Notice>}
      {data && (
        <article className="cust-card article">
          <h1>{data.title}</h1>
          <p className="muted small">
            {data.category && <span className="chip">{t('category.' + data.category)}</span>}
            {t('cust.help.updated', { d: shortDate(data.updated_at) })}
          </p>
          <div className="article-body" data-testid="article-body">
            {data.body}
          </div>
          {data.tags.length > 0 && (
            <p className="article-tags">
              {data.tags.map((tag) => (
                <span key={tag} className="chip">
                  #{tag}
                </span>
              ))}
            </p>
          )}
        </article>
      )}
      <section className="cust-card still-help">
        <h2>{t('cust.help.still')}</h2>
        <div className="still-actions">
          <Link to="/help/chat" className="button primary">
            {t('cust.quick.chat')}
          </Link>
          <Link to="/help/new" className="button">
            {t('cust.quick.new')}
          </Link>
        </div>
      </section>
    </div>
  );
}

import { api } from '../lib/api';
import { useLoad } from '../lib/hooks';
import { t, useLang } from '../lib/i18n';
import { Customer360 } from './Customer360';
import { PageHeader } from './GlobalSearch';
import type { Overview } from './types';
import { errMsg } from './util';
import './agent.css';

// The customer 360 on its own page (search hits for customers link here).
export function CustomerPage({ id }: { id: string }) {
  useLang();
  const { data, error, reload } = useLoad(() => api.get<Overview>(`/customers/${encodeURIComponent(id)}/overview`), [id]);
  return (
    <div className="agent-page customer-page">
      <PageHeader>
        <h1>{t('customer.title', { id })}</h1>
      </PageHeader>
      {error && <p className="error" role="alert">{errMsg(error)}</p>}
      {!data && !error && <p className="muted">{t('common.loading')}</p>}
      {data && <Customer360 o={data} onChanged={reload} />}
    </div>
  );
}

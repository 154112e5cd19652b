// 数据看板: KPIs and charts from GET /api/v1/reports/dashboard?days=N.
import { useMemo } from 'react';
import type { ChartConfiguration } from 'chart.js';
import { api, ApiError } from '../lib/api';
import { useLoad } from '../lib/hooks';
import { t, useLang } from '../lib/i18n';
import { navigate, useRoute } from '../lib/router';
import { yuan } from '../lib/time';
import { STATUSES } from '../lib/types';
import { BotSection } from './BotSection';
import { ChartBox, COLORS } from './Charts';
import type { AfterSalesReport, Dashboard as Report } from './types';
import { Empty, ErrorBox, Fact, Refresh, duration, percent } from './ui';
import './lead.css';

const DAY_CHOICES = [7, 14, 30];
const OPEN_STATUSES = ['new', 'open', 'pending_customer', 'pending_third_party'];
const STATUS_COLORS: Record<string, string> = {
  new: COLORS.purple,
  open: COLORS.blue,
  pending_customer: COLORS.orange,
  pending_third_party: COLORS.teal,
  resolved: COLORS.green,
  closed: COLORS.grey,
};

export function Dashboard() {
  const lang = useLang();
  const { query } = useRoute();
  const asked = Number(query.get('days'));
  const days = DAY_CHOICES.includes(asked) ? asked : 14;
  const { data, error, loading, reload } = useLoad(
    () => api.get<Report>('/reports/dashboard', { days }),
    [days],
  );

  const charts = useMemo(() => (data ? buildCharts(data) : null), [data, lang]);
  const backlog = data ? OPEN_STATUSES.reduce((n, s) => n + (data.by_status[s] ?? 0), 0) : 0;

  return (
    <div className="lead-page dashboard">
      <div className="lead-head">
        <h1>{t('lead.dash.title')}</h1>
        <div className="seg" role="group" aria-label={t('lead.dash.range')}>
          {DAY_CHOICES.map((d) => (
            <button
              key={d}
              className={d === days ? 'on' : ''}
              aria-pressed={d === days}
              onClick={() => navigate(`/console/dashboard?days=${d}`, true)}
            >
              {t('lead.dash.days', { n: d })}
            </button>
          ))}
        </div>
        <Refresh at={data?.generated_at} loading={loading} onRefresh={reload} />
      </div>
      {error && (
        <ErrorBox
          error={error instanceof ApiError && error.status === 404 ? new Error(t('lead.dash.unavailable')) : error}
          onRetry={reload}
        />
      )}
      {!data && loading && <p className="muted">{t('common.loading')}</p>}
      {data && (
        <>
          <div className="kpis">
            <Kpi
              label={t('lead.dash.firstResponse')}
              value={duration(data.first_response.median_minutes)}
              sub={t('lead.dash.p90', { v: duration(data.first_response.p90_minutes) })}
              foot={t('lead.dash.nTickets', { n: data.first_response.count })}
            />
            <Kpi
              label={t('lead.dash.resolution')}
              value={duration(data.resolution.median_minutes)}
              sub={t('lead.dash.p90', { v: duration(data.resolution.p90_minutes) })}
              foot={t('lead.dash.nTickets', { n: data.resolution.count })}
            />
            <Kpi
              label={t('lead.dash.sla')}
              value={percent(data.sla.attainment)}
              tone={data.sla.attainment !== null && data.sla.attainment < 0.9 ? 'warn' : 'ok'}
              sub={t('lead.dash.breached', { n: data.sla.breached })}
              foot={t('lead.dash.nTickets', { n: data.sla.tickets })}
            />
            <Kpi
              label={t('lead.dash.csat')}
              value={data.csat.average === null ? '—' : data.csat.average.toFixed(1) + ' / 5'}
              sub={t('lead.dash.satisfied', { v: percent(data.csat.satisfied_share) })}
              foot={t('lead.dash.nRatings', { n: data.csat.count })}
            />
            <Kpi
              label={t('lead.dash.backlog')}
              value={String(backlog)}
              sub={OPEN_STATUSES.map((s) => `${t('status.' + s)} ${data.by_status[s] ?? 0}`).join(' · ')}
              foot={['P1', 'P2'].map((p) => `${p} ${data.by_priority?.[p] ?? 0}`).join(' · ')}
            />
          </div>
          {charts && (
            <div className="chart-grid">
              <section className="panel chart-panel wide">
                <h2>{t('lead.dash.trend', { n: data.days })}</h2>
                {data.trend.length === 0 ? (
                  <Empty>{t('common.empty')}</Empty>
                ) : (
                  <ChartBox config={charts.trend} label={t('lead.dash.trend', { n: data.days })} />
                )}
              </section>
              <div className="chart-stack">
                <section className="panel chart-panel">
                  <h2>{t('lead.dash.byStatus')}</h2>
                  <ChartBox config={charts.status} label={t('lead.dash.byStatus')} />
                </section>
                <section className="panel chart-panel">
                  <h2>{t('lead.dash.byPriority', { n: data.days })}</h2>
                  <ChartBox config={charts.priority} label={t('lead.dash.byPriority', { n: data.days })} size="short" />
                </section>
              </div>
              <section className="panel chart-panel">
                <h2>{t('lead.dash.byCategory', { n: data.days })}</h2>
                {data.by_category.length === 0 ? (
                  <Empty>{t('lead.dash.noTickets')}</Empty>
                ) : (
                  <ChartBox
                    config={charts.category}
                    label={t('lead.dash.byCategory', { n: data.days })}
                    size={data.by_category.length > 12 ? 'xtall' : data.by_category.length > 7 ? 'tall' : undefined}
                  />
                )}
              </section>
            </div>
          )}
          {data.after_sales && <AfterSales r={data.after_sales} days={data.days} />}
          {data.bot && <BotSection r={data.bot} days={data.days} />}
        </>
      )}
    </div>
  );
}

// t(prefix + key), or the key itself when no string is registered.
function named(prefix: string, key: string): string {
  const s = t(prefix + key);
  return s === prefix + key ? key : s;
}

// 售后: the after-sales requests created in the window, what was refunded,
// the policy's refusals and the overrides, and the punitive-damages claims.
function AfterSales({ r, days }: { r: AfterSalesReport; days: number }) {
  const p = r.punitive;
  const refused = r.refused;
  return (
    <section className="panel as-report" data-testid="dash-after-sales">
      <div className="as-report-head">
        <h2>{t('lead.dash.as.title')}</h2>
        <span className="muted small">{t('lead.dash.as.window', { n: days })}</span>
      </div>
      <div className="board-stats as-stats">
        <div>
          <strong data-testid="dash-as-requests">{r.requests}</strong>
          <span>{t('lead.dash.as.requests')}</span>
        </div>
        <div>
          <strong>{r.refunded.count}</strong>
          <span>{t('lead.dash.as.refunded')}</span>
        </div>
        <div>
          <strong>{yuan(r.refunded.amount_fen)}</strong>
          <span>{t('lead.dash.as.refundedAmount')}</span>
        </div>
        {refused && (
          <div>
            <strong data-testid="dash-as-refused">{refused.count}</strong>
            <span>{t('lead.dash.as.refused')}</span>
          </div>
        )}
        {r.overridden !== undefined && (
          <div>
            <strong data-testid="dash-as-overridden">{r.overridden}</strong>
            <span>{t('lead.dash.as.overridden')}</span>
          </div>
        )}
      </div>
      {r.requests === 0 ? (
        <Empty>{t('lead.dash.as.none')}</Empty>
      ) : (
        <div className="as-breakdown">
          <Counts title={t('lead.dash.as.byKind')} counts={r.by_kind} prefix="lead.as.kind." total={r.requests} />
          <Counts title={t('lead.dash.as.byReason')} counts={r.by_reason} prefix="lead.as.reason." total={r.requests} />
        </div>
      )}
      {refused && refused.count > 0 && (
        <div className="as-breakdown" data-testid="dash-as-refused-rules">
          <Counts title={t('lead.dash.as.refusedByRule')} counts={refused.by_rule} prefix="lead.as.rule." total={refused.count} />
        </div>
      )}
      <h3>{t('lead.dash.as.punitive')}</h3>
      <dl className="as-punitive" data-testid="dash-as-punitive">
        <Fact label={t('lead.dash.as.claims')}>{p.claims}</Fact>
        <Fact label={t('lead.dash.as.open')} className={p.open > 0 ? 'warn-text' : undefined}>{p.open}</Fact>
        <Fact label={t('lead.dash.as.punRefunded')}>{p.refunded}</Fact>
        <Fact label={t('lead.dash.as.rejected')}>{p.rejected}</Fact>
        <Fact label={t('lead.dash.as.claimed')}>{yuan(p.claimed_fen)}</Fact>
        <Fact label={t('lead.dash.as.paid')}>{yuan(p.paid_fen)}</Fact>
      </dl>
    </section>
  );
}

// Counts by name, most first, each with a bar against `total`.
function Counts({ title, counts, prefix, total }: { title: string; counts: Record<string, number>; prefix: string; total: number }) {
  const rows = Object.entries(counts ?? {})
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return (
    <div>
      <h3>{title}</h3>
      {rows.length === 0 ? (
        <p className="muted small">—</p>
      ) : (
        <ul className="as-counts">
          {rows.map(([k, n]) => (
            <li key={k}>
              <span className="as-count-name">{named(prefix, k)}</span>
              <meter min={0} max={Math.max(total, n)} value={n} />
              <strong>{n}</strong>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Kpi({
  label,
  value,
  sub,
  foot,
  tone,
}: {
  label: string;
  value: string;
  sub?: string;
  foot?: string;
  tone?: 'ok' | 'warn';
}) {
  return (
    <div className={`kpi panel ${tone ?? ''}`} data-testid="kpi">
      <div className="kpi-label">{label}</div>
      <div className="kpi-value">{value}</div>
      {sub && <div className="kpi-sub">{sub}</div>}
      {foot && <div className="kpi-foot muted">{foot}</div>}
    </div>
  );
}

function buildCharts(d: Report) {
  const status = barChart(
    STATUSES.map((s) => t('status.' + s)),
    STATUSES.map((s) => d.by_status[s] ?? 0),
    STATUSES.map((s) => STATUS_COLORS[s]),
  );
  const category = barChart(
    d.by_category.map((c) => (c.category ? t('category.' + c.category) : t('lead.dash.uncategorized'))),
    d.by_category.map((c) => c.count),
    COLORS.blue,
    'y',
  );
  const priorities = ['P1', 'P2', 'P3', 'P4'];
  const priority = barChart(
    priorities.map((p) => t('priority.' + p)),
    priorities.map((p) => d.by_priority?.[p] ?? 0),
    [COLORS.red, COLORS.orange, COLORS.blue, COLORS.grey],
    'y',
  );
  const trend: ChartConfiguration<'line'> = {
    type: 'line',
    data: {
      labels: d.trend.map((p) => p.date.slice(5)),
      datasets: [
        line(t('lead.dash.created'), d.trend.map((p) => p.created), COLORS.blue),
        line(t('lead.dash.resolved'), d.trend.map((p) => p.resolved), COLORS.green),
        { ...line(t('lead.dash.backlogLine'), d.trend.map((p) => p.backlog), COLORS.orange), yAxisID: 'y1', borderDash: [6, 4] },
      ],
    },
    options: {
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      plugins: { legend: { position: 'bottom', labels: { usePointStyle: true } } },
      scales: {
        y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: t('lead.dash.perDay') } },
        y1: {
          position: 'right',
          beginAtZero: true,
          ticks: { precision: 0 },
          grid: { drawOnChartArea: false },
          title: { display: true, text: t('lead.dash.backlogLine') },
        },
        x: { grid: { display: false } },
      },
    },
  };
  return { status, category, priority, trend };
}

function line(label: string, data: number[], color: string) {
  return {
    label,
    data,
    borderColor: color,
    backgroundColor: color,
    pointRadius: 3,
    borderWidth: 2,
    tension: 0.25,
  };
}

// A bar chart of ticket counts without a legend; indexAxis 'y' lays the bars
// horizontally.
function barChart(
  labels: string[],
  data: number[],
  backgroundColor: string | string[],
  indexAxis?: 'y',
): ChartConfiguration<'bar'> {
  const count = { beginAtZero: true, ticks: { precision: 0 } };
  const bare = { grid: { display: false } };
  return {
    type: 'bar',
    data: {
      labels,
      datasets: [{ label: t('lead.dash.tickets'), data, backgroundColor, borderRadius: 4 }],
    },
    options: {
      ...(indexAxis ? { indexAxis } : {}),
      maintainAspectRatio: false,
      plugins: { legend: { display: false } },
      scales: indexAxis ? { x: count, y: bare } : { y: count, x: bare },
    },
  };
}

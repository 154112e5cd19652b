// 数据看板: KPIs and charts from GET /api/v1/reports/dashboard?days=N.
import { useMemo } from 'react';
import type { ChartConfiguration } from 'chart.js';
import { api, ApiError } from '../lib/api';
import { useLoad } from '../lib/hooks';
import { t, useLang } from '../lib/i18n';
import { navigate, useRoute } from '../lib/router';
import { STATUSES } from '../lib/types';
import { ChartBox, COLORS } from './Charts';
import type { Dashboard as Report } from './types';
import { Empty, ErrorBox, Refresh, duration, percent } from './ui';
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
        </>
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

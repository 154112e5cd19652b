// 团队看板: one column per team with its waiting tickets in serving order,
// its agents' presence and load, and the month's compensation budget.
import { useEffect, useRef } from 'react';
import { api, type Page } from '../lib/api';
import { useLoad } from '../lib/hooks';
import { t } from '../lib/i18n';
import { useLive } from '../lib/live';
import { yuan } from '../lib/time';
import type { Ticket } from '../lib/types';
import type { AgentLoad, Budget, Team, TeamQueue } from './types';
import { Link } from '../lib/ui';
import { Empty, ErrorBox, Fact, Refresh } from './ui';
import './lead.css';

interface Column {
  team: Team;
  queue: TeamQueue | null;
  budget: Budget | null;
  error: unknown;
}

async function loadBoard(): Promise<{ columns: Column[]; at: string }> {
  const teams = await api.get<Page<Team>>('/teams');
  const columns = await Promise.all(
    teams.items.map(async (team): Promise<Column> => {
      const name = encodeURIComponent(team.name);
      const [q, b] = await Promise.allSettled([
        api.get<TeamQueue>(`/teams/${name}/queue`),
        api.get<Budget>(`/teams/${name}/budget`),
      ]);
      return {
        team,
        queue: q.status === 'fulfilled' ? q.value : null,
        budget: b.status === 'fulfilled' ? b.value : null,
        error: q.status === 'rejected' ? q.reason : null,
      };
    }),
  );
  return { columns, at: new Date().toISOString() };
}

// "等待 2小时5分" from a creation time.
function waited(iso: string): string {
  const mins = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 60000));
  const h = Math.floor(mins / 60);
  if (h >= 48) return t('lead.board.waitedDays', { n: Math.floor(h / 24) });
  if (h > 0) return t('lead.board.waitedHours', { h, m: mins % 60 });
  return t('lead.board.waitedMins', { m: mins });
}

export function Board() {
  const { data, error, loading, reload } = useLoad(loadBoard, []);
  const timer = useRef<number | undefined>(undefined);

  // Ticket changes come in bursts; refresh once things settle.
  useLive(undefined, () => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(reload, 1500);
  });
  useEffect(() => {
    const every = window.setInterval(reload, 60000);
    return () => {
      window.clearInterval(every);
      window.clearTimeout(timer.current);
    };
  }, [reload]);

  return (
    <div className="lead-page">
      <div className="lead-head">
        <h1>{t('lead.board.title')}</h1>
        <Refresh at={data?.at} loading={loading} onRefresh={reload} />
      </div>
      {error && <ErrorBox error={error} onRetry={reload} />}
      {!data && loading && <p className="muted">{t('common.loading')}</p>}
      {data && data.columns.length === 0 && <Empty>{t('lead.board.noTeams')}</Empty>}
      {data && (
        <div className="board">
          {data.columns.map((c) => (
            <TeamColumn key={c.team.name} column={c} onRetry={reload} />
          ))}
        </div>
      )}
    </div>
  );
}

function TeamColumn({ column, onRetry }: { column: Column; onRetry: () => void }) {
  const { team, queue, budget } = column;
  const online = queue?.agents.filter((a) => a.presence === 'online').length ?? 0;
  return (
    <section className="board-col panel" data-testid="board-team">
      <header className="board-col-head">
        <h2>
          {team.display_name || team.name}
          {team.vip_only && <span className="badge vip">VIP</span>}
        </h2>
        <span className="muted small">
          {team.lead ? t('lead.board.teamLead', { lead: team.lead }) : team.name}
        </span>
      </header>
      {column.error !== null && <ErrorBox error={column.error} onRetry={onRetry} />}
      {queue && (
        <div className="board-stats">
          <div>
            <strong className={queue.waiting.length > 0 ? 'warn-text' : ''}>{queue.waiting.length}</strong>
            <span>{t('lead.board.waitingCount')}</span>
          </div>
          <div className={online === 0 && queue.waiting.length > 0 ? 'alarm' : ''}>
            <strong>
              {online}/{queue.agents.length}
            </strong>
            <span>{online === 0 && queue.waiting.length > 0 ? t('lead.board.nobody') : t('lead.board.onlineCount')}</span>
          </div>
        </div>
      )}

      <h3>{t('lead.board.waiting')}</h3>
      {queue && queue.waiting.length === 0 && <p className="muted small">{t('lead.board.noWaiting')}</p>}
      {queue && queue.waiting.length > 0 && (
        <ol className="queue-list">
          {queue.waiting.map((tk) => (
            <WaitingTicket key={tk.id} ticket={tk} />
          ))}
        </ol>
      )}

      <h3>{t('lead.board.agents')}</h3>
      {queue && queue.agents.length === 0 && <p className="muted small">{t('lead.board.noAgents')}</p>}
      {queue && queue.agents.length > 0 && (
        <ul className="agent-list">
          {queue.agents.map((a) => (
            <AgentRow key={a.login} agent={a} />
          ))}
        </ul>
      )}

      <h3>{t('lead.board.budget')}</h3>
      <BudgetView budget={budget} />
    </section>
  );
}

function WaitingTicket({ ticket }: { ticket: Ticket }) {
  return (
    <li className="queue-item">
      <div className="queue-line">
        <span className={`badge ${ticket.priority}`}>{ticket.priority}</span>
        <Link to={`/console/tickets/${encodeURIComponent(ticket.id)}`} className="queue-subject">
          {ticket.subject}
        </Link>
      </div>
      <div className="queue-meta muted small">
        <span>{ticket.id}</span>
        {ticket.category && <span>{t('category.' + ticket.category)}</span>}
        <span>{t('channel.' + ticket.channel)}</span>
        <span className="queue-wait">{waited(ticket.created_at)}</span>
      </div>
    </li>
  );
}

function AgentRow({ agent }: { agent: AgentLoad }) {
  const full = agent.max_open > 0 && agent.open >= agent.max_open;
  return (
    <li className="agent-row">
      <span className={`presence-dot ${agent.presence}`} aria-hidden="true" />
      <span className="agent-name" title={agent.login}>
        {agent.display_name || agent.login}
      </span>
      <span className="muted small agent-presence">{t('lead.presence.' + agent.presence)}</span>
      <meter
        className="load-meter"
        min={0}
        max={Math.max(agent.max_open, 1)}
        low={agent.max_open * 0.7}
        high={agent.max_open * 0.9}
        optimum={0}
        value={agent.open}
        title={t('lead.board.loadTitle', { open: agent.open, max: agent.max_open })}
      />
      <span className={`agent-load small ${full ? 'danger-text' : ''}`}>
        {agent.open}/{agent.max_open}
      </span>
      <span className="muted small agent-chats" title={t('lead.board.chats')}>
        {agent.chats > 0 ? t('lead.board.chatsShort', { n: agent.chats, max: agent.max_chats }) : ''}
      </span>
    </li>
  );
}

function BudgetView({ budget }: { budget: Budget | null }) {
  if (!budget) return <p className="muted small">{t('lead.board.budgetUnknown')}</p>;
  if (budget.budget_fen === null)
    return (
      <p className="muted small">
        {t('lead.board.noBudget')} · {t('lead.board.spent')} {yuan(budget.spent_fen)}
      </p>
    );
  const over = (budget.remaining_fen ?? 0) <= 0;
  return (
    <div className="budget">
      <meter
        className="budget-meter"
        min={0}
        max={Math.max(budget.budget_fen, 1)}
        low={budget.budget_fen * 0.7}
        high={budget.budget_fen * 0.9}
        optimum={0}
        value={budget.spent_fen + budget.pending_fen}
      />
      <dl className="budget-figures small">
        <Fact label={t('lead.board.month')}>{budget.month}</Fact>
        <Fact label={t('lead.board.budgetTotal')}>{yuan(budget.budget_fen)}</Fact>
        <Fact label={t('lead.board.spent')}>{yuan(budget.spent_fen)}</Fact>
        <Fact label={t('lead.board.pending')}>{yuan(budget.pending_fen)}</Fact>
        <Fact label={t('lead.board.remaining')} className={over ? 'danger-text' : 'ok-text'}>
          {yuan(budget.remaining_fen)}
        </Fact>
      </dl>
    </div>
  );
}

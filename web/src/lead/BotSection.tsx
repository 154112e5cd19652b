// 智能客服 on the dashboard: how the FAQ bot's tickets of the window ended.
import { t } from '../lib/i18n';
import type { BotReport } from './types';

const TILES: [keyof BotReport, string, string][] = [
  ['bot_solved', 'lead.dash.bot.solved', 'dash-bot-solved'],
  ['bot_auto_resolved', 'lead.dash.bot.autoResolved', 'dash-bot-auto-resolved'],
  ['bot_handoff', 'lead.dash.bot.handoff', 'dash-bot-handoff'],
  ['bot_answered', 'lead.dash.bot.answered', 'dash-bot-answered'],
];

export function BotSection({ r, days }: { r: BotReport; days: number }) {
  return (
    <section className="panel as-report" data-testid="dash-bot">
      <div className="as-report-head">
        <h2>{t('lead.dash.bot.title')}</h2>
        <span className="muted small">{t('lead.dash.bot.window', { n: days })}</span>
      </div>
      <div className="board-stats as-stats">
        {TILES.map(([k, label, testid]) => (
          <div key={k}>
            <strong data-testid={testid}>{r[k] ?? 0}</strong>
            <span>{t(label)}</span>
          </div>
        ))}
      </div>
    </section>
  );
}

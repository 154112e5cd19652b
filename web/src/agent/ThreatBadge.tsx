import { t } from '../lib/i18n';
import type { Ticket } from '../lib/types';
import { threatOf } from './util';

// The ticket's threat level as a badge (差评 / 曝光 / 法律威胁); nothing when
// there is no threat. A ticket without threat_level shows the old flag.
export function ThreatBadge({ ticket }: { ticket: Ticket }) {
  const level = threatOf(ticket);
  if (!level) return null;
  return (
    <span className={`badge danger threat threat-${level}`} data-testid="ticket-threat" data-level={level}>
      {t(level === 'flag' ? 'ticket.threat' : 'threat.' + level)}
    </span>
  );
}

import { useEffect, useRef } from 'react';
import { t } from '../lib/i18n';
import { navigate } from '../lib/router';
import { formatTime } from '../lib/time';
import type { Ticket } from '../lib/types';
import { SlaBadge } from './SlaBadge';
import { ThreatBadge } from './ThreatBadge';
import type { Sla } from './types';
import { catLabel, isOpen, slaSummary } from './util';

export type SortKey = 'id' | 'subject' | 'customer' | 'status' | 'priority' | 'category' | 'assignee' | 'sla' | 'updated';
export interface Sort {
  key: SortKey;
  dir: 1 | -1;
}

const COLS: SortKey[] = ['id', 'subject', 'customer', 'status', 'priority', 'category', 'assignee', 'sla', 'updated'];
const STATUS_ORDER = ['new', 'open', 'pending_customer', 'pending_third_party', 'resolved', 'closed'];

function sortValue(k: SortKey, tk: Ticket, names: Map<string, string>, sla: Map<string, Sla | null>): string | number {
  switch (k) {
    case 'id': return tk.id;
    case 'subject': return tk.subject;
    case 'customer': return names.get(tk.customer) ?? tk.customer;
    case 'status': return STATUS_ORDER.indexOf(tk.status);
    case 'priority': return tk.priority;
    case 'category': return tk.category ? t('category.' + tk.category) : '\uffff';
    case 'assignee': return tk.assignee ?? '\uffff';
    case 'sla': {
      const d = slaSummary(sla.get(tk.id) ?? null, Date.now()).due;
      return d ? new Date(d).getTime() : Number.MAX_SAFE_INTEGER;
    }
    case 'updated': return tk.updated_at;
  }
}

export function sortRows(rows: Ticket[], s: Sort | null, names: Map<string, string>, sla: Map<string, Sla | null>): Ticket[] {
  if (!s) return rows;
  const coll = new Intl.Collator(['zh-CN', 'en']);
  return [...rows].sort((a, b) => {
    const x = sortValue(s.key, a, names, sla);
    const y = sortValue(s.key, b, names, sla);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : coll.compare(String(x), String(y));
    return c * s.dir;
  });
}

interface Props {
  rows: Ticket[];
  names: Map<string, string>;
  sla: Map<string, Sla | null>;
  sort: Sort | null;
  onSort: (k: SortKey) => void;
  selected: number;
  onSelect: (i: number) => void;
  now: number;
}

export function InboxTable({ rows, names, sla, sort, onSort, selected, onSelect, now }: Props) {
  const body = useRef<HTMLTableSectionElement>(null);
  useEffect(() => {
    const tr = body.current?.children[selected] as HTMLElement | undefined;
    tr?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  return (
    <table className="list inbox-table">
      <thead>
        <tr>
          {COLS.map((k) => (
            <th
              key={k}
              className={`sortable col-${k}`}
              aria-sort={sort?.key === k ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}
              onClick={() => onSort(k)}
              data-testid={`sort-${k}`}
            >
              {t('inbox.col.' + k)}
              <span className="sort-mark">{sort?.key === k ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody ref={body}>
        {rows.map((tk, i) => (
          <tr
            key={tk.id}
            data-testid="inbox-row"
            data-id={tk.id}
            className={`${i === selected ? 'selected' : ''} ${tk.status === 'new' ? 'unread' : ''}`}
            onClick={() => onSelect(i)}
            onDoubleClick={() => navigate('/console/tickets/' + tk.id)}
          >
            <td className="col-id mono">{tk.id}</td>
            <td className="col-subject">
              <a
                href={'/console/tickets/' + tk.id}
                onClick={(e) => {
                  e.preventDefault();
                  navigate('/console/tickets/' + tk.id);
                }}
              >
                {tk.subject}
              </a>
              <ThreatBadge ticket={tk} />
            </td>
            <td className="col-customer">{names.get(tk.customer) ?? tk.customer}</td>
            <td><span className={`badge st-${tk.status}`}>{t('status.' + tk.status)}</span></td>
            <td><span className={`badge ${tk.priority}`}>{tk.priority}</span></td>
            <td className="col-category">{catLabel(tk.category)}</td>
            <td className="col-assignee">{tk.assignee ?? <span className="muted">{t('agent.unassigned')}</span>}</td>
            <td className="col-sla"><SlaBadge sla={isOpen(tk.status) ? sla.get(tk.id) : null} now={now} /></td>
            <td className="col-updated muted" title={formatTime(tk.updated_at)}>{formatTime(tk.updated_at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

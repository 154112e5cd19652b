import { SUPERVISORS, type PageRoute } from '../lib/routes';
import './strings';
import { Approvals } from './Approvals';
import { Board } from './Board';
import { Dashboard } from './Dashboard';

export const leadRoutes: PageRoute[] = [
  { pattern: '/console/board', roles: SUPERVISORS, render: () => <Board />, nav: 'lead.nav.board' },
  { pattern: '/console/approvals', roles: SUPERVISORS, render: () => <Approvals />, nav: 'lead.nav.approvals' },
  { pattern: '/console/dashboard', roles: SUPERVISORS, render: () => <Dashboard />, nav: 'lead.nav.dashboard' },
];

import { STAFF, type PageRoute } from '../lib/routes';
import { CustomerPage } from './CustomerPage';
import { Inbox } from './Inbox';
import { SearchPage } from './SearchPage';
import { TicketPage } from './TicketPage';
import './strings';

export const agentRoutes: PageRoute[] = [
  { pattern: '/console/inbox', roles: STAFF, nav: 'nav.inbox', render: () => <Inbox /> },
  { pattern: '/console/tickets/:id', roles: STAFF, render: (p) => <TicketPage key={p.id} id={p.id} /> },
  { pattern: '/console/customers/:id', roles: STAFF, render: (p) => <CustomerPage key={p.id} id={p.id} /> },
  { pattern: '/console/search', roles: STAFF, nav: 'nav.search', render: () => <SearchPage /> },
];

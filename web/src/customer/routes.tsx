import { CUSTOMERS, type PageRoute } from '../lib/routes';
import './strings';
import { Chat } from './Chat';
import { ArticleView, HelpHome } from './Help';
import { MyTickets } from './MyTickets';
import { NewTicket } from './NewTicket';
import { TicketView } from './TicketView';

export const customerRoutes: PageRoute[] = [
  { pattern: '/help', roles: CUSTOMERS, render: () => <HelpHome />, nav: 'cust.nav.help' },
  { pattern: '/help/new', roles: CUSTOMERS, render: () => <NewTicket />, nav: 'cust.nav.new' },
  { pattern: '/help/tickets', roles: CUSTOMERS, render: () => <MyTickets />, nav: 'cust.nav.mine' },
  { pattern: '/help/chat', roles: CUSTOMERS, render: () => <Chat />, nav: 'cust.nav.chat' },
  { pattern: '/help/articles/:id', roles: CUSTOMERS, render: (p) => <ArticleView key={p.id} id={p.id} /> },
  { pattern: '/help/tickets/:id', roles: CUSTOMERS, render: (p) => <TicketView key={p.id} id={p.id} /> },
];

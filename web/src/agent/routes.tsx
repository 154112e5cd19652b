import type { PageRoute } from '../lib/routes';

export const agentRoutes: PageRoute[] = [];

import type { PageRoute } from '../lib/routes';

export const leadRoutes: PageRoute[] = [];

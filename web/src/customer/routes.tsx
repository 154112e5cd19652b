import type { PageRoute } from '../lib/routes';

export const customerRoutes: PageRoute[] = [];

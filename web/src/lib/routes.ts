import type { ReactNode } from 'react';
import type { Role } from './types';

// One page of the app: shown when `pattern` (see router.match) matches the
// path and the user's role is in `roles`. A `nav` label puts it in the
// top navigation.
export interface PageRoute {
  pattern: string;
  roles: Role[];
  render: (params: Record<string, string>) => ReactNode;
  nav?: string; // i18n key of the navigation label
}

export const STAFF: Role[] = ['agent', 'lead', 'manager', 'admin'];
export const SUPERVISORS: Role[] = ['lead', 'manager', 'admin'];
export const CUSTOMERS: Role[] = ['customer'];

// The signed-in user, shared through React context.
import { createContext, useContext } from 'react';
import type { Me } from './types';

export const SessionContext = createContext<{ me: Me; logout: () => void } | null>(null);

export function useSession(): { me: Me; logout: () => void } {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in page');
  return s;
}

export function isStaff(role: string): boolean {
  return role !== 'customer';
}

export function isSupervisor(role: string): boolean {
  return role === 'lead' || role === 'manager' || role === 'admin';
}

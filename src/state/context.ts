import { getContext } from 'svelte';
import type { Session } from './session.svelte';

export const SESSION_KEY = Symbol('kohort-session');


export function getSession(): Session {
  const s = getContext<Session | undefined>(SESSION_KEY);
  if (!s) throw new Error('Session context missing: mount components inside App.');
  return s;
}

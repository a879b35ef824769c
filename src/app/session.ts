import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { SessionInfo } from '../../electron/shared/accounts';
import { CallError, type Client } from '../../electron/shared/contract/client';
import { roleCan, type Permission } from '../../electron/shared/roles';
import { useClient } from '../api/client';

export const SESSION_QUERY = ['session'] as const;
export const SETUP_QUERY = ['setup'] as const;
export const PREFS_QUERY = ['prefs'] as const;

/** How often the open session is checked for the auto-lock, and how often activity is reported. */
const STATUS_POLL_MS = 10_000;
const TOUCH_EVERY_MS = 30_000;

export function useSession() {
  const client = useClient();
  return useQuery({
    queryKey: SESSION_QUERY,
    queryFn: () => client.session.status(),
    refetchInterval: STATUS_POLL_MS,
    refetchOnWindowFocus: true,
  });
}

/** The signed-in session; only used inside the signed-in part of the app. */
export function useSignedIn(): SessionInfo {
  const { data } = useSession();
  if (!data) throw new Error('useSignedIn outside a session');
  return data;
}

export function useCan(permission: Permission): boolean {
  return roleCan(useSignedIn().user.role, permission);
}

/**
 * Any refused call that says the session is locked or over updates the session at once, so the
 * lock screen or the sign-in screen appears without waiting for the next check.
 */
export function handleSessionErrors(queryClient: QueryClient, error: unknown): void {
  if (!(error instanceof CallError)) return;
  if (error.shape.code === 'session_locked') {
    void queryClient.invalidateQueries({ queryKey: SESSION_QUERY });
  } else if (error.shape.code === 'session_expired') {
    queryClient.setQueryData(SESSION_QUERY, null);
  }
}

/** Keyboard and pointer activity keeps the session open (the core decides when it locks). */
export function useActivityReporting(active: boolean): void {
  const client = useClient();
  useEffect(() => {
    if (!active) return;
    let last = 0;
    const report = () => {
      const now = Date.now();
      if (now - last < TOUCH_EVERY_MS) return;
      last = now;
      void client.session.touch().catch(() => undefined);
    };
    const events = ['keydown', 'pointerdown', 'wheel'] as const;
    for (const name of events) window.addEventListener(name, report, { passive: true });
    return () => {
      for (const name of events) window.removeEventListener(name, report);
    };
  }, [client, active]);
}

const SESSION_SCOPED_KEEP = new Set<unknown>([SESSION_QUERY[0], SETUP_QUERY[0], PREFS_QUERY[0]]);

/**
 * When the signed-in user changes or signs out, every loaded answer (patients, calendars, the
 * queue) is dropped from memory: the next person at the desk never sees the last one's data,
 * not even for the moment a refetch takes.
 */
export function useForgetOnUserChange(userId: string | null): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    queryClient.removeQueries({
      predicate: (query) => !SESSION_SCOPED_KEEP.has(query.queryKey[0]),
    });
  }, [queryClient, userId]);
}

/** Session changes pushed by the core (sign-in, lock, unlock, sign-out). */
export function useSessionEvents(client: Client): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      client.on('session:changed', (session) => queryClient.setQueryData(SESSION_QUERY, session)),
    [client, queryClient],
  );
}

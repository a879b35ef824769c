import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useClient } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/QueryState';
import { useI18n } from '../i18n/i18n';
import { LockScreen } from '../screens/LockScreen';
import { LoginScreen } from '../screens/LoginScreen';
import { SetupScreen } from '../screens/SetupScreen';
import { StartupErrorScreen } from '../screens/StartupErrorScreen';
import {
  SETUP_QUERY,
  useActivityReporting,
  useForgetOnUserChange,
  useSession,
  useSessionEvents,
} from './session';

/**
 * Decides what the window shows: first-run setup, a start-up error, sign-in, the lock screen, or
 * the app. The session is checked every few seconds and whenever the window gets focus, so an
 * idle session shows the lock screen on its own.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const client = useClient();
  const i18n = useI18n();
  const [setupDone, setSetupDone] = useState(false);
  useSessionEvents(client);
  const setup = useQuery({ queryKey: SETUP_QUERY, queryFn: () => client.setup.status() });
  const session = useSession();
  useActivityReporting(session.data?.state === 'active');
  useForgetOnUserChange(session.data?.user.id ?? null);

  if (setup.isPending) return <Loading />;
  if (setup.error) return <ErrorAlert error={setup.error} onRetry={() => void setup.refetch()} />;
  if (setup.data.unlockError) return <StartupErrorScreen error={setup.data.unlockError} />;
  if (!setup.data.setUp) return <SetupScreen onDone={() => setSetupDone(true)} />;
  if (session.isPending) return <Loading />;
  if (!session.data) {
    return <LoginScreen {...(setupDone ? { notice: i18n.t('setup.done') } : {})} />;
  }
  if (session.data.state === 'locked') return <LockScreen session={session.data} />;
  return <>{children}</>;
}

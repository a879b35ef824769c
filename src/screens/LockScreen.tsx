import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { SessionInfo } from '../../electron/shared/accounts';
import { useClient } from '../api/client';
import { AuthCard } from '../components/AuthCard';
import { shapeOf } from '../components/ErrorAlert';
import { PasswordField } from '../components/PasswordField';
import { useI18n } from '../i18n/i18n';
import { SESSION_QUERY } from '../app/session';

/** Idle or locked by hand: only the same user's password opens it again. */
export function LockScreen({ session }: { session: SessionInfo }) {
  const client = useClient();
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState('');
  const unlock = useMutation({
    mutationFn: () => client.session.unlock({ password }),
    onSuccess: (next) => queryClient.setQueryData(SESSION_QUERY, next),
    onError: async () => {
      setPassword('');
      await queryClient.invalidateQueries({ queryKey: SESSION_QUERY });
    },
  });
  const signOut = useMutation({
    mutationFn: () => client.session.logout(),
    onSuccess: () => queryClient.setQueryData(SESSION_QUERY, null),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    unlock.mutate();
  };
  return (
    <AuthCard title={i18n.t('lock.title')}>
      <form onSubmit={submit} noValidate>
        <Stack spacing={2}>
          <Typography>{i18n.t('lock.explain', { name: session.user.displayName })}</Typography>
          <PasswordField
            label={i18n.t('login.password')}
            autoFocus
            required
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
          {unlock.error ? (
            <Alert severity="error" role="alert">
              {i18n.errorText(shapeOf(unlock.error))}
            </Alert>
          ) : null}
          <Button type="submit" variant="contained" size="large" disabled={unlock.isPending}>
            {i18n.t('lock.unlock')}
          </Button>
          <Button variant="text" onClick={() => signOut.mutate()}>
            {i18n.t('lock.signOut')}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}

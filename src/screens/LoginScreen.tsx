import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useClient } from '../api/client';
import { AuthCard } from '../components/AuthCard';
import { shapeOf } from '../components/ErrorAlert';
import { PasswordField } from '../components/PasswordField';
import { useI18n } from '../i18n/i18n';
import { SESSION_QUERY } from '../app/session';

export function LoginScreen({ notice }: { notice?: string }) {
  const client = useClient();
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({
    mutationFn: () => client.session.login({ username, password }),
    onSuccess: (session) => {
      setPassword('');
      queryClient.setQueryData(SESSION_QUERY, session);
    },
    onError: () => setPassword(''),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate();
  };
  return (
    <AuthCard title={i18n.t('login.title')}>
      <form onSubmit={submit} noValidate>
        <Stack spacing={2}>
          {notice ? <Alert severity="success">{notice}</Alert> : null}
          <TextField
            label={i18n.t('login.username')}
            autoFocus
            required
            autoComplete="username"
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            slotProps={{ htmlInput: { dir: 'ltr', autoCapitalize: 'off' } }}
          />
          <PasswordField
            label={i18n.t('login.password')}
            required
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
          {login.error ? (
            <Alert severity="error" role="alert">
              {i18n.errorText(shapeOf(login.error))}
            </Alert>
          ) : null}
          <Button type="submit" variant="contained" size="large" disabled={login.isPending}>
            {i18n.t('login.submit')}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}

import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useClient } from '../api/client';
import { AuthCard } from '../components/AuthCard';
import { shapeOf } from '../components/ErrorAlert';
import { PasswordField } from '../components/PasswordField';
import { useI18n } from '../i18n/i18n';

/** First run: the clinic's name and its first administrator. */
export function SetupScreen({ onDone }: { onDone: () => void }) {
  const client = useClient();
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    clinicName: '',
    clinicNameEn: '',
    username: '',
    displayName: '',
    password: '',
    confirm: '',
  });
  const [mismatch, setMismatch] = useState(false);
  const setup = useMutation({
    mutationFn: () =>
      client.setup.run({
        clinic: { name: form.clinicName, nameEn: form.clinicNameEn || null },
        admin: { username: form.username, displayName: form.displayName, password: form.password },
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['setup'] });
      onDone();
    },
  });
  const error = setup.error ? shapeOf(setup.error) : null;
  const fields = i18n.fieldErrors(error);
  const field = (name: keyof typeof form) => ({
    value: form[name],
    onChange: (event: { target: { value: string } }) =>
      setForm({ ...form, [name]: event.target.value }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const differ = form.password !== form.confirm;
    setMismatch(differ);
    if (!differ) setup.mutate();
  };
  return (
    <AuthCard title={i18n.t('setup.title')} width={560}>
      <Typography sx={{ mb: 3 }} color="text.secondary">
        {i18n.t('setup.intro')}
      </Typography>
      <form onSubmit={submit} noValidate>
        <Stack spacing={2}>
          <Typography variant="subtitle1" component="h2">
            {i18n.t('setup.clinicSection')}
          </Typography>
          <TextField
            label={i18n.t('setup.clinicName')}
            required
            autoFocus
            {...field('clinicName')}
            error={Boolean(fields['clinic.name'])}
            helperText={fields['clinic.name']}
          />
          <TextField
            label={`${i18n.t('setup.clinicNameEn')} (${i18n.t('common.optional')})`}
            {...field('clinicNameEn')}
            slotProps={{ htmlInput: { dir: 'ltr' } }}
          />
          <Typography variant="subtitle1" component="h2" sx={{ pt: 1 }}>
            {i18n.t('setup.adminSection')}
          </Typography>
          <TextField
            label={i18n.t('setup.displayName')}
            required
            {...field('displayName')}
            error={Boolean(fields['admin.displayName'])}
            helperText={fields['admin.displayName']}
          />
          <TextField
            label={i18n.t('setup.username')}
            required
            autoComplete="username"
            {...field('username')}
            slotProps={{ htmlInput: { dir: 'ltr', autoCapitalize: 'off' } }}
            error={Boolean(fields['admin.username'])}
            helperText={fields['admin.username']}
          />
          <PasswordField
            label={i18n.t('setup.password')}
            required
            autoComplete="new-password"
            {...field('password')}
            error={Boolean(fields['admin.password'])}
            helperText={fields['admin.password'] ?? i18n.t('setup.passwordHint')}
          />
          <PasswordField
            label={i18n.t('setup.confirm')}
            required
            autoComplete="new-password"
            {...field('confirm')}
            error={mismatch}
            helperText={mismatch ? i18n.t('setup.mismatch') : ' '}
          />
          {error && Object.keys(fields).length === 0 ? (
            <Alert severity="error" role="alert">
              {i18n.errorText(error)}
            </Alert>
          ) : null}
          <Button type="submit" variant="contained" size="large" disabled={setup.isPending}>
            {i18n.t('setup.submit')}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}

import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useClient } from '../api/client';
import { shapeOf } from '../components/ErrorAlert';
import { PasswordField } from '../components/PasswordField';
import { useI18n } from '../i18n/i18n';

export function ChangePasswordDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const client = useClient();
  const i18n = useI18n();
  const [form, setForm] = useState({ currentPassword: '', newPassword: '', confirm: '' });
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation({
    mutationFn: () =>
      client.session.changePassword({
        currentPassword: form.currentPassword,
        newPassword: form.newPassword,
      }),
    onSuccess: () => setForm({ currentPassword: '', newPassword: '', confirm: '' }),
  });
  const error = change.error ? shapeOf(change.error) : null;
  const fields = i18n.fieldErrors(error);
  const close = () => {
    change.reset();
    setForm({ currentPassword: '', newPassword: '', confirm: '' });
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const differ = form.newPassword !== form.confirm;
    setMismatch(differ);
    if (!differ) change.mutate();
  };
  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="xs">
      <form onSubmit={submit} noValidate>
        <DialogTitle>{i18n.t('password.title')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {change.isSuccess ? (
              <Alert severity="success">{i18n.t('password.changed')}</Alert>
            ) : null}
            <PasswordField
              label={i18n.t('password.current')}
              autoFocus
              autoComplete="current-password"
              value={form.currentPassword}
              onChange={(event) => setForm({ ...form, currentPassword: event.target.value })}
              error={Boolean(fields['currentPassword'])}
              helperText={fields['currentPassword']}
            />
            <PasswordField
              label={i18n.t('password.new')}
              autoComplete="new-password"
              value={form.newPassword}
              onChange={(event) => setForm({ ...form, newPassword: event.target.value })}
              error={Boolean(fields['newPassword'])}
              helperText={fields['newPassword'] ?? i18n.t('setup.passwordHint')}
            />
            <PasswordField
              label={i18n.t('setup.confirm')}
              autoComplete="new-password"
              value={form.confirm}
              onChange={(event) => setForm({ ...form, confirm: event.target.value })}
              error={mismatch}
              helperText={mismatch ? i18n.t('setup.mismatch') : ' '}
            />
            {error && Object.keys(fields).length === 0 ? (
              <Alert severity="error" role="alert">
                {i18n.errorText(error)}
              </Alert>
            ) : null}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{i18n.t('common.close')}</Button>
          <Button type="submit" variant="contained" disabled={change.isPending}>
            {i18n.t('common.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

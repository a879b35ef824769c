import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import type { FormEvent, ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';

/**
 * A dialog that is one form: its title, the fields in a column, the error that belongs to no
 * field, and Cancel / submit. Enter submits; the submit button shows progress while saving.
 */
export function FormDialog({
  open = true,
  titleId,
  title,
  maxWidth = 'sm',
  onClose,
  onSubmit,
  saving = false,
  error = null,
  submitLabel,
  children,
}: {
  open?: boolean;
  /** The title element's id, which names the dialog. */
  titleId: string;
  title: ReactNode;
  maxWidth?: 'sm' | 'md';
  onClose: () => void;
  onSubmit: (event: FormEvent) => void;
  saving?: boolean;
  /** The error that no field explains, shown under the fields. */
  error?: string | null;
  /** The submit button's words; "Save" when not given. */
  submitLabel?: string;
  children: ReactNode;
}) {
  const i18n = useI18n();
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth={maxWidth} aria-labelledby={titleId}>
      <form onSubmit={onSubmit} noValidate>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {children}
            {error ? (
              <Alert severity="error" role="alert">
                {error}
              </Alert>
            ) : null}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{i18n.t('common.cancel')}</Button>
          <Button type="submit" variant="contained" loading={saving}>
            {submitLabel ?? i18n.t('common.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

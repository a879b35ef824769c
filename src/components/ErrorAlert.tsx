import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { CallError } from '../../electron/shared/contract/client';
import type { ErrorShape } from '../../electron/shared/errors';
import { useI18n } from '../i18n/i18n';

/** The shape of any error, as the UI shows it: a refused call's own message, or a generic one. */
export function shapeOf(error: unknown): ErrorShape {
  if (error instanceof CallError) return error.shape;
  return { code: 'internal', messageKey: 'error.internal' };
}

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const i18n = useI18n();
  const shape = shapeOf(error);
  return (
    <Alert
      severity="error"
      role="alert"
      action={
        onRetry ? (
          <Button color="inherit" size="small" onClick={onRetry}>
            {i18n.t('common.retry')}
          </Button>
        ) : undefined
      }
    >
      {i18n.errorText(shape)}
    </Alert>
  );
}

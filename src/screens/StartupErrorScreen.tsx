import Alert from '@mui/material/Alert';
import type { ErrorShape } from '../../electron/shared/errors';
import { AuthCard } from '../components/AuthCard';
import { useI18n } from '../i18n/i18n';

/** The keys could not be opened (e.g. the OS key store is missing): say why, plainly. */
export function StartupErrorScreen({ error }: { error: ErrorShape }) {
  const i18n = useI18n();
  return (
    <AuthCard title={i18n.t('startup.title')} width={560}>
      <Alert severity="error" role="alert">
        {i18n.errorText(error)}
      </Alert>
    </AuthCard>
  );
}

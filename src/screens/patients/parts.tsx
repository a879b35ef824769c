import Alert from '@mui/material/Alert';
import type { ReactNode } from 'react';
import type { Permission } from '../../../electron/shared/roles';
import { useCan } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/i18n';

/**
 * A number, code or phone number: Persian digits in Persian, kept in its own left-to-right order
 * inside right-to-left text.
 */
export function Digits({ value }: { value: string | number | null | undefined }) {
  const i18n = useI18n();
  if (value === null || value === undefined || value === '') return <>{i18n.t('common.none')}</>;
  return <span className="ltr">{i18n.digits(value)}</span>;
}

/**
 * A screen only some roles may use. The core refuses the calls anyway; this says so at once
 * instead of showing a form that cannot be saved.
 */
export function RequirePermission({
  permission,
  children,
}: {
  permission: Permission;
  children: ReactNode;
}) {
  const i18n = useI18n();
  if (useCan(permission)) return <>{children}</>;
  return (
    <>
      <PageHeader title={i18n.t('patients.title')} />
      <Alert severity="warning" role="alert">
        {i18n.message('access.denied')}
      </Alert>
    </>
  );
}

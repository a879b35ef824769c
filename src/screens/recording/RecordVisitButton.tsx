import Mic from '@mui/icons-material/Mic';
import Button, { type ButtonProps } from '@mui/material/Button';
import { Link as RouterLink } from 'react-router';
import type { Visit } from '../../../electron/shared/scheduling';
import { roleCan } from '../../../electron/shared/roles';
import { useSignedIn } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { consultationPath } from './model';

const RECORDABLE = new Set<Visit['status']>(['arrived', 'in_progress', 'completed']);

/**
 * The way into a visit's consultation screen, for whoever may record it: an administrator, or
 * the visit's own doctor (the core refuses anyone else), once the patient is there.
 */
export function RecordVisitButton({
  visit,
  ...props
}: { visit: Visit } & Omit<ButtonProps, 'href' | 'onClick'>) {
  const i18n = useI18n();
  const { user } = useSignedIn();
  const allowed =
    roleCan(user.role, 'recording.capture') &&
    (user.role === 'admin' || visit.doctorId === user.id) &&
    RECORDABLE.has(visit.status);
  if (!allowed) return null;
  return (
    <Button
      component={RouterLink}
      to={consultationPath(visit.id)}
      startIcon={<Mic />}
      aria-label={i18n.t('recording.openFor', { name: visit.patientName })}
      {...props}
    >
      {i18n.t('recording.open')}
    </Button>
  );
}

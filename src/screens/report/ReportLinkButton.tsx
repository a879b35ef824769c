import Assignment from '@mui/icons-material/Assignment';
import Button, { type ButtonProps } from '@mui/material/Button';
import { Link as RouterLink } from 'react-router';
import { roleCan } from '../../../electron/shared/roles';
import type { Visit } from '../../../electron/shared/scheduling';
import { useSignedIn } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { reportPath } from './model';

/** Visits that can have a report: the patient came. */
const REPORTABLE = new Set<Visit['status']>(['arrived', 'in_progress', 'completed']);

/**
 * The way to a visit's SOAP report, for whoever may read it: an administrator, or the visit's own
 * doctor (the core refuses anyone else).
 */
export function ReportLinkButton({
  visit,
  ...props
}: { visit: Pick<Visit, 'id' | 'doctorId' | 'status' | 'patientName'> } & Omit<
  ButtonProps,
  'href' | 'onClick'
>) {
  const i18n = useI18n();
  const { user } = useSignedIn();
  const allowed =
    roleCan(user.role, 'report.view') &&
    (user.role === 'admin' || visit.doctorId === user.id) &&
    REPORTABLE.has(visit.status);
  if (!allowed) return null;
  return (
    <Button
      component={RouterLink}
      to={reportPath(visit.id)}
      startIcon={<Assignment />}
      aria-label={i18n.t('report.openFor', { name: visit.patientName })}
      {...props}
    >
      {i18n.t('report.open')}
    </Button>
  );
}

import Chip, { type ChipProps } from '@mui/material/Chip';
import type { VisitStatus } from '../../electron/shared/scheduling';
import { useI18n } from '../i18n/i18n';
import { visitStatusText } from '../screens/patients/format';

const statusColors: Record<VisitStatus, ChipProps['color']> = {
  scheduled: 'info',
  confirmed: 'primary',
  arrived: 'secondary',
  in_progress: 'warning',
  completed: 'success',
  cancelled: 'default',
  no_show: 'error',
};

/** A visit's state as a small coloured label, the same in every list and calendar. */
export function VisitStatusChip({ status }: { status: VisitStatus }) {
  const i18n = useI18n();
  return (
    <Chip
      size="small"
      variant="outlined"
      color={statusColors[status]}
      label={visitStatusText(i18n, status)}
    />
  );
}

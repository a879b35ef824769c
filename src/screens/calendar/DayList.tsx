import Box from '@mui/material/Box';
import Portal from '@mui/material/Portal';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { DayView, VisitType } from '../../../electron/shared/scheduling';
import { useI18n } from '../../i18n/i18n';
import { isolateLtr, visitStatusText } from '../patients/format';
import { dayTitle, feeText, isActive, rangeText, typeName } from './model';

/**
 * The day's list for paper: one table per doctor, visits in time order with fee and paid flag.
 * Rendered into <body> beside the app and hidden on screen; the print style sheet shows only this.
 */
export function DayList({
  day,
  types,
  clinicName,
}: {
  day: DayView;
  types: readonly VisitType[] | undefined;
  clinicName: string | undefined;
}) {
  const i18n = useI18n();
  return (
    <Portal>
      <Box className="print-only" sx={{ display: 'none', p: 2 }} dir={i18n.dir}>
        <Typography variant="h6" component="p">
          {clinicName}
        </Typography>
        <Typography variant="subtitle1" component="p" sx={{ mb: 2 }}>
          {i18n.t('calendar.print.title', { day: dayTitle(i18n, day.date) })}
        </Typography>
        {day.doctors.map((doctor) => {
          const visits = day.visits
            .filter((visit) => visit.doctorId === doctor.id && isActive(visit))
            .sort((a, b) => a.startMinute - b.startMinute);
          return (
            <Box key={doctor.id} sx={{ mb: 3, breakInside: 'avoid' }}>
              <Typography variant="subtitle2" component="p">
                {doctor.name} — {i18n.t('calendar.print.count', { count: visits.length })}
              </Typography>
              {visits.length === 0 ? (
                <Typography variant="body2">{i18n.t('calendar.print.none')}</Typography>
              ) : (
                <Table size="small">
                  <TableHead>
                    <TableRow>
                      <TableCell>{i18n.t('calendar.time')}</TableCell>
                      <TableCell>{i18n.t('calendar.patient.label')}</TableCell>
                      <TableCell>{i18n.t('calendar.visit.mrn')}</TableCell>
                      <TableCell>{i18n.t('calendar.type')}</TableCell>
                      <TableCell>{i18n.t('calendar.visit.status')}</TableCell>
                      <TableCell>{i18n.t('calendar.visit.fee')}</TableCell>
                      <TableCell>{i18n.t('calendar.paid')}</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {visits.map((visit) => (
                      <TableRow key={visit.id}>
                        <TableCell sx={{ whiteSpace: 'nowrap' }}>
                          {rangeText(
                            i18n,
                            visit.startMinute,
                            visit.startMinute + visit.durationMinutes,
                          )}
                        </TableCell>
                        <TableCell>{visit.patientName}</TableCell>
                        <TableCell>{isolateLtr(i18n.digits(visit.patientMrn))}</TableCell>
                        <TableCell>{typeName(i18n, types, visit.type)}</TableCell>
                        <TableCell>{visitStatusText(i18n, visit.status)}</TableCell>
                        <TableCell sx={{ whiteSpace: 'nowrap' }}>
                          {feeText(i18n, visit.feeAmount)}
                        </TableCell>
                        <TableCell>
                          {visit.isPaid ? i18n.t('calendar.yes') : i18n.t('calendar.no')}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </Box>
          );
        })}
      </Box>
    </Portal>
  );
}

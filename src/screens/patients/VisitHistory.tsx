import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useClient } from '../../api/client';
import { VisitStatusChip } from '../../components/VisitStatusChip';
import { Empty, QueryState } from '../../components/QueryState';
import { useI18n } from '../../i18n/i18n';
import { patientKeys, rials, visitTypeText } from './format';

/** The patient's visits, newest first, with their own loading, empty and error states. */
export function VisitHistory({ patientId }: { patientId: string }) {
  const client = useClient();
  const i18n = useI18n();
  const visits = useQuery({
    queryKey: patientKeys.visits(patientId),
    queryFn: () => client.patients.visits({ id: patientId }),
  });
  return (
    <section aria-labelledby="patient-visits-heading">
      <Typography id="patient-visits-heading" variant="h6" component="h2" sx={{ mb: 1 }}>
        {i18n.t('patients.visits.title')}
      </Typography>
      <QueryState query={visits}>
        {(items) =>
          items.length === 0 ? (
            <Paper variant="outlined">
              <Empty title={i18n.t('patients.visits.none')} />
            </Paper>
          ) : (
            <TableContainer component={Paper} variant="outlined">
              <Table size="small" aria-labelledby="patient-visits-heading">
                <TableHead>
                  <TableRow>
                    <TableCell>{i18n.t('patients.visits.date')}</TableCell>
                    <TableCell>{i18n.t('patients.visits.doctor')}</TableCell>
                    <TableCell>{i18n.t('patients.visits.type')}</TableCell>
                    <TableCell>{i18n.t('patients.visits.status')}</TableCell>
                    <TableCell>{i18n.t('patients.visits.complaint')}</TableCell>
                    <TableCell align="right">{i18n.t('patients.visits.fee')}</TableCell>
                    <TableCell>{i18n.t('patients.visits.paid')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {items.map((visit) => (
                    <TableRow key={visit.id}>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>
                        {i18n.dateTime(visit.scheduledAt)}
                      </TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{visit.doctorName}</TableCell>
                      <TableCell>{visitTypeText(i18n, visit.type)}</TableCell>
                      <TableCell>
                        <VisitStatusChip status={visit.status} />
                      </TableCell>
                      <TableCell>{visit.chiefComplaint || i18n.t('common.none')}</TableCell>
                      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                        <span className="ltr">{rials(i18n, visit.feeAmount)}</span>
                      </TableCell>
                      <TableCell>
                        {visit.isPaid
                          ? i18n.t('patients.visits.isPaid')
                          : i18n.t('patients.visits.unpaid')}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          )
        }
      </QueryState>
    </section>
  );
}

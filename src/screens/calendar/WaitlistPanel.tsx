import Add from '@mui/icons-material/Add';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { PatientListItem } from '../../../electron/shared/patients/patient';
import type { DoctorSummary, VisitType, WaitlistEntry } from '../../../electron/shared/scheduling';
import { useClient } from '../../api/client';
import { ErrorAlert, shapeOf } from '../../components/ErrorAlert';
import { Empty, QueryState } from '../../components/QueryState';
import { useI18n } from '../../i18n/i18n';
import { isoOfPickedDate, pickerDateOf } from '../patients/format';
import type { BookingStart } from './BookingDialog';
import { calendarKeys, dayTitle, refreshSchedule, timeText, typeName } from './model';
import { DoctorField, VisitTypeField } from './fields';
import { PatientPicker } from './PatientPicker';

const ANY = '';

/** The later of two ISO dates (a waitlist entry's earliest date, never before today). */
function laterOf(date: string | null, today: string): string {
  return date && date > today ? date : today;
}

function AddDialog({
  doctors,
  types,
  onClose,
}: {
  doctors: readonly DoctorSummary[];
  types: readonly VisitType[];
  onClose: () => void;
}) {
  const client = useClient();
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const [patient, setPatient] = useState<PatientListItem | null>(null);
  const [doctorId, setDoctorId] = useState(ANY);
  const [type, setType] = useState(types.find((candidate) => candidate.isActive)?.code ?? '');
  const [earliest, setEarliest] = useState<string | null>(null);
  const [latest, setLatest] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const add = useMutation({
    mutationFn: () =>
      client.waitlist.add({
        patientId: patient?.id ?? '',
        doctorId: doctorId === ANY ? null : doctorId,
        type,
        earliestDate: earliest,
        latestDate: latest,
        note,
      }),
    onSuccess: async () => {
      await refreshSchedule(queryClient);
      onClose();
    },
  });
  const fields = add.error ? i18n.fieldErrors(shapeOf(add.error)) : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (patient) add.mutate();
  };
  const dateField = (
    id: string,
    label: string,
    value: string | null,
    onChange: (value: string | null) => void,
  ) => (
    <DatePicker
      label={label}
      value={pickerDateOf(value)}
      onChange={(picked) =>
        onChange(picked && !Number.isNaN(picked.getTime()) ? isoOfPickedDate(picked) : null)
      }
      format="yyyy/MM/dd"
      slotProps={{
        textField: { id, fullWidth: true, error: Boolean(fields[id]), helperText: fields[id] },
        field: { clearable: true },
      }}
    />
  );
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="waitlist-add-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="waitlist-add-title">{i18n.t('calendar.waitlist.add')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <PatientPicker value={patient} onChange={setPatient} autoFocus />
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              <DoctorField
                id="waitlist-doctor"
                doctors={doctors}
                anyLabel={i18n.t('calendar.waitlist.anyDoctor')}
                value={doctorId}
                onChange={setDoctorId}
                fullWidth
              />
              <VisitTypeField
                id="waitlist-type"
                types={types}
                value={type}
                onChange={setType}
                fullWidth
              />
            </Stack>
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              {dateField(
                'earliestDate',
                i18n.t('calendar.waitlist.earliest'),
                earliest,
                setEarliest,
              )}
              {dateField('latestDate', i18n.t('calendar.waitlist.latest'), latest, setLatest)}
            </Stack>
            <TextField
              id="waitlist-note"
              label={i18n.t('calendar.waitlist.note')}
              value={note}
              onChange={(event) => setNote(event.target.value)}
              fullWidth
            />
            {add.error && Object.keys(fields).length === 0 ? (
              <ErrorAlert error={add.error} />
            ) : null}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{i18n.t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={!patient} loading={add.isPending}>
            {i18n.t('calendar.waitlist.addSubmit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/**
 * Patients waiting for an earlier or any slot. When a visit is cancelled, the freed slot is
 * offered to the first matching entry; reception books the offer or passes it on.
 */
export function WaitlistPanel({
  doctors,
  types,
  today,
  onBook,
}: {
  doctors: readonly DoctorSummary[];
  types: readonly VisitType[];
  today: string;
  onBook: (start: BookingStart) => void;
}) {
  const client = useClient();
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const entries = useQuery({
    queryKey: calendarKeys.waitlist,
    queryFn: () => client.waitlist.list(),
  });
  const change = useMutation({
    mutationFn: (action: () => Promise<unknown>) => action(),
    onSuccess: () => refreshSchedule(queryClient),
  });
  const book = useMutation({
    mutationFn: (entry: WaitlistEntry) => client.patients.get({ id: entry.patientId }),
    onSuccess: (patient, entry) =>
      onBook({
        patient,
        doctorId: entry.offer?.doctorId ?? entry.doctorId ?? undefined,
        date: entry.offer?.date ?? laterOf(entry.earliestDate, today),
        minute: entry.offer?.startMinute,
        type: entry.type,
        waitlistId: entry.id,
      }),
  });
  const range = (entry: WaitlistEntry) =>
    entry.earliestDate || entry.latestDate
      ? [entry.earliestDate, entry.latestDate]
          .map((value) => (value ? i18n.date(value) : '…'))
          .join(' — ')
      : i18n.t('calendar.waitlist.anyTime');

  return (
    <Stack spacing={2}>
      <Stack direction="row" sx={{ justifyContent: 'flex-end' }}>
        <Button variant="outlined" startIcon={<Add />} onClick={() => setAdding(true)}>
          {i18n.t('calendar.waitlist.add')}
        </Button>
      </Stack>
      {(change.error ?? book.error) ? <ErrorAlert error={change.error ?? book.error} /> : null}
      <QueryState query={entries}>
        {(items) =>
          items.length === 0 ? (
            <Paper variant="outlined">
              <Empty title={i18n.t('calendar.waitlist.empty')} />
            </Paper>
          ) : (
            <TableContainer component={Paper} variant="outlined">
              <Table size="small" aria-label={i18n.t('calendar.view.waitlist')}>
                <TableHead>
                  <TableRow>
                    <TableCell>{i18n.t('calendar.patient.label')}</TableCell>
                    <TableCell>{i18n.t('calendar.doctor')}</TableCell>
                    <TableCell>{i18n.t('calendar.type')}</TableCell>
                    <TableCell>{i18n.t('calendar.waitlist.range')}</TableCell>
                    <TableCell>{i18n.t('calendar.waitlist.offer')}</TableCell>
                    <TableCell>{i18n.t('calendar.waitlist.actions')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {items.map((entry) => (
                    <TableRow key={entry.id}>
                      <TableCell>
                        {entry.patientName}
                        {entry.note ? ` — ${entry.note}` : ''}
                      </TableCell>
                      <TableCell>
                        {entry.doctorName ?? i18n.t('calendar.waitlist.anyDoctor')}
                      </TableCell>
                      <TableCell>{typeName(i18n, types, entry.type)}</TableCell>
                      <TableCell>{range(entry)}</TableCell>
                      <TableCell>
                        {entry.offer ? (
                          <Chip
                            color="primary"
                            size="small"
                            label={`${dayTitle(i18n, entry.offer.date)} ${timeText(i18n, entry.offer.startMinute)}`}
                          />
                        ) : (
                          i18n.t('common.none')
                        )}
                      </TableCell>
                      <TableCell>
                        <Stack direction="row" spacing={1}>
                          <Button
                            size="small"
                            variant="contained"
                            onClick={() => book.mutate(entry)}
                            loading={book.isPending && book.variables.id === entry.id}
                          >
                            {i18n.t('calendar.waitlist.book')}
                          </Button>
                          {entry.offer ? (
                            <Button
                              size="small"
                              onClick={() =>
                                change.mutate(() => client.waitlist.release({ id: entry.id }))
                              }
                            >
                              {i18n.t('calendar.waitlist.release')}
                            </Button>
                          ) : null}
                          <Button
                            size="small"
                            color="error"
                            onClick={() =>
                              change.mutate(() => client.waitlist.remove({ id: entry.id }))
                            }
                          >
                            {i18n.t('calendar.waitlist.remove')}
                          </Button>
                        </Stack>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          )
        }
      </QueryState>
      {adding ? (
        <AddDialog doctors={doctors} types={types} onClose={() => setAdding(false)} />
      ) : null}
    </Stack>
  );
}

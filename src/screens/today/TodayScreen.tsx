import DirectionsWalk from '@mui/icons-material/DirectionsWalk';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { PatientListItem } from '../../../electron/shared/patients/patient';
import type { DoctorSummary, Queue, Visit, VisitType } from '../../../electron/shared/scheduling';
import { useClient } from '../../api/client';
import { useCan } from '../../app/session';
import { ErrorAlert, shapeOf } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { VisitStatusChip } from '../../components/VisitStatusChip';
import { useI18n } from '../../i18n/i18n';
import { useScheduleBasics } from '../calendar/CalendarScreen';
import { calendarKeys, dayTitle, refreshSchedule, timeText, typeName } from '../calendar/model';
import { DoctorField, VisitTypeField } from '../calendar/fields';
import { PatientPicker } from '../calendar/PatientPicker';
import { RecordVisitButton } from '../recording/RecordVisitButton';

type DoctorQueue = Queue['doctors'][number];

function WalkInDialog({
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
  const [doctorId, setDoctorId] = useState(doctors[0]?.id ?? '');
  const [type, setType] = useState(types.find((candidate) => candidate.isActive)?.code ?? '');
  const [complaint, setComplaint] = useState('');
  const walkIn = useMutation({
    mutationFn: () =>
      client.visits.walkIn({
        patientId: patient?.id ?? '',
        doctorId,
        type,
        chiefComplaint: complaint,
      }),
    onSuccess: async () => {
      await refreshSchedule(queryClient);
      onClose();
    },
  });
  const fields = walkIn.error ? i18n.fieldErrors(shapeOf(walkIn.error)) : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (patient) walkIn.mutate();
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="walk-in-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="walk-in-title">{i18n.t('today.walkIn.title')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <PatientPicker value={patient} onChange={setPatient} autoFocus />
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              <DoctorField
                id="walk-in-doctor"
                doctors={doctors}
                value={doctorId}
                onChange={setDoctorId}
                required
                fullWidth
                error={Boolean(fields['doctorId'])}
                helperText={fields['doctorId']}
              />
              <VisitTypeField
                id="walk-in-type"
                types={types}
                value={type}
                onChange={setType}
                required
                fullWidth
              />
            </Stack>
            <TextField
              id="walk-in-complaint"
              label={i18n.t('calendar.complaint')}
              value={complaint}
              onChange={(event) => setComplaint(event.target.value)}
              fullWidth
            />
            {walkIn.error && Object.keys(fields).length === 0 ? (
              <ErrorAlert error={walkIn.error} />
            ) : null}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{i18n.t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={!patient} loading={walkIn.isPending}>
            {i18n.t('today.walkIn.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function Section({
  id,
  title,
  empty,
  children,
}: {
  id: string;
  title: string;
  empty: boolean;
  children: ReactNode;
}) {
  const i18n = useI18n();
  return (
    <Box component="section" aria-labelledby={id} sx={{ minWidth: 0 }}>
      <Typography id={id} variant="subtitle2" component="h3" color="text.secondary">
        {title}
      </Typography>
      {empty ? (
        <Typography variant="body2" color="text.secondary" sx={{ py: 1 }}>
          {i18n.t('today.queue.nobody')}
        </Typography>
      ) : (
        <List dense disablePadding>
          {children}
        </List>
      )}
    </Box>
  );
}

/** One doctor's part of the day: who is inside, who waits (in order, how long), who is expected. */
function DoctorQueueCard({
  doctor,
  types,
  act,
  busy,
}: {
  doctor: DoctorQueue;
  types: readonly VisitType[] | undefined;
  act: (action: 'checkIn' | 'start' | 'complete', visit: Visit) => void;
  busy: boolean;
}) {
  const i18n = useI18n();
  const canStart = useCan('encounter.start');
  const prefix = `queue-${doctor.doctorId}`;
  const visitText = (visit: Visit) =>
    `${visit.patientName} — ${typeName(i18n, types, visit.type)}${visit.isWalkIn ? ` (${i18n.t('today.walkIn.short')})` : ''}`;
  return (
    <Paper component="section" aria-labelledby={`${prefix}-title`} variant="outlined" sx={{ p: 2 }}>
      <Typography id={`${prefix}-title`} variant="h6" component="h2" sx={{ mb: 1 }}>
        {doctor.doctorName}
      </Typography>
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: { xs: '1fr', md: 'repeat(3, minmax(0, 1fr))' },
          gap: 2,
        }}
      >
        <Section
          id={`${prefix}-in`}
          title={i18n.t('today.queue.inProgress')}
          empty={doctor.inProgress.length === 0}
        >
          {doctor.inProgress.map((visit) => (
            <ListItem
              key={visit.id}
              disableGutters
              secondaryAction={
                <Stack direction="row" spacing={1}>
                  <RecordVisitButton visit={visit} size="small" variant="contained" />
                  <Button size="small" disabled={busy} onClick={() => act('complete', visit)}>
                    {i18n.t('calendar.action.complete')}
                  </Button>
                </Stack>
              }
            >
              <ListItemText primary={visitText(visit)} />
            </ListItem>
          ))}
        </Section>
        <Section
          id={`${prefix}-waiting`}
          title={i18n.t('today.queue.waiting')}
          empty={doctor.waiting.length === 0}
        >
          {doctor.waiting.map(({ visit, position, waitingMinutes }) => (
            <ListItem
              key={visit.id}
              disableGutters
              secondaryAction={
                canStart ? (
                  <Button
                    size="small"
                    variant="contained"
                    disabled={busy}
                    onClick={() => act('start', visit)}
                    aria-label={i18n.t('today.queue.startFor', { name: visit.patientName })}
                  >
                    {i18n.t('calendar.action.start')}
                  </Button>
                ) : undefined
              }
            >
              <ListItemText
                primary={`${i18n.digits(position)}. ${visitText(visit)}`}
                secondary={i18n.t('today.queue.waitingFor', { minutes: waitingMinutes })}
              />
            </ListItem>
          ))}
        </Section>
        <Section
          id={`${prefix}-upcoming`}
          title={i18n.t('today.queue.upcoming')}
          empty={doctor.upcoming.length === 0}
        >
          {doctor.upcoming.map((visit) => (
            <ListItem
              key={visit.id}
              disableGutters
              secondaryAction={
                <Button
                  size="small"
                  variant="outlined"
                  disabled={busy}
                  onClick={() => act('checkIn', visit)}
                  aria-label={i18n.t('today.queue.checkInFor', { name: visit.patientName })}
                >
                  {i18n.t('calendar.action.checkIn')}
                </Button>
              }
            >
              <ListItemText
                primary={`${timeText(i18n, visit.startMinute)} ${visitText(visit)}`}
                secondary={<VisitStatusChip status={visit.status} />}
                slotProps={{ secondary: { component: 'div' } }}
              />
            </ListItem>
          ))}
        </Section>
      </Box>
    </Paper>
  );
}

/**
 * Reception's day: each doctor's queue — arrived patients in the order they will be seen with
 * their waiting time, the visits still expected (check in), and who is with the doctor. Walk-ins
 * join the queue from here. Refreshes every half minute.
 */
export function TodayScreen() {
  const client = useClient();
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const { doctors, types } = useScheduleBasics();
  const [walkIn, setWalkIn] = useState(false);
  const queue = useQuery({
    queryKey: calendarKeys.queue,
    queryFn: () => client.visits.queue(),
    refetchInterval: 30_000,
  });
  const act = useMutation({
    mutationFn: ({ action, visit }: { action: 'checkIn' | 'start' | 'complete'; visit: Visit }) =>
      client.visits[action]({ id: visit.id }),
    onSettled: () => refreshSchedule(queryClient),
  });
  return (
    <>
      <PageHeader
        title={
          queue.data
            ? `${i18n.t('today.title')} — ${dayTitle(i18n, queue.data.date)}`
            : i18n.t('today.title')
        }
        actions={
          <Button
            variant="contained"
            startIcon={<DirectionsWalk />}
            disabled={!doctors.data?.length || !types.data}
            onClick={() => setWalkIn(true)}
          >
            {i18n.t('today.walkIn.button')}
          </Button>
        }
      />
      {act.error ? (
        <Box sx={{ mb: 2 }}>
          <ErrorAlert error={act.error} />
        </Box>
      ) : null}
      <QueryState query={queue}>
        {(data) =>
          data.doctors.length === 0 ? (
            <Paper sx={{ p: 3 }}>
              <Typography>{i18n.t('today.queue.noDoctors')}</Typography>
            </Paper>
          ) : (
            <Stack spacing={2}>
              {data.doctors.map((doctor) => (
                <DoctorQueueCard
                  key={doctor.doctorId}
                  doctor={doctor}
                  types={types.data}
                  busy={act.isPending}
                  act={(action, visit) => act.mutate({ action, visit })}
                />
              ))}
            </Stack>
          )
        }
      </QueryState>
      {walkIn && doctors.data && types.data ? (
        <WalkInDialog doctors={doctors.data} types={types.data} onClose={() => setWalkIn(false)} />
      ) : null}
    </>
  );
}

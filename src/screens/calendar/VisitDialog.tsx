import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Divider from '@mui/material/Divider';
import FormControlLabel from '@mui/material/FormControlLabel';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import { formatMinute } from '../../../electron/shared/dates/clinic-time';
import type { DoctorSummary, Visit, VisitType } from '../../../electron/shared/scheduling';
import { visitActionVerbs, type VisitAction } from '../../../electron/shared/scheduling';
import { toAsciiDigits } from '../../../electron/shared/text/normalize';
import { useClient } from '../../api/client';
import { useCan } from '../../app/session';
import { VisitStatusChip } from '../../components/VisitStatusChip';
import { RecordVisitButton } from '../recording/RecordVisitButton';
import { ReportLinkButton } from '../report/ReportLinkButton';
import { useI18n } from '../../i18n/i18n';
import { isolateLtr, isoOfPickedDate, pickerDateOf } from '../patients/format';
import {
  calendarKeys,
  dayTitle,
  feeText,
  isMovable,
  rangeText,
  refreshSchedule,
  typeName,
} from './model';
import { DoctorField } from './fields';
import { NO_OVERRIDE, overrideOf, ScheduleError } from './ScheduleError';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline' }}>
      <Typography variant="body2" color="text.secondary" sx={{ minWidth: '7.5rem' }}>
        {label}
      </Typography>
      <Typography variant="body2" component="div">
        {children}
      </Typography>
    </Stack>
  );
}

/** Move a visit to another time, day or doctor (the same conflict rules as booking). */
function MoveForm({
  visit,
  doctors,
  onMoved,
}: {
  visit: Visit;
  doctors: readonly DoctorSummary[];
  onMoved: (visit: Visit) => void;
}) {
  const client = useClient();
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const [doctorId, setDoctorId] = useState(visit.doctorId);
  const [date, setDate] = useState(visit.date);
  const [time, setTime] = useState(formatMinute(visit.startMinute));
  const [override, setOverride] = useState(NO_OVERRIDE);
  const move = useMutation({
    mutationFn: (overriding: ReturnType<typeof overrideOf>) =>
      client.visits.move({
        id: visit.id,
        doctorId,
        date,
        time: toAsciiDigits(time),
        ...(overriding ? { override: overriding } : {}),
      }),
    onSuccess: async (moved) => {
      await refreshSchedule(queryClient);
      onMoved(moved);
    },
  });
  const changed = () => {
    move.reset();
    setOverride(NO_OVERRIDE);
  };
  return (
    <Stack spacing={1.5} component="section" aria-labelledby="move-title">
      <Typography id="move-title" variant="subtitle2" component="h3">
        {i18n.t('calendar.move.title')}
      </Typography>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5}>
        <DoctorField
          id="move-doctor"
          size="small"
          doctors={doctors}
          value={doctorId}
          onChange={(value) => {
            setDoctorId(value);
            changed();
          }}
          fullWidth
        />
        <DatePicker
          label={i18n.t('calendar.date')}
          value={pickerDateOf(date)}
          onChange={(value) => {
            if (value && !Number.isNaN(value.getTime())) setDate(isoOfPickedDate(value));
            changed();
          }}
          format="yyyy/MM/dd"
          slotProps={{ textField: { id: 'move-date', size: 'small', fullWidth: true } }}
        />
        <TextField
          id="move-time"
          size="small"
          label={i18n.t('calendar.time')}
          value={time}
          onChange={(event) => {
            setTime(event.target.value);
            changed();
          }}
          slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'numeric' } }}
          fullWidth
        />
        <Button
          variant="outlined"
          onClick={() => move.mutate(overrideOf(move.error, override))}
          loading={move.isPending}
          sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
        >
          {override.reason ? i18n.t('calendar.move.override') : i18n.t('calendar.move.submit')}
        </Button>
      </Stack>
      <ScheduleError error={move.error} choice={override} onChoice={setOverride} />
    </Stack>
  );
}

function History({ visitId }: { visitId: string }) {
  const client = useClient();
  const i18n = useI18n();
  const history = useQuery({
    queryKey: [...calendarKeys.visit(visitId), 'history'],
    queryFn: () => client.visits.history({ id: visitId }),
  });
  if (!history.data) return null;
  return (
    <section aria-labelledby="visit-history-title">
      <Typography id="visit-history-title" variant="subtitle2" component="h3">
        {i18n.t('calendar.visit.history')}
      </Typography>
      <List dense disablePadding>
        {history.data.map((event) => {
          const verb = visitActionVerbs[event.action as VisitAction];
          return (
            <ListItem key={event.id} disableGutters>
              <ListItemText
                primary={i18n.t('calendar.visit.event', {
                  who: event.userName ?? i18n.t('calendar.visit.system'),
                  action: verb ? verb[i18n.language] : event.action,
                })}
                secondary={[i18n.dateTime(event.at), event.note].filter(Boolean).join(' — ')}
              />
            </ListItem>
          );
        })}
      </List>
    </section>
  );
}

/**
 * One visit: who, when, fee and paid flag, the next steps its state allows (confirm, check in,
 * start, complete, cancel by patient or clinic), moving it, and its history.
 */
export function VisitDialog({
  visit: initial,
  doctors,
  types,
  today,
  onClose,
}: {
  visit: Visit;
  doctors: readonly DoctorSummary[];
  types: readonly VisitType[] | undefined;
  today: string | undefined;
  onClose: () => void;
}) {
  const client = useClient();
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const canStart = useCan('encounter.start');
  const [visit, setVisit] = useState(initial);
  const act = useMutation({
    mutationFn: (action: () => Promise<Visit>) => action(),
    onSuccess: async (changed) => {
      setVisit(changed);
      await refreshSchedule(queryClient);
    },
  });
  const cancel = useMutation({
    mutationFn: (party: 'patient' | 'clinic') => client.visits.cancel({ id: visit.id, party }),
    onSuccess: async (result) => {
      setVisit(result.visit);
      await refreshSchedule(queryClient);
    },
  });
  const open = visit.status === 'scheduled' || visit.status === 'confirmed';
  const busy = act.isPending || cancel.isPending;
  const run = (action: () => Promise<Visit>) => act.mutate(action);
  const end = visit.startMinute + visit.durationMinutes;

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="visit-title">
      <DialogTitle id="visit-title">{visit.patientName}</DialogTitle>
      <DialogContent>
        <Stack spacing={1}>
          <Row label={i18n.t('calendar.visit.when')}>
            {dayTitle(i18n, visit.date)} {rangeText(i18n, visit.startMinute, end)}
          </Row>
          <Row label={i18n.t('calendar.doctor')}>{visit.doctorName}</Row>
          <Row label={i18n.t('calendar.type')}>{typeName(i18n, types, visit.type)}</Row>
          <Row label={i18n.t('calendar.visit.status')}>
            <VisitStatusChip status={visit.status} />
            {visit.lateCancel ? ` ${i18n.t('calendar.visit.lateCancel')}` : ''}
          </Row>
          <Row label={i18n.t('calendar.visit.mrn')}>
            <RouterLink to={`/patients/${visit.patientId}`}>
              {isolateLtr(i18n.digits(visit.patientMrn))}
            </RouterLink>
          </Row>
          {visit.chiefComplaint ? (
            <Row label={i18n.t('calendar.complaint')}>{visit.chiefComplaint}</Row>
          ) : null}
          <Row label={i18n.t('calendar.visit.fee')}>
            <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
              <span>{feeText(i18n, visit.feeAmount)}</span>
              <FormControlLabel
                control={
                  <Switch
                    checked={visit.isPaid}
                    disabled={busy || visit.status === 'cancelled'}
                    onChange={(event) =>
                      run(() => client.visits.setPaid({ id: visit.id, paid: event.target.checked }))
                    }
                  />
                }
                label={i18n.t('calendar.paid')}
              />
            </Stack>
          </Row>
        </Stack>
        <ScheduleError error={act.error ?? cancel.error} />
        <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1, my: 2 }}>
          {visit.status === 'scheduled' ? (
            <Button
              variant="outlined"
              disabled={busy}
              onClick={() => run(() => client.visits.confirm({ id: visit.id }))}
            >
              {i18n.t('calendar.action.confirm')}
            </Button>
          ) : null}
          {open && visit.date === today ? (
            <Button
              variant="contained"
              disabled={busy}
              onClick={() => run(() => client.visits.checkIn({ id: visit.id }))}
            >
              {i18n.t('calendar.action.checkIn')}
            </Button>
          ) : null}
          {canStart && (visit.status === 'arrived' || open) && visit.date === today ? (
            <Button
              variant="outlined"
              disabled={busy}
              onClick={() => run(() => client.visits.start({ id: visit.id }))}
            >
              {i18n.t('calendar.action.start')}
            </Button>
          ) : null}
          {visit.status === 'in_progress' ? (
            <Button
              variant="contained"
              disabled={busy}
              onClick={() => run(() => client.visits.complete({ id: visit.id }))}
            >
              {i18n.t('calendar.action.complete')}
            </Button>
          ) : null}
          <RecordVisitButton visit={visit} variant="outlined" />
          <ReportLinkButton visit={visit} variant="outlined" />
          {open || visit.status === 'arrived' ? (
            <>
              <Button color="error" disabled={busy} onClick={() => cancel.mutate('patient')}>
                {i18n.t('calendar.action.cancelPatient')}
              </Button>
              <Button color="error" disabled={busy} onClick={() => cancel.mutate('clinic')}>
                {i18n.t('calendar.action.cancelClinic')}
              </Button>
            </>
          ) : null}
        </Stack>
        {cancel.data?.offeredTo ? (
          <Typography role="status" color="info.main" sx={{ mb: 2 }}>
            {i18n.t('calendar.waitlist.offered', { name: cancel.data.offeredTo.patientName })}
          </Typography>
        ) : null}
        {isMovable(visit) ? (
          <>
            <Divider sx={{ mb: 2 }} />
            <MoveForm visit={visit} doctors={doctors} onMoved={setVisit} />
          </>
        ) : null}
        <Divider sx={{ my: 2 }} />
        <History visitId={visit.id} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{i18n.t('common.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}

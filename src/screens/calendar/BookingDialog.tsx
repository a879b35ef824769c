import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { formatMinute } from '../../../electron/shared/dates/clinic-time';
import type { PatientListItem } from '../../../electron/shared/patients/patient';
import type { DoctorSummary, Visit, VisitType } from '../../../electron/shared/scheduling';
import { toAsciiDigits } from '../../../electron/shared/text/normalize';
import { useClient } from '../../api/client';
import { shapeOf } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';
import { isoOfPickedDate, pickerDateOf } from '../patients/format';
import { calendarKeys, dayTitle, feeText, refreshSchedule, timeText } from './model';
import { DoctorField, VisitTypeField } from './fields';
import { PatientPicker } from './PatientPicker';
import { isConflict, NO_OVERRIDE, overrideOf, ScheduleError } from './ScheduleError';

export interface BookingStart {
  readonly doctorId?: string | undefined;
  readonly date: string;
  readonly minute?: number | undefined;
  readonly patient?: PatientListItem | null | undefined;
  readonly type?: string | undefined;
  readonly waitlistId?: string | undefined;
}

const FIELDS = ['patientId', 'doctorId', 'type', 'date', 'time', 'durationMinutes'] as const;

/** Free slots of the chosen doctor from the chosen day on, as chips that fill in the time. */
function FreeSlots({
  doctorId,
  date,
  duration,
  chosen,
  onPick,
}: {
  doctorId: string;
  date: string;
  duration: number;
  chosen: { date: string; time: string };
  onPick: (date: string, minute: number) => void;
}) {
  const client = useClient();
  const i18n = useI18n();
  const slots = useQuery({
    queryKey: calendarKeys.freeSlots(doctorId, date, duration),
    queryFn: () =>
      client.visits.freeSlots({ doctorId, from: date, days: 7, durationMinutes: duration }),
    enabled: Boolean(doctorId && date && duration >= 5),
  });
  if (!slots.data) return null;
  const sameDay = slots.data.filter((slot) => slot.date === date).slice(0, 16);
  const later = slots.data.find((slot) => slot.date !== date);
  return (
    <Stack spacing={0.5} component="section" aria-labelledby="free-slots-title">
      <Typography id="free-slots-title" variant="subtitle2" component="h3">
        {i18n.t('calendar.book.freeSlots')}
      </Typography>
      {sameDay.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {later
            ? i18n.t('calendar.book.nextFree', {
                day: dayTitle(i18n, later.date),
                time: formatMinute(later.startMinute),
              })
            : i18n.t('calendar.book.noFree')}
        </Typography>
      ) : null}
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.75 }}>
        {sameDay.map((slot) => {
          const selected =
            chosen.date === slot.date && chosen.time === formatMinute(slot.startMinute);
          return (
            <Chip
              key={slot.startMinute}
              label={timeText(i18n, slot.startMinute)}
              color={selected ? 'primary' : 'default'}
              variant={selected ? 'filled' : 'outlined'}
              onClick={() => onPick(slot.date, slot.startMinute)}
              aria-pressed={selected}
            />
          );
        })}
        {sameDay.length === 0 && later ? (
          <Chip
            label={`${dayTitle(i18n, later.date)} ${timeText(i18n, later.startMinute)}`}
            variant="outlined"
            onClick={() => onPick(later.date, later.startMinute)}
          />
        ) : null}
      </Stack>
    </Stack>
  );
}

/**
 * A new visit: patient (search or register in place), doctor, type, Jalali date and time with
 * the free slots suggested, and optionally a weekly series. A conflict is shown by name; those
 * allowed to may book over it with a reason.
 */
export function BookingDialog({
  start,
  doctors,
  types,
  onClose,
  onBooked,
}: {
  start: BookingStart;
  doctors: readonly DoctorSummary[];
  types: readonly VisitType[];
  onClose: () => void;
  onBooked: (visits: Visit[]) => void;
}) {
  const client = useClient();
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const activeTypes = types.filter((type) => type.isActive);
  const firstType = activeTypes.find((type) => type.code === start.type) ?? activeTypes[0];
  const [patient, setPatient] = useState<PatientListItem | null>(start.patient ?? null);
  const [doctorId, setDoctorId] = useState(start.doctorId ?? doctors[0]?.id ?? '');
  const [type, setType] = useState(firstType?.code ?? '');
  const [date, setDate] = useState(start.date);
  const [time, setTime] = useState(start.minute === undefined ? '' : formatMinute(start.minute));
  const [duration, setDuration] = useState(String(firstType?.defaultDurationMinutes ?? 20));
  const [complaint, setComplaint] = useState('');
  const [repeat, setRepeat] = useState(false);
  const [repeatCount, setRepeatCount] = useState('4');
  const [override, setOverride] = useState(NO_OVERRIDE);
  const chosenType = types.find((candidate) => candidate.code === type);
  const durationMinutes = Number(toAsciiDigits(duration));

  const book = useMutation({
    mutationFn: (overriding: ReturnType<typeof overrideOf>) =>
      client.visits.book({
        patientId: patient?.id ?? '',
        doctorId,
        type,
        date,
        time: toAsciiDigits(time),
        durationMinutes,
        chiefComplaint: complaint,
        ...(repeat
          ? { repeat: { visits: Number(toAsciiDigits(repeatCount)), intervalDays: 7 } }
          : {}),
        ...(start.waitlistId ? { waitlistId: start.waitlistId } : {}),
        ...(overriding ? { override: overriding } : {}),
      }),
    onSuccess: async (visits) => {
      await refreshSchedule(queryClient);
      onBooked(visits);
    },
  });
  const shape = book.error ? shapeOf(book.error) : null;
  const fields = book.error && !isConflict(book.error) ? i18n.fieldErrors(shape) : {};
  const explained = FIELDS.some((name) => fields[name]);
  const changed = () => {
    if (book.error) book.reset();
    setOverride(NO_OVERRIDE);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!patient) return;
    book.mutate(overrideOf(book.error, override));
  };
  const overriding = isConflict(book.error) && override.reason !== '';

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md" aria-labelledby="booking-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="booking-title">{i18n.t('calendar.book.title')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <PatientPicker
              value={patient}
              onChange={(chosen) => {
                setPatient(chosen);
                changed();
              }}
              error={fields['patientId']}
              autoFocus={!patient}
            />
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              <DoctorField
                id="booking-doctor"
                doctors={doctors}
                value={doctorId}
                onChange={(value) => {
                  setDoctorId(value);
                  changed();
                }}
                required
                fullWidth
                error={Boolean(fields['doctorId'])}
                helperText={fields['doctorId']}
              />
              <VisitTypeField
                id="booking-type"
                types={types}
                value={type}
                onChange={(value) => {
                  const next = types.find((candidate) => candidate.code === value);
                  setType(value);
                  if (next) setDuration(String(next.defaultDurationMinutes));
                  changed();
                }}
                required
                fullWidth
                error={Boolean(fields['type'])}
                helperText={
                  fields['type'] ?? (chosenType ? feeText(i18n, chosenType.defaultFee) : undefined)
                }
              />
            </Stack>
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              <DatePicker
                label={i18n.t('calendar.date')}
                value={pickerDateOf(date)}
                onChange={(value) => {
                  if (value && !Number.isNaN(value.getTime())) setDate(isoOfPickedDate(value));
                  changed();
                }}
                format="yyyy/MM/dd"
                slotProps={{
                  textField: {
                    id: 'booking-date',
                    required: true,
                    fullWidth: true,
                    error: Boolean(fields['date']),
                    helperText: fields['date'] ?? dayTitle(i18n, date),
                  },
                }}
              />
              <TextField
                id="booking-time"
                label={i18n.t('calendar.time')}
                value={time}
                onChange={(event) => {
                  setTime(event.target.value);
                  changed();
                }}
                placeholder={i18n.digits('09:30')}
                required
                fullWidth
                error={Boolean(fields['time'])}
                helperText={fields['time'] ?? i18n.t('calendar.time.help')}
                slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'numeric' } }}
              />
              <TextField
                id="booking-duration"
                label={i18n.t('calendar.duration')}
                value={i18n.digits(duration)}
                onChange={(event) => {
                  setDuration(toAsciiDigits(event.target.value));
                  changed();
                }}
                required
                fullWidth
                error={Boolean(fields['durationMinutes'])}
                helperText={fields['durationMinutes'] ?? i18n.t('calendar.minutes')}
                slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'numeric' } }}
              />
            </Stack>
            <FreeSlots
              doctorId={doctorId}
              date={date}
              duration={durationMinutes}
              chosen={{ date, time: toAsciiDigits(time) }}
              onPick={(slotDate, minute) => {
                setDate(slotDate);
                setTime(formatMinute(minute));
                changed();
              }}
            />
            <TextField
              id="booking-complaint"
              label={i18n.t('calendar.complaint')}
              value={complaint}
              onChange={(event) => setComplaint(event.target.value)}
              fullWidth
            />
            <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
              <FormControlLabel
                control={
                  <Checkbox
                    checked={repeat}
                    onChange={(event) => {
                      setRepeat(event.target.checked);
                      changed();
                    }}
                  />
                }
                label={i18n.t('calendar.book.repeat')}
              />
              {repeat ? (
                <TextField
                  id="booking-repeat"
                  size="small"
                  label={i18n.t('calendar.book.repeatCount')}
                  value={i18n.digits(repeatCount)}
                  onChange={(event) => setRepeatCount(toAsciiDigits(event.target.value))}
                  slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'numeric' } }}
                  sx={{ width: 160 }}
                />
              ) : null}
            </Stack>
            {book.error && (!Object.keys(fields).length || !explained) ? (
              <ScheduleError error={book.error} choice={override} onChoice={setOverride} />
            ) : null}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{i18n.t('common.cancel')}</Button>
          <Button
            type="submit"
            variant="contained"
            color={overriding ? 'warning' : 'primary'}
            disabled={!patient}
            loading={book.isPending}
          >
            {overriding ? i18n.t('calendar.book.override') : i18n.t('calendar.book.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

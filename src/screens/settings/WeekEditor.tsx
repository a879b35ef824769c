import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import Add from '@mui/icons-material/Add';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import type {
  DoctorSummary,
  SchedulePeriod,
  WeeklySchedule,
} from '../../../electron/shared/scheduling';
import { useClient } from '../../api/client';
import { shapeOf } from '../../components/ErrorAlert';
import { useI18n, type I18n } from '../../i18n/i18n';
import { newDraftId, PeriodRow, type PeriodDraft, type PeriodErrors } from './PeriodFields';
import { minuteText, parseTimeText, WEEK_FROM_SATURDAY, weekdayName } from './schedule-format';
import { scheduleKeys, SCHEDULE_QUERY } from './schedule-queries';

type Kind = SchedulePeriod['kind'];

interface Row extends PeriodDraft {
  readonly weekday: number;
  readonly kind: Kind;
}

const dayRank = (weekday: number) => (WEEK_FROM_SATURDAY as readonly number[]).indexOf(weekday);

function rowsOf(i18n: I18n, schedule: WeeklySchedule): Row[] {
  return [...schedule.periods]
    .sort((a, b) => dayRank(a.weekday) - dayRank(b.weekday) || a.startMinute - b.startMinute)
    .map((period) => ({
      id: newDraftId(),
      weekday: period.weekday,
      kind: period.kind,
      start: minuteText(i18n, period.startMinute),
      end: minuteText(i18n, period.endMinute),
    }));
}

/** The week as it would be saved, to tell whether anything changed ('8' and '۰۸:۰۰' are one). */
function signatureOf(rows: readonly Row[]): string {
  const time = (text: string) => parseTimeText(text) ?? text.trim();
  return JSON.stringify(
    [...rows]
      .sort((a, b) => dayRank(a.weekday) - dayRank(b.weekday))
      .map((row) => [row.weekday, row.kind, time(row.start), time(row.end)]),
  );
}

/** The rows in the order they are sent: Saturday first, each day as it is shown. */
function inSendingOrder(rows: readonly Row[]): Row[] {
  return WEEK_FROM_SATURDAY.flatMap((weekday) => rows.filter((row) => row.weekday === weekday));
}

type Errors = Readonly<Record<string, PeriodErrors>>;

/** Times that cannot be sent: empty or not a time. */
function typingErrors(i18n: I18n, rows: readonly Row[]): Errors {
  const errors: Record<string, PeriodErrors> = {};
  for (const row of rows) {
    const problem = (text: string) =>
      text.trim() === ''
        ? i18n.message('validation.required')
        : parseTimeText(text) === null
          ? i18n.message('scheduling.time.invalid')
          : undefined;
    const start = problem(row.start);
    const end = problem(row.end);
    if (start || end) errors[row.id] = { ...(start ? { start } : {}), ...(end ? { end } : {}) };
  }
  return errors;
}

/** The core's field errors ('periods.3.endMinute') on the rows they were sent from. */
function coreErrors(
  i18n: I18n,
  error: unknown,
  sent: readonly string[],
): { rows: Errors; general: string | null } {
  const shape = shapeOf(error);
  const rows: Record<string, PeriodErrors> = {};
  let explained = false;
  for (const [field, text] of Object.entries(i18n.fieldErrors(shape))) {
    const match = /^periods\.(\d+)(?:\.(\w+))?/.exec(field);
    const rowId = match ? sent[Number(match[1])] : undefined;
    if (!match || !rowId) continue;
    const part = match[2] === 'startMinute' ? 'start' : match[2] === 'endMinute' ? 'end' : 'row';
    rows[rowId] = { ...rows[rowId], [part]: text };
    explained = true;
  }
  return { rows, general: explained ? null : i18n.errorText(shape) };
}

function firstField(rows: readonly Row[], errors: Errors): string | null {
  for (const row of inSendingOrder(rows)) {
    const found = errors[row.id];
    if (found) return `${row.id}-${found.start || found.row ? 'start' : 'end'}`;
  }
  return null;
}

/**
 * A doctor's week, Saturday to Friday: each day's working periods and breaks as times to type,
 * saved together. A day without working periods is a day off.
 */
export function WeekEditor({
  doctor,
  schedule,
  onDirtyChange,
}: {
  doctor: DoctorSummary;
  schedule: WeeklySchedule;
  onDirtyChange: (dirty: boolean) => void;
}) {
  const client = useClient();
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const [initial, setInitial] = useState(() => rowsOf(i18n, schedule));
  const [rows, setRows] = useState(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const dirty = signatureOf(rows) !== signatureOf(initial);

  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  useEffect(() => {
    if (!focusId) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId]);

  const save = useMutation({
    mutationFn: (input: { periods: SchedulePeriod[]; sent: string[] }) =>
      client.schedule.setWeekly({ doctorId: doctor.id, periods: input.periods }),
    onSuccess: (saved) => {
      const next = rowsOf(i18n, saved);
      setInitial(next);
      setRows(next);
      setNotice(i18n.t('settings.hours.saved', { name: doctor.name }));
      queryClient.setQueryData(scheduleKeys.weekly(doctor.id), saved);
      void queryClient.invalidateQueries({ queryKey: SCHEDULE_QUERY });
    },
    onError: (error, input) => {
      const found = coreErrors(i18n, error, input.sent);
      setErrors(found.rows);
      setGeneral(found.general);
      setFocusId(firstField(rows, found.rows));
      if (Object.keys(found.rows).length === 0) {
        void queryClient.invalidateQueries({ queryKey: SCHEDULE_QUERY });
      }
    },
  });

  const clearFeedback = () => {
    setNotice(null);
    if (save.isError || save.isSuccess) save.reset();
  };
  const update = (next: Row) => {
    clearFeedback();
    setRows(rows.map((row) => (row.id === next.id ? next : row)));
    if (errors[next.id]) {
      const { [next.id]: _fixed, ...rest } = errors;
      setErrors(rest);
    }
  };
  const add = (weekday: number, kind: Kind) => {
    clearFeedback();
    const row: Row = { id: newDraftId(), weekday, kind, start: '', end: '' };
    setRows([...rows, row]);
    setFocusId(`${row.id}-start`);
  };
  const remove = (row: Row) => {
    clearFeedback();
    setRows(rows.filter((other) => other.id !== row.id));
    setFocusId(`hours-add-work-${row.weekday}`);
  };
  const setDayOff = (weekday: number, off: boolean) => {
    clearFeedback();
    if (off) {
      setRows(rows.filter((row) => row.weekday !== weekday));
    } else {
      add(weekday, 'work');
    }
  };
  const revert = () => {
    clearFeedback();
    setRows(initial);
    setErrors({});
    setGeneral(null);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    clearFeedback();
    const typed = typingErrors(i18n, rows);
    if (Object.keys(typed).length > 0) {
      setErrors(typed);
      setGeneral(i18n.t('settings.hours.fixFields'));
      setFocusId(firstField(rows, typed));
      return;
    }
    setErrors({});
    setGeneral(null);
    const ordered = inSendingOrder(rows);
    save.mutate({
      periods: ordered.map((row) => ({
        weekday: row.weekday,
        kind: row.kind,
        startMinute: parseTimeText(row.start)!,
        endMinute: parseTimeText(row.end)!,
      })),
      sent: ordered.map((row) => row.id),
    });
  };

  const titleId = `hours-week-${doctor.id}`;
  return (
    <Box component="form" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <Stack spacing={1.5}>
        <Typography variant="subtitle1" component="h3" id={titleId} sx={{ fontWeight: 700 }}>
          {i18n.t('settings.hours.week', { name: doctor.name })}
        </Typography>
        {WEEK_FROM_SATURDAY.map((weekday) => (
          <DayRow
            key={weekday}
            weekday={weekday}
            rows={rows.filter((row) => row.weekday === weekday)}
            errors={errors}
            onChange={update}
            onAdd={(kind) => add(weekday, kind)}
            onRemove={remove}
            onDayOff={(off) => setDayOff(weekday, off)}
          />
        ))}
        {general ? (
          <Alert severity="error" role="alert">
            {general}
          </Alert>
        ) : null}
        {notice ? (
          <Alert severity="success" role="status" onClose={() => setNotice(null)}>
            {notice}
          </Alert>
        ) : null}
        <Paper
          variant="outlined"
          sx={{
            position: 'sticky',
            bottom: 0,
            zIndex: 1,
            p: 1.5,
            display: 'flex',
            alignItems: 'center',
            gap: 1.5,
            flexWrap: 'wrap',
          }}
        >
          <Button type="submit" variant="contained" disabled={save.isPending}>
            {i18n.t('common.save')}
          </Button>
          <Button onClick={revert} disabled={!dirty || save.isPending}>
            {i18n.t('settings.hours.revert')}
          </Button>
          {dirty ? (
            <Typography variant="body2" color="text.secondary" role="status">
              {i18n.t('settings.hours.unsaved')}
            </Typography>
          ) : null}
        </Paper>
      </Stack>
    </Box>
  );
}

function DayRow({
  weekday,
  rows,
  errors,
  onChange,
  onAdd,
  onRemove,
  onDayOff,
}: {
  weekday: number;
  rows: readonly Row[];
  errors: Errors;
  onChange: (row: Row) => void;
  onAdd: (kind: Kind) => void;
  onRemove: (row: Row) => void;
  onDayOff: (off: boolean) => void;
}) {
  const i18n = useI18n();
  const day = weekdayName(i18n, weekday);
  const headingId = `hours-day-${weekday}`;
  const hasWork = rows.some((row) => row.kind === 'work');
  const counters: Record<Kind, number> = { work: 0, break: 0 };
  return (
    <Paper
      variant="outlined"
      role="group"
      aria-labelledby={headingId}
      sx={{
        p: 1.5,
        display: 'grid',
        gridTemplateColumns: { xs: '1fr', md: '9rem 1fr' },
        gap: 1.5,
        alignItems: 'start',
        bgcolor: hasWork ? 'background.paper' : 'action.hover',
      }}
    >
      <Box sx={{ display: 'flex', flexDirection: { xs: 'row', md: 'column' }, gap: 0.5 }}>
        <Typography component="h4" id={headingId} sx={{ fontWeight: 700, minWidth: '5rem' }}>
          {day}
        </Typography>
        <FormControlLabel
          sx={{ mx: 0 }}
          control={
            <Switch
              size="small"
              checked={!hasWork}
              onChange={(event) => onDayOff(event.target.checked)}
              slotProps={{
                input: { 'aria-label': i18n.t('settings.hours.dayOffLabel', { day }) },
              }}
            />
          }
          label={i18n.t('settings.hours.dayOff')}
        />
      </Box>
      <Stack spacing={1}>
        {rows.length === 0 ? (
          <Typography variant="body2" color="text.secondary" sx={{ py: 0.5 }}>
            {i18n.t('settings.hours.noHours')}
          </Typography>
        ) : null}
        {rows.map((row) => {
          counters[row.kind] += 1;
          const kind = i18n.t(`settings.hours.kind.${row.kind}`);
          const label = i18n.t('settings.hours.period', {
            kind,
            number: counters[row.kind],
            day,
          });
          return (
            <PeriodRow
              key={row.id}
              draft={row}
              groupLabel={label}
              indent={row.kind === 'break'}
              leading={<KindLabel kind={row.kind} text={kind} />}
              errors={errors[row.id] ?? {}}
              removeLabel={i18n.t('settings.hours.removeLabel', { period: label })}
              onChange={(draft) => onChange({ ...row, ...draft })}
              onRemove={() => onRemove(row)}
            />
          );
        })}
        {rows.length > 0 && !hasWork ? (
          <Typography variant="body2" color="warning.main">
            {i18n.t('settings.hours.breakOnly')}
          </Typography>
        ) : null}
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
          <Button
            id={`hours-add-work-${weekday}`}
            size="small"
            startIcon={<Add />}
            aria-label={i18n.t('settings.hours.addWorkLabel', { day })}
            onClick={() => onAdd('work')}
          >
            {i18n.t('settings.hours.addWork')}
          </Button>
          <Button
            size="small"
            color="inherit"
            startIcon={<Add />}
            aria-label={i18n.t('settings.hours.addBreakLabel', { day })}
            onClick={() => onAdd('break')}
            disabled={!hasWork}
          >
            {i18n.t('settings.hours.addBreak')}
          </Button>
        </Box>
      </Stack>
    </Paper>
  );
}

/** The kind of a period, with a coloured mark so work and breaks tell apart at a glance. */
function KindLabel({ kind, text }: { kind: Kind; text: string }) {
  return (
    <Box
      aria-hidden
      sx={{
        display: 'inline-flex',
        alignItems: 'center',
        gap: 0.75,
        minWidth: '6.5rem',
        color: kind === 'work' ? 'text.primary' : 'text.secondary',
        fontSize: '0.875rem',
      }}
    >
      <Box
        component="span"
        sx={{
          width: 10,
          height: 10,
          borderRadius: '50%',
          bgcolor: kind === 'work' ? 'primary.main' : 'warning.main',
          flexShrink: 0,
        }}
      />
      {text}
    </Box>
  );
}

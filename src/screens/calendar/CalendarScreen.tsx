import Add from '@mui/icons-material/Add';
import ChevronLeft from '@mui/icons-material/ChevronLeft';
import ChevronRight from '@mui/icons-material/ChevronRight';
import Print from '@mui/icons-material/Print';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import GlobalStyles from '@mui/material/GlobalStyles';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Tooltip from '@mui/material/Tooltip';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useAddressParams } from '../../app/search-params';
import { addDays, formatMinute, weekStartOf } from '../../../electron/shared/dates/clinic-time';
import type { DayView, Visit, WeekView } from '../../../electron/shared/scheduling';
import { useClient } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useI18n } from '../../i18n/i18n';
import { isoOfPickedDate, pickerDateOf } from '../patients/format';
import { BookingDialog, type BookingStart } from './BookingDialog';
import { DayList } from './DayList';
import { DoctorField } from './fields';
import { calendarKeys, dayTitle, isActive, refreshSchedule, weekdayName } from './model';
import { ScheduleError } from './ScheduleError';
import { TimeGrid, type GridColumn, type MoveTarget } from './TimeGrid';
import { VisitDialog } from './VisitDialog';
import { WaitlistPanel } from './WaitlistPanel';

type View = 'day' | 'week' | 'waitlist';
const views: readonly View[] = ['day', 'week', 'waitlist'];

/** On paper only the day list (rendered beside the app, in <body>) is printed. */
const printStyles = (
  <GlobalStyles
    styles={{
      '@media print': {
        'body > *:not(.print-only)': { display: 'none !important' },
        'body > .print-only': { display: 'block !important' },
      },
    }}
  />
);

/** Scheduling data every view needs: the clinic's today, the doctors and the visit types. */
export function useScheduleBasics() {
  const client = useClient();
  const now = useQuery({
    queryKey: calendarKeys.now,
    queryFn: () => client.schedule.now(),
    refetchInterval: 60_000,
  });
  const doctors = useQuery({
    queryKey: calendarKeys.doctors,
    queryFn: () => client.schedule.doctors(),
  });
  const types = useQuery({
    queryKey: calendarKeys.visitTypes,
    queryFn: () => client.schedule.visitTypes(),
  });
  return { now, doctors, types };
}

function dayColumns(day: DayView): GridColumn[] {
  return day.doctors.map((doctor) => ({
    key: doctor.id,
    title: doctor.name,
    subtitle: doctor.specialty ?? undefined,
    doctorId: doctor.id,
    date: day.date,
    periods: doctor.availability.periods,
    closed: doctor.availability.closed,
    note: doctor.availability.note,
    visits: day.visits.filter((visit) => visit.doctorId === doctor.id && isActiveOrPast(visit)),
  }));
}

/** The grid shows what holds or held a time: not cancelled visits. */
function isActiveOrPast(visit: Visit): boolean {
  return isActive(visit) || visit.status === 'completed' || visit.status === 'no_show';
}

function weekColumns(week: WeekView, label: (date: string) => string): GridColumn[] {
  return week.days.map((day) => ({
    key: day.date,
    title: label(day.date),
    doctorId: week.doctor.id,
    date: day.date,
    periods: day.periods,
    closed: day.closed,
    note: day.note,
    visits: week.visits.filter((visit) => visit.date === day.date && isActiveOrPast(visit)),
  }));
}

/**
 * The calendar: the day with one column per doctor, a doctor's week, and the waitlist. Book by
 * clicking free time or with "New booking"; open a visit to confirm, check in, start, cancel or
 * move it; drag a visit or use Alt+arrows to move it. The day's list prints on paper.
 */
export function CalendarScreen() {
  const client = useClient();
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const [params, setParams] = useAddressParams();
  const { now, doctors, types } = useScheduleBasics();
  const today = now.data?.date;
  const view: View = views.includes(params.get('view') as View)
    ? (params.get('view') as View)
    : 'day';
  const date = params.get('date') ?? today;
  const doctorId = params.get('doctor') ?? doctors.data?.[0]?.id;
  const [booking, setBooking] = useState<BookingStart | null>(null);
  const [opened, setOpened] = useState<Visit | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [focusVisit, setFocusVisit] = useState<string | null>(null);

  const navigate = (changes: Parameters<typeof setParams>[0]) => {
    // What was said about the last action belongs to the view it happened in.
    setAnnouncement('');
    move.reset();
    setParams(changes);
  };

  const day = useQuery({
    queryKey: calendarKeys.day(date ?? ''),
    queryFn: () => client.visits.day({ date: date! }),
    enabled: view === 'day' && Boolean(date),
  });
  const week = useQuery({
    queryKey: calendarKeys.week(doctorId ?? '', date ?? ''),
    queryFn: () => client.visits.week({ doctorId: doctorId!, date: date! }),
    enabled: view === 'week' && Boolean(date && doctorId),
  });
  const clinic = useQuery({ queryKey: ['clinic'], queryFn: () => client.clinic.profile() });

  const move = useMutation({
    mutationFn: ({ visit, target }: { visit: Visit; target: MoveTarget }) =>
      client.visits.move({
        id: visit.id,
        doctorId: target.doctorId,
        date: target.date,
        time: formatMinute(target.minute),
      }),
    onSuccess: async (moved) => {
      await refreshSchedule(queryClient);
      setFocusVisit(moved.id);
      setAnnouncement(
        i18n.t('calendar.move.done', {
          name: moved.patientName,
          day: dayTitle(i18n, moved.date),
          time: formatMinute(moved.startMinute),
          doctor: moved.doctorName,
        }),
      );
    },
  });
  useEffect(() => {
    if (!focusVisit) return;
    const card = document.querySelector<HTMLElement>(`[data-visit="${focusVisit}"]`);
    if (card) {
      card.focus();
      setFocusVisit(null);
    }
  });

  const step = view === 'week' ? 7 : 1;
  const pickSlot = (column: GridColumn, minute: number) =>
    setBooking({ doctorId: column.doctorId, date: column.date, minute });
  const grid = (columns: GridColumn[], label: string) => (
    <TimeGrid
      label={label}
      columns={columns}
      types={types.data}
      now={now.data}
      onOpenVisit={setOpened}
      onPickSlot={pickSlot}
      onMove={(visit, target) => {
        // One move at a time: the next key press acts on the visit where it now is.
        if (move.isPending) return;
        move.reset();
        move.mutate({ visit, target });
      }}
    />
  );

  return (
    <>
      {printStyles}
      <PageHeader
        title={i18n.t('calendar.title')}
        actions={
          <>
            {view === 'day' ? (
              <Button startIcon={<Print />} onClick={() => window.print()} disabled={!day.data}>
                {i18n.t('calendar.print')}
              </Button>
            ) : null}
            <Button
              variant="contained"
              startIcon={<Add />}
              disabled={!date || !doctors.data?.length}
              onClick={() =>
                setBooking({ date: date!, doctorId: view === 'week' ? doctorId : undefined })
              }
            >
              {i18n.t('calendar.book.new')}
            </Button>
          </>
        }
      />
      <Tabs
        value={view}
        onChange={(_event, next: View) => navigate({ view: next })}
        aria-label={i18n.t('calendar.views')}
        sx={{ mb: 2 }}
      >
        <Tab value="day" label={i18n.t('calendar.view.day')} />
        <Tab value="week" label={i18n.t('calendar.view.week')} />
        <Tab value="waitlist" label={i18n.t('calendar.view.waitlist')} />
      </Tabs>
      {view !== 'waitlist' && date ? (
        <Stack
          direction="row"
          spacing={1}
          sx={{ alignItems: 'center', mb: 2, flexWrap: 'wrap', rowGap: 1 }}
        >
          <Tooltip
            title={i18n.t(view === 'week' ? 'calendar.previousWeek' : 'calendar.previousDay')}
          >
            <IconButton
              aria-label={i18n.t(
                view === 'week' ? 'calendar.previousWeek' : 'calendar.previousDay',
              )}
              // From the address as it is now: two quick clicks are two days, not one.
              onClick={() =>
                navigate((current) => ({ date: addDays(current.get('date') ?? date ?? '', -step) }))
              }
            >
              {i18n.dir === 'rtl' ? <ChevronRight /> : <ChevronLeft />}
            </IconButton>
          </Tooltip>
          <Button
            variant="outlined"
            onClick={() => navigate({ date: null })}
            disabled={date === today}
          >
            {i18n.t('calendar.today')}
          </Button>
          <Tooltip title={i18n.t(view === 'week' ? 'calendar.nextWeek' : 'calendar.nextDay')}>
            <IconButton
              aria-label={i18n.t(view === 'week' ? 'calendar.nextWeek' : 'calendar.nextDay')}
              onClick={() =>
                navigate((current) => ({ date: addDays(current.get('date') ?? date ?? '', step) }))
              }
            >
              {i18n.dir === 'rtl' ? <ChevronLeft /> : <ChevronRight />}
            </IconButton>
          </Tooltip>
          <DatePicker
            label={i18n.t('calendar.date')}
            value={pickerDateOf(date)}
            onChange={(value) => {
              if (value && !Number.isNaN(value.getTime()))
                navigate({ date: isoOfPickedDate(value) });
            }}
            format="yyyy/MM/dd"
            slotProps={{ textField: { id: 'calendar-date', size: 'small', sx: { width: 190 } } }}
          />
          {view === 'week' && doctors.data ? (
            <DoctorField
              id="calendar-doctor"
              size="small"
              doctors={doctors.data}
              value={doctorId ?? ''}
              onChange={(value) => navigate({ doctor: value })}
              sx={{ width: 240 }}
            />
          ) : null}
          <Box sx={{ flexGrow: 1 }} />
          <Box component="p" sx={{ m: 0, color: 'text.secondary', typography: 'body2' }}>
            {view === 'week'
              ? i18n.t('calendar.weekOf', { day: dayTitle(i18n, weekStartOf(date)) })
              : dayTitle(i18n, date)}
          </Box>
        </Stack>
      ) : null}
      <Box role="status" aria-live="polite">
        {announcement ? (
          <Alert severity="success" role="none" sx={{ mb: 2 }} onClose={() => setAnnouncement('')}>
            {announcement}
          </Alert>
        ) : null}
      </Box>
      {move.error ? (
        <Box sx={{ mb: 2 }}>
          <ScheduleError error={move.error} />
          <Alert severity="info" sx={{ mt: 1 }} onClose={() => move.reset()}>
            {i18n.t('calendar.move.openToOverride')}
          </Alert>
        </Box>
      ) : null}
      {view === 'day' ? (
        <QueryState query={day}>
          {(data) => (
            <>
              {grid(
                dayColumns(data),
                i18n.t('calendar.dayGrid', { day: dayTitle(i18n, data.date) }),
              )}
              <DayList day={data} types={types.data} clinicName={clinic.data?.name} />
            </>
          )}
        </QueryState>
      ) : null}
      {view === 'week' ? (
        <QueryState query={week}>
          {(data) =>
            grid(
              weekColumns(
                data,
                (columnDate) => `${weekdayName(i18n, columnDate)} ${i18n.date(columnDate)}`,
              ),
              i18n.t('calendar.weekGrid', { doctor: data.doctor.name }),
            )
          }
        </QueryState>
      ) : null}
      {view === 'waitlist' && today ? (
        <WaitlistPanel
          today={today}
          doctors={doctors.data ?? []}
          types={types.data ?? []}
          onBook={(start) => setBooking(start)}
        />
      ) : null}
      {booking && doctors.data && types.data ? (
        <BookingDialog
          start={booking}
          doctors={doctors.data}
          types={types.data}
          onClose={() => setBooking(null)}
          onBooked={(visits) => {
            setBooking(null);
            const first = visits[0];
            if (first) {
              if (view !== 'waitlist') navigate({ date: first.date });
              setAnnouncement(
                i18n.t('calendar.book.done', {
                  name: first.patientName,
                  day: dayTitle(i18n, first.date),
                  time: formatMinute(first.startMinute),
                  count: visits.length,
                }),
              );
            }
          }}
        />
      ) : null}
      {opened && doctors.data ? (
        <VisitDialog
          visit={opened}
          doctors={doctors.data}
          types={types.data}
          today={today}
          onClose={() => setOpened(null)}
        />
      ) : null}
    </>
  );
}

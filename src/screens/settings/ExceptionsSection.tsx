import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import EventBusy from '@mui/icons-material/EventBusy';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { addDays, localToday } from '../../../electron/shared/dates/clinic-time';
import type { DoctorSummary, ScheduleException } from '../../../electron/shared/scheduling';
import { useClient } from '../../api/client';
import { useI18n, type I18n } from '../../i18n/i18n';
import { AddExceptionDialog, RemoveExceptionDialog } from './ExceptionDialogs';
import { dayAndDate, isoOfPickerDate, minuteText, pickerDateOf } from './schedule-format';
import { scheduleKeys, SCHEDULE_QUERY, useDoctors } from './schedule-queries';
import { SettingsSection, SettingsTable } from './SettingsTable';

/** The clinic's day; Iran has one time zone. */
const CLINIC_TIME_ZONE = 'Asia/Tehran';

interface Range {
  readonly from: Date | null;
  readonly to: Date | null;
}

function whoOf(i18n: I18n, exception: ScheduleException, doctors: readonly DoctorSummary[]) {
  if (exception.doctorId === null) return i18n.t('settings.exceptions.clinic');
  return (
    doctors.find((doctor) => doctor.id === exception.doctorId)?.name ??
    i18n.t('settings.exceptions.unknownDoctor')
  );
}

/** Clinic holidays and a doctor's days away or on other hours, in a range of dates. */
export function ExceptionsSection() {
  const client = useClient();
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const doctors = useDoctors();
  const [range, setRange] = useState<Range>(() => {
    const today = localToday(new Date(), CLINIC_TIME_ZONE);
    return { from: pickerDateOf(today), to: pickerDateOf(addDays(today, 365)) };
  });
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<ScheduleException | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const from = isoOfPickerDate(range.from);
  const to = isoOfPickerDate(range.to);
  const fromError = from === null ? i18n.t('settings.exceptions.invalidDate') : undefined;
  const toError =
    to === null
      ? i18n.t('settings.exceptions.invalidDate')
      : from !== null && to < from
        ? i18n.t('settings.exceptions.badRange')
        : undefined;
  const valid = from !== null && to !== null && !toError;
  const exceptions = useQuery({
    queryKey: scheduleKeys.exceptions(from ?? '', to ?? ''),
    queryFn: () => client.schedule.exceptions({ from: from!, to: to! }),
    enabled: valid,
    placeholderData: keepPreviousData,
  });
  const doctorList = doctors.data ?? [];
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: SCHEDULE_QUERY });
  };

  return (
    <SettingsSection
      id="exceptions"
      title={i18n.t('settings.exceptions.title')}
      intro={i18n.t('settings.exceptions.intro')}
      action={{
        label: i18n.t('settings.exceptions.add'),
        icon: <EventBusy />,
        onClick: () => {
          setNotice(null);
          setAdding(true);
        },
      }}
      notice={notice}
      onNoticeClose={() => setNotice(null)}
    >
      <Box
        role="group"
        aria-label={i18n.t('settings.exceptions.range')}
        sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}
      >
        <DatePicker
          label={i18n.t('settings.exceptions.from')}
          value={range.from}
          onChange={(value) => setRange({ ...range, from: value })}
          format="yyyy/MM/dd"
          slotProps={{
            textField: {
              id: 'exceptions-from',
              error: Boolean(fromError),
              helperText: fromError,
              sx: { width: 220 },
            },
          }}
        />
        <DatePicker
          label={i18n.t('settings.exceptions.to')}
          value={range.to}
          onChange={(value) => setRange({ ...range, to: value })}
          format="yyyy/MM/dd"
          slotProps={{
            textField: {
              id: 'exceptions-to',
              error: Boolean(toError),
              helperText: toError,
              sx: { width: 220 },
            },
          }}
        />
      </Box>
      {valid ? (
        <SettingsTable
          query={exceptions}
          label={i18n.t('settings.exceptions.table')}
          empty={i18n.t('settings.exceptions.empty')}
          columns={[
            i18n.t('settings.exceptions.col.date'),
            i18n.t('settings.exceptions.col.who'),
            i18n.t('settings.exceptions.col.kind'),
            i18n.t('settings.exceptions.col.hours'),
            i18n.t('settings.exceptions.col.note'),
            i18n.t('settings.exceptions.col.actions'),
          ]}
          row={(exception) => {
            const who = whoOf(i18n, exception, doctorList);
            return (
              <TableRow key={exception.id} hover>
                <TableCell component="th" scope="row" sx={{ whiteSpace: 'nowrap' }}>
                  {dayAndDate(i18n, exception.date)}
                </TableCell>
                <TableCell>{who}</TableCell>
                <TableCell>
                  <Chip
                    size="small"
                    variant="outlined"
                    color={exception.kind === 'closed' ? 'error' : 'info'}
                    label={i18n.t(`settings.exceptions.kind.${exception.kind}`)}
                  />
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {exception.kind === 'changed'
                    ? exception.periods
                        .map((period) =>
                          i18n.t('settings.time.range', {
                            start: minuteText(i18n, period.startMinute),
                            end: minuteText(i18n, period.endMinute),
                          }),
                        )
                        .join('، ')
                    : i18n.t('common.none')}
                </TableCell>
                <TableCell>{exception.note ?? i18n.t('common.none')}</TableCell>
                <TableCell>
                  <Button
                    size="small"
                    color="error"
                    aria-label={i18n.t('settings.exceptions.removeLabel', {
                      date: exception.date,
                      who,
                    })}
                    onClick={() => {
                      setNotice(null);
                      setRemoving(exception);
                    }}
                  >
                    {i18n.t('common.delete')}
                  </Button>
                </TableCell>
              </TableRow>
            );
          }}
        />
      ) : null}
      <AddExceptionDialog
        open={adding}
        doctors={doctorList}
        onClose={() => setAdding(false)}
        onAdded={(exception) => {
          setAdding(false);
          setNotice(i18n.t('settings.exceptions.added', { date: exception.date }));
          // A day outside the dates shown widens them, so the new exception is in the list.
          if (from !== null && exception.date < from) {
            setRange({ ...range, from: pickerDateOf(exception.date) });
          } else if (to !== null && exception.date > to) {
            setRange({ ...range, to: pickerDateOf(exception.date) });
          }
          refresh();
        }}
      />
      <RemoveExceptionDialog
        exception={removing}
        who={removing ? whoOf(i18n, removing, doctorList) : ''}
        onClose={() => setRemoving(null)}
        onRemoved={(exception) => {
          setRemoving(null);
          setNotice(i18n.t('settings.exceptions.removed', { date: exception.date }));
          refresh();
        }}
      />
    </SettingsSection>
  );
}

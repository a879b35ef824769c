import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import type { DoctorSummary } from '../../../electron/shared/scheduling';
import { useClient } from '../../api/client';
import { Empty, QueryState } from '../../components/QueryState';
import { useI18n } from '../../i18n/i18n';
import { doctorLabel, scheduleKeys, useDoctors } from './schedule-queries';
import { WeekEditor } from './WeekEditor';

/** Each doctor's weekly working hours: choose a doctor, edit the week, save it whole. */
export function HoursSection() {
  const i18n = useI18n();
  const doctors = useDoctors();
  return (
    <Stack spacing={2} component="section" aria-labelledby="settings-hours-title">
      <Typography variant="h6" component="h2" id="settings-hours-title">
        {i18n.t('settings.hours.title')}
      </Typography>
      <Typography color="text.secondary">{i18n.t('settings.hours.intro')}</Typography>
      <QueryState query={doctors}>
        {(list) =>
          list.length === 0 ? (
            <Empty title={i18n.t('settings.hours.noDoctors')}>
              <Typography sx={{ mt: 1 }}>{i18n.t('settings.hours.noDoctorsHint')}</Typography>
              <Button component={Link} to="/settings/users" sx={{ mt: 1 }}>
                {i18n.t('settings.hours.toUsers')}
              </Button>
            </Empty>
          ) : (
            <DoctorHours doctors={list} />
          )
        }
      </QueryState>
    </Stack>
  );
}

function DoctorHours({ doctors }: { doctors: readonly DoctorSummary[] }) {
  const client = useClient();
  const i18n = useI18n();
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [pendingId, setPendingId] = useState<string | null>(null);
  const doctor = doctors.find((candidate) => candidate.id === chosenId) ?? doctors[0]!;
  const weekly = useQuery({
    queryKey: scheduleKeys.weekly(doctor.id),
    queryFn: () => client.schedule.weekly({ doctorId: doctor.id }),
    // The week being edited must not be replaced under the person's hands.
    refetchOnWindowFocus: false,
  });
  const onDirtyChange = useCallback((next: boolean) => setDirty(next), []);
  const choose = (id: string) => {
    if (id === doctor.id) return;
    if (dirty) {
      setPendingId(id);
      return;
    }
    setChosenId(id);
  };
  const pending = doctors.find((candidate) => candidate.id === pendingId);
  return (
    <>
      <TextField
        select
        id="hours-doctor"
        label={i18n.t('settings.hours.doctor')}
        value={doctor.id}
        onChange={(event) => choose(event.target.value)}
        sx={{ maxWidth: 420 }}
      >
        {doctors.map((candidate) => (
          <MenuItem key={candidate.id} value={candidate.id}>
            {doctorLabel(candidate)}
          </MenuItem>
        ))}
      </TextField>
      <QueryState query={weekly}>
        {(schedule) => (
          <WeekEditor
            key={doctor.id}
            doctor={doctor}
            schedule={schedule}
            onDirtyChange={onDirtyChange}
          />
        )}
      </QueryState>
      <Dialog
        open={pending !== undefined}
        onClose={() => setPendingId(null)}
        aria-labelledby="hours-discard-title"
        aria-describedby="hours-discard-body"
      >
        <DialogTitle id="hours-discard-title">{i18n.t('settings.hours.discardTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText id="hours-discard-body">
            {i18n.t('settings.hours.discardBody', { name: doctor.name })}
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setPendingId(null)} autoFocus>
            {i18n.t('settings.hours.keepEditing')}
          </Button>
          <Button
            color="warning"
            onClick={() => {
              setDirty(false);
              setChosenId(pendingId);
              setPendingId(null);
            }}
          >
            {i18n.t('settings.hours.discard', { name: pending?.name ?? '' })}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

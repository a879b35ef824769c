import FiberManualRecord from '@mui/icons-material/FiberManualRecord';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { Link as RouterLink, useLocation, useNavigate } from 'react-router';
import type { RecordingSummary } from '../../../electron/shared/recording';
import { roleCan } from '../../../electron/shared/roles';
import { useClient } from '../../api/client';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';
import { calendarKeys, dayTitle, timeText } from '../calendar/model';
import { captureSession } from './capture-session';
import type { ConsultationState } from './ConsultationScreen';
import { clockText, consultationPath, recordingKeys, refreshRecordings } from './model';

/**
 * After sign-in or unlock: recordings a crash or power cut interrupted, which this doctor may
 * continue. For each, resume (the consultation screen opens and recording carries on, chunk
 * numbers continuing) or finish it where it stopped. "Later" keeps them for the next time.
 */
function InterruptedDialog() {
  const client = useClient();
  const i18n = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [dismissed, setDismissed] = useState(false);
  const interrupted = useQuery({
    queryKey: recordingKeys.interrupted,
    queryFn: () => client.recording.interrupted(),
    staleTime: 0,
  });
  // Not while its own consultation screen is open: that screen offers the same choice.
  const waiting = (interrupted.data ?? []).filter(
    (recording) => location.pathname !== consultationPath(recording.encounterId),
  );
  const visits = useQueries({
    queries: waiting.map((recording) => ({
      queryKey: calendarKeys.visit(recording.encounterId),
      queryFn: () => client.visits.get({ id: recording.encounterId }),
    })),
  });
  const finish = useMutation({
    mutationFn: (id: string) => client.recording.finish({ id }),
    onSettled: () => refreshRecordings(queryClient),
  });
  if (dismissed || waiting.length === 0) return null;
  const resume = (recording: RecordingSummary) => {
    setDismissed(true);
    const state: ConsultationState = { resume: recording.id };
    void navigate(consultationPath(recording.encounterId), { state });
  };
  return (
    <Dialog
      open
      onClose={() => setDismissed(true)}
      aria-labelledby="interrupted-title"
      aria-describedby="interrupted-intro"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="interrupted-title">{i18n.t('recording.interrupted.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText id="interrupted-intro">
          {i18n.t('recording.interrupted.intro')}
        </DialogContentText>
        <List>
          {waiting.map((recording, index) => {
            const visit = visits[index]?.data;
            return (
              <ListItem key={recording.id} disableGutters divider sx={{ flexWrap: 'wrap', gap: 1 }}>
                <ListItemText
                  primary={visit?.patientName ?? '…'}
                  secondary={[
                    visit
                      ? `${dayTitle(i18n, visit.date)} ${timeText(i18n, visit.startMinute)}`
                      : null,
                    i18n.t('recording.interrupted.item', {
                      started: recording.startedAt,
                      duration: clockText(i18n, recording.durationMs),
                      chunks: recording.chunks,
                    }),
                  ]
                    .filter(Boolean)
                    .join(' — ')}
                />
                <Stack direction="row" spacing={1}>
                  <Button
                    variant="contained"
                    onClick={() => resume(recording)}
                    aria-label={`${i18n.t('recording.interrupted.resume')} — ${visit?.patientName ?? ''}`}
                  >
                    {i18n.t('recording.interrupted.resume')}
                  </Button>
                  <Button
                    variant="outlined"
                    disabled={finish.isPending}
                    onClick={() => finish.mutate(recording.id)}
                    aria-label={`${i18n.t('recording.interrupted.finish')} — ${visit?.patientName ?? ''}`}
                  >
                    {i18n.t('recording.interrupted.finish')}
                  </Button>
                </Stack>
              </ListItem>
            );
          })}
        </List>
        {finish.error ? <ErrorAlert error={finish.error} /> : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => setDismissed(true)}>{i18n.t('recording.interrupted.later')}</Button>
      </DialogActions>
    </Dialog>
  );
}

/** While a recording runs and the doctor looks at another screen: say so, and the way back. */
function RecordingBanner() {
  const i18n = useI18n();
  const location = useLocation();
  const state = useSyncExternalStore(captureSession.subscribe, captureSession.getSnapshot);
  const recording = state.recording;
  if (!recording || location.pathname === consultationPath(recording.encounterId)) return null;
  return (
    <Paper
      role="region"
      aria-label={i18n.t('recording.recorder.title')}
      elevation={6}
      sx={{
        position: 'fixed',
        insetBlockEnd: 16,
        insetInlineEnd: 16,
        zIndex: (theme) => theme.zIndex.snackbar,
        px: 2,
        py: 1,
        display: 'flex',
        alignItems: 'center',
        gap: 1.5,
      }}
    >
      <FiberManualRecord color={recording.paused ? 'warning' : 'error'} aria-hidden />
      <Typography variant="body2">
        {i18n.t(recording.paused ? 'recording.banner.paused' : 'recording.banner', {
          name: recording.patientName,
        })}
      </Typography>
      <Button
        size="small"
        variant="outlined"
        component={RouterLink}
        to={consultationPath(recording.encounterId)}
      >
        {i18n.t('recording.banner.open')}
      </Button>
    </Paper>
  );
}

/**
 * Recording beyond the consultation screen: the "recording goes on" banner, the interrupted
 * recordings prompt after sign-in or unlock, and the rule that signing out ends this window's
 * capture. Shows nothing on the sign-in or lock screen (no patient name on a locked screen) —
 * recording itself goes on while the session is locked.
 */
export function RecordingOverlay() {
  const session = useSession();
  const signedOut = session.data === null;
  useEffect(() => {
    if (signedOut) void captureSession.reset();
  }, [signedOut]);
  const data = session.data;
  if (!data || data.state !== 'active') return null;
  return (
    <>
      <RecordingBanner />
      {roleCan(data.user.role, 'recording.capture') ? (
        <InterruptedDialog key={data.user.id} />
      ) : null}
    </>
  );
}

import FiberManualRecord from '@mui/icons-material/FiberManualRecord';
import Mic from '@mui/icons-material/Mic';
import Pause from '@mui/icons-material/Pause';
import PlayArrow from '@mui/icons-material/PlayArrow';
import Stop from '@mui/icons-material/Stop';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { Link as RouterLink } from 'react-router';
import type { CaptureStatus, RecordingSummary } from '../../../electron/shared/recording';
import type { Visit } from '../../../electron/shared/scheduling';
import { useClient, useOpenAudio } from '../../api/client';
import { PREFS_QUERY } from '../../app/session';
import { listMicrophones, type Microphone } from '../../audio/capture-controller';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';
import { captureSession, liveElapsedMs } from './capture-session';
import { LevelMeter } from './LevelMeter';
import { clockText, consultationPath, recordingKeys, refreshRecordings, sizeText } from './model';

const DEFAULT_DEVICE = 'default-device';

/** Space pauses and resumes — unless the focus is somewhere Space means something else. */
function spaceIsFree(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return true;
  if (target.isContentEditable) return false;
  return !target.closest(
    'input, textarea, select, button, a, [role="button"], [role="combobox"], [role="option"], [role="radio"], [role="listbox"], [role="menuitem"]',
  );
}

function useMicrophones(open: boolean): Microphone[] {
  const [microphones, setMicrophones] = useState<Microphone[]>([]);
  useEffect(() => {
    let alive = true;
    const refresh = () =>
      void listMicrophones()
        .then((list) => alive && setMicrophones(list))
        .catch(() => undefined);
    refresh();
    navigator.mediaDevices.addEventListener('devicechange', refresh);
    return () => {
      alive = false;
      navigator.mediaDevices.removeEventListener('devicechange', refresh);
    };
    // Names appear once the microphone is open: list again then.
  }, [open]);
  return microphones;
}

/**
 * The recorder: microphone choice (remembered for this workstation), live level, recorded time,
 * start / pause / resume / stop, and everything that can go wrong said plainly — no sound, the
 * microphone unplugged or muted, too loud, disk space low, a write error, the audio stream cut.
 */
export function Recorder({
  visit,
  current,
  status,
  statusAt,
  autoContinue,
}: {
  visit: Visit;
  /** When `status` was fetched (the query's dataUpdatedAt). */
  statusAt: number;
  /** Continue this interrupted recording as soon as the microphone is open (from the dialog). */
  autoContinue?: string;
  /** The visit's open or latest recording. */
  current: RecordingSummary | null;
  status: CaptureStatus | undefined;
}) {
  const client = useClient();
  const openAudio = useOpenAudio();
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const session = useSyncExternalStore(captureSession.subscribe, captureSession.getSnapshot);
  const prefs = useQuery({ queryKey: PREFS_QUERY, queryFn: () => client.prefs.get() });
  const savedDevice = prefs.data?.microphoneId ?? null;
  const elsewhere = captureSession.busyElsewhere(visit.id);
  const capture = session.encounterId === visit.id ? session.capture : null;
  const mine = session.recording?.encounterId === visit.id ? session.recording : null;
  const microphones = useMicrophones(capture?.open ?? false);

  // The microphone opens with the recorder (the meter shows it works before recording starts);
  // nothing is sent anywhere until recording starts. It closes when the screen goes, unless a
  // recording is running.
  useEffect(() => {
    if (prefs.isPending) return;
    void captureSession.openMicrophone(visit.id, savedDevice);
    return () => void captureSession.releaseIfIdle(visit.id);
  }, [visit.id, savedDevice, prefs.isPending]);

  const disk = useQuery({
    queryKey: recordingKeys.disk,
    queryFn: () => client.recording.disk(),
    refetchInterval: 30_000,
    enabled: !mine,
  });
  const diskStatus = mine && status ? status.disk : disk.data;

  const chooseDevice = useMutation({
    mutationFn: async (deviceId: string | null) => {
      const next = await client.prefs.set({ microphoneId: deviceId });
      queryClient.setQueryData(PREFS_QUERY, next);
    },
  });

  const act = useMutation({
    mutationFn: async (
      action: 'start' | 'pause' | 'resume' | 'stop' | 'reattach' | 'continue' | 'finish',
    ) => {
      const patient = { encounterId: visit.id, patientName: visit.patientName };
      switch (action) {
        case 'start':
          return captureSession.start(client, openAudio, patient);
        case 'pause':
          return captureSession.pause(client);
        case 'resume':
          return captureSession.resume(client);
        case 'stop':
          return captureSession.stop(client);
        case 'reattach':
        case 'continue':
          if (!current) return;
          return captureSession.attach(
            client,
            openAudio,
            { ...patient, recordingId: current.id },
            action,
          );
        case 'finish':
          if (!current) return;
          await client.recording.finish({ id: current.id });
          return;
      }
    },
    onSettled: () => refreshRecordings(queryClient),
  });

  // The core stopped taking audio by itself (write error, stopped elsewhere): stop feeding it.
  useEffect(() => {
    if (!mine || !status || status.recording.id !== mine.recordingId) return;
    if (statusAt > mine.attachedAt && !status.live) void captureSession.ended(mine.recordingId);
  }, [mine, status, statusAt]);

  const recording = mine !== null && !mine.paused;
  const paused = mine !== null && mine.paused;
  const busy = act.isPending;

  // The latest state for the keyboard shortcut, without re-adding the listener on each render.
  const toggle = useRef<() => void>(() => undefined);
  toggle.current = () => {
    if (mine && !act.isPending) act.mutate(mine.paused ? 'resume' : 'pause');
  };
  const live = mine !== null;
  useEffect(() => {
    if (!live) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.code !== 'Space' || event.repeat || !spaceIsFree(event.target)) return;
      event.preventDefault();
      toggle.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [live]);

  const continued = useRef(false);
  useEffect(() => {
    if (continued.current || !autoContinue || !capture?.open || act.isPending) return;
    if (current?.id !== autoContinue || current.state !== 'interrupted') return;
    continued.current = true;
    act.mutate('continue');
  }, [autoContinue, capture?.open, current, act]);

  const openElsewhere =
    !mine && current && (current.state === 'recording' || current.state === 'paused');
  const interrupted = !mine && current?.state === 'interrupted';
  const elapsed =
    liveElapsedMs(session) !== null && mine
      ? liveElapsedMs(session)!
      : (status?.capturedMs ?? current?.durationMs ?? 0);
  const stateKey = mine
    ? mine.paused
      ? 'recording.state.paused'
      : 'recording.state.recording'
    : openElsewhere
      ? 'recording.state.elsewhere'
      : current && (current.state === 'stopped' || current.state === 'finished')
        ? 'recording.state.stopped'
        : 'recording.state.idle';
  const diskLow = diskStatus?.low ?? false;
  const warnings = capture?.warnings ?? new Set();
  // The browser's 'default' and 'communications' entries are aliases of real devices: the
  // system default is offered once, as our own first choice.
  const choices = microphones.filter(
    (mic) => mic.deviceId !== 'default' && mic.deviceId !== 'communications',
  );
  const inUse = capture?.deviceId ?? savedDevice;
  const deviceValue =
    inUse && choices.some((mic) => mic.deviceId === inUse) ? inUse : DEFAULT_DEVICE;

  return (
    <Paper component="section" aria-labelledby="recorder-title" sx={{ p: 2 }}>
      <Stack spacing={2}>
        <Stack
          direction="row"
          spacing={2}
          sx={{ alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap' }}
        >
          <Typography id="recorder-title" variant="h6" component="h2">
            {i18n.t('recording.recorder.title')}
          </Typography>
          <Chip
            icon={
              recording ? (
                <FiberManualRecord
                  aria-hidden
                  sx={{
                    '@keyframes helssa-blink': { '50%': { opacity: 0.3 } },
                    animation: 'helssa-blink 1.2s ease-in-out infinite',
                  }}
                />
              ) : undefined
            }
            color={recording ? 'error' : paused ? 'warning' : 'default'}
            label={i18n.t(stateKey)}
            role="status"
          />
        </Stack>

        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: 'center' }}>
          <TextField
            id="recording-microphone"
            select
            size="small"
            label={i18n.t('recording.mic')}
            value={deviceValue}
            disabled={elsewhere || chooseDevice.isPending}
            onChange={(event) => {
              const deviceId = event.target.value === DEFAULT_DEVICE ? null : event.target.value;
              chooseDevice.mutate(deviceId);
            }}
            sx={{ minWidth: '16rem', maxWidth: { md: '24rem' } }}
            fullWidth
            slotProps={{ input: { startAdornment: <Mic fontSize="small" aria-hidden /> } }}
          >
            <MenuItem value={DEFAULT_DEVICE}>{i18n.t('recording.mic.default')}</MenuItem>
            {choices.map((mic, index) => (
              <MenuItem key={mic.deviceId} value={mic.deviceId}>
                {mic.label || i18n.t('recording.mic.unnamed', { n: index + 1 })}
              </MenuItem>
            ))}
          </TextField>
          <Box sx={{ flex: 1, width: '100%', minWidth: 0 }}>
            <LevelMeter
              level={capture?.level ?? { rmsDb: -100, peakDb: -100 }}
              active={capture?.open ?? false}
            />
          </Box>
        </Stack>

        <Stack
          direction="row"
          spacing={2}
          sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1.5 }}
        >
          <Box>
            <Typography variant="caption" color="text.secondary" component="p" id="elapsed-label">
              {i18n.t('recording.elapsed')}
            </Typography>
            <Typography
              role="timer"
              aria-labelledby="elapsed-label"
              variant="h4"
              component="p"
              sx={{ fontVariantNumeric: 'tabular-nums', lineHeight: 1.2 }}
            >
              {clockText(i18n, elapsed)}
            </Typography>
          </Box>
          <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', gap: 1 }}>
            {!mine && !openElsewhere && !interrupted ? (
              <Button
                variant="contained"
                color="error"
                size="large"
                startIcon={<FiberManualRecord />}
                disabled={busy || elsewhere || !capture?.open || diskLow}
                loading={busy && act.variables === 'start'}
                onClick={() => act.mutate('start')}
              >
                {current ? i18n.t('recording.startAgain') : i18n.t('recording.start')}
              </Button>
            ) : null}
            {mine ? (
              <>
                {paused ? (
                  <Button
                    variant="contained"
                    size="large"
                    startIcon={<PlayArrow />}
                    disabled={busy}
                    loading={busy && act.variables === 'resume'}
                    onClick={() => act.mutate('resume')}
                    aria-keyshortcuts="Space"
                  >
                    {i18n.t('recording.resume')}
                  </Button>
                ) : (
                  <Button
                    variant="outlined"
                    size="large"
                    startIcon={<Pause />}
                    disabled={busy}
                    loading={busy && act.variables === 'pause'}
                    onClick={() => act.mutate('pause')}
                    aria-keyshortcuts="Space"
                  >
                    {i18n.t('recording.pause')}
                  </Button>
                )}
                <Button
                  variant="contained"
                  size="large"
                  color="inherit"
                  startIcon={<Stop />}
                  disabled={busy}
                  loading={busy && act.variables === 'stop'}
                  onClick={() => act.mutate('stop')}
                >
                  {i18n.t('recording.stop')}
                </Button>
              </>
            ) : null}
            {openElsewhere && status?.live ? (
              <Button variant="contained" disabled={busy} onClick={() => act.mutate('reattach')}>
                {i18n.t('recording.reconnect')}
              </Button>
            ) : null}
          </Stack>
          {mine ? (
            <Typography variant="body2" color="text.secondary" sx={{ flexBasis: '100%' }}>
              {i18n.t('recording.shortcut')}
            </Typography>
          ) : null}
        </Stack>

        {interrupted ? (
          <Alert
            severity="warning"
            action={
              <Stack direction="row" spacing={1}>
                <Button
                  color="inherit"
                  size="small"
                  disabled={busy || !capture?.open}
                  onClick={() => act.mutate('continue')}
                >
                  {i18n.t('recording.interrupted.resume')}
                </Button>
                <Button
                  color="inherit"
                  size="small"
                  disabled={busy}
                  onClick={() => act.mutate('finish')}
                >
                  {i18n.t('recording.interrupted.finish')}
                </Button>
              </Stack>
            }
          >
            {i18n.t('recording.interrupted.open')}
          </Alert>
        ) : null}

        <Stack spacing={1} aria-live="polite">
          {elsewhere && session.recording ? (
            <Alert
              severity="info"
              action={
                <Button
                  color="inherit"
                  size="small"
                  component={RouterLink}
                  to={consultationPath(session.recording.encounterId)}
                >
                  {i18n.t('recording.banner.open')}
                </Button>
              }
            >
              {i18n.t('recording.busyElsewhere', { name: session.recording.patientName })}
            </Alert>
          ) : null}
          {session.encounterId === visit.id && session.micError ? (
            <Alert
              severity="error"
              action={
                <Button
                  color="inherit"
                  size="small"
                  onClick={() => void captureSession.openMicrophone(visit.id, savedDevice)}
                >
                  {i18n.t('recording.mic.retry')}
                </Button>
              }
            >
              {i18n.t(`recording.mic.${session.micError}`)}
            </Alert>
          ) : null}
          {status?.error && mine === null && current?.id === status.recording.id ? (
            <Alert severity="error">
              {i18n.t('recording.warning.writeError', { detail: status.error })}
            </Alert>
          ) : null}
          {capture?.streamClosed && mine ? (
            <Alert
              severity="error"
              action={
                <Button
                  color="inherit"
                  size="small"
                  disabled={busy}
                  onClick={() => act.mutate('reattach')}
                >
                  {i18n.t('recording.reconnect')}
                </Button>
              }
            >
              {i18n.t('recording.warning.streamClosed')}
            </Alert>
          ) : null}
          {warnings.has('disconnected') ? (
            <Alert severity="error">{i18n.t('recording.warning.disconnected')}</Alert>
          ) : null}
          {warnings.has('muted') && !warnings.has('disconnected') ? (
            <Alert severity="warning">{i18n.t('recording.warning.muted')}</Alert>
          ) : null}
          {warnings.has('silence') && !warnings.has('disconnected') ? (
            <Alert severity="warning">{i18n.t('recording.warning.silence')}</Alert>
          ) : null}
          {warnings.has('fallback') && !warnings.has('disconnected') ? (
            <Alert severity="warning">{i18n.t('recording.warning.fallback')}</Alert>
          ) : null}
          {warnings.has('clipping') ? (
            <Alert severity="warning">{i18n.t('recording.warning.clipping')}</Alert>
          ) : null}
          {diskLow && diskStatus ? (
            <Alert severity={mine ? 'warning' : 'error'}>
              {i18n.t(mine ? 'recording.warning.diskLow' : 'recording.warning.diskLowIdle', {
                size: sizeText(i18n, diskStatus.freeBytes),
              })}
            </Alert>
          ) : null}
          {act.error ? <ErrorAlert error={act.error} /> : null}
          {chooseDevice.error ? <ErrorAlert error={chooseDevice.error} /> : null}
        </Stack>

        <Stack
          direction="row"
          spacing={3}
          sx={{ flexWrap: 'wrap', color: 'text.secondary', typography: 'body2' }}
        >
          {diskStatus ? (
            <span>{i18n.t('recording.disk', { size: sizeText(i18n, diskStatus.freeBytes) })}</span>
          ) : null}
          {mine && status ? (
            <span>
              {i18n.t('recording.saved', { seconds: Math.floor(status.durableMs / 1000) })}
            </span>
          ) : null}
        </Stack>
      </Stack>
    </Paper>
  );
}

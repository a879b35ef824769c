import ArrowBack from '@mui/icons-material/ArrowBack';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { Link as RouterLink, useLocation, useParams } from 'react-router';
import type {
  CaptureStatus,
  RecordingSummary,
  VisitTranscript,
} from '../../../electron/shared/recording';
import type { Visit } from '../../../electron/shared/scheduling';
import { useClient } from '../../api/client';
import { useCan } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useI18n } from '../../i18n/i18n';
import { calendarKeys, dayTitle, timeText } from '../calendar/model';
import { LiveChecklist } from '../report/LiveChecklist';
import { ReportLinkButton } from '../report/ReportLinkButton';
import { NotAllowed } from '../settings/NotAllowed';
import { captureSession } from './capture-session';
import { ConsentForm, ConsentLine } from './ConsentSection';
import { clockText, currentRecording, recordingKeys, recordingNumber } from './model';
import { ImportAudio } from './ImportAudio';
import { Recorder } from './Recorder';
import { TranscriptionPanel } from './TranscriptionPanel';
import { TranscriptView } from './TranscriptView';

const LIVE_POLL_MS = 1_000;
const WAITING_POLL_MS = 5_000;

/** Status once a second while audio flows or chunks are transcribed; slower while blocked. */
function statusInterval(status: CaptureStatus | undefined, feeding: boolean): number | false {
  if (feeding || status?.live) return LIVE_POLL_MS;
  if (!status) return false;
  const { pending, processing, blocker } = status.transcription;
  if (pending + processing === 0) return false;
  return blocker ? WAITING_POLL_MS : LIVE_POLL_MS;
}

function transcriptInterval(transcript: VisitTranscript | undefined, live: boolean) {
  if (live) return 2_000;
  const progress = transcript?.progress;
  if (!progress || progress.pending + progress.processing === 0) return false;
  return progress.blocker ? WAITING_POLL_MS : 2_000;
}

function RecordingList({ recordings }: { recordings: readonly RecordingSummary[] }) {
  const i18n = useI18n();
  const ordered = [...recordings].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  return (
    <Paper component="section" aria-labelledby="recordings-title" sx={{ p: 2 }}>
      <Typography id="recordings-title" variant="subtitle1" component="h2">
        {i18n.t('recording.recordings')}
      </Typography>
      <List dense disablePadding>
        {ordered.map((recording) => (
          <ListItem key={recording.id} disableGutters>
            <ListItemText
              primary={i18n.t('recording.recordingItem', {
                n: recordingNumber(recordings, recording.id),
                started: recording.startedAt,
                duration: clockText(i18n, recording.durationMs),
                chunks: recording.chunks,
                state: i18n.t(`recording.recordingState.${recording.state}`),
              })}
            />
          </ListItem>
        ))}
      </List>
    </Paper>
  );
}

/** Router state of a link that should continue an interrupted recording on arrival. */
export interface ConsultationState {
  readonly resume?: string;
}

function Consultation({ visit }: { visit: Visit }) {
  const client = useClient();
  const i18n = useI18n();
  const location = useLocation();
  const resume = (location.state as ConsultationState | null)?.resume;
  const feedingId = useSyncExternalStore(
    captureSession.subscribe,
    () => captureSession.getSnapshot().recording?.recordingId ?? null,
  );
  const consents = useQuery({
    queryKey: recordingKeys.consents(visit.id),
    queryFn: () => client.recording.consents({ encounterId: visit.id }),
  });
  const recordings = useQuery({
    queryKey: recordingKeys.forVisit(visit.id),
    queryFn: () => client.recording.forVisit({ encounterId: visit.id }),
    refetchInterval: 15_000,
  });
  const current = currentRecording(recordings.data);
  const feeding = feedingId !== null && feedingId === current?.id;
  const status = useQuery({
    queryKey: recordingKeys.status(current?.id ?? ''),
    queryFn: () => client.recording.status({ id: current!.id }),
    enabled: current !== null,
    refetchInterval: (query) => statusInterval(query.state.data, feeding),
  });
  const transcript = useQuery({
    queryKey: recordingKeys.transcript(visit.id),
    queryFn: () => client.transcript.get({ encounterId: visit.id }),
    enabled: (recordings.data?.length ?? 0) > 0,
    refetchInterval: (query) => transcriptInterval(query.state.data, feeding),
  });
  const consent = consents.data?.[0] ?? null;

  return (
    <Stack spacing={2}>
      <QueryState query={consents}>
        {() =>
          consent ? (
            <Paper
              sx={{ px: 2, py: 1.5 }}
              component="section"
              aria-label={i18n.t('recording.consent.title')}
            >
              <ConsentLine consent={consent} />
            </Paper>
          ) : (
            <ConsentForm encounterId={visit.id} />
          )
        }
      </QueryState>
      {consent ? (
        <Recorder
          visit={visit}
          current={current}
          {...(resume ? { autoContinue: resume } : {})}
          status={status.data?.recording.id === current?.id ? status.data : undefined}
          statusAt={status.dataUpdatedAt}
        />
      ) : null}
      {consent &&
      !feeding &&
      !['recording', 'paused', 'interrupted'].includes(current?.state ?? '') ? (
        <ImportAudio encounterId={visit.id} />
      ) : null}
      {consent && current ? (
        <LiveChecklist encounterId={visit.id} live={feeding || Boolean(status.data?.live)} />
      ) : null}
      {current && status.data && status.data.recording.id === current.id ? (
        <TranscriptionPanel
          recordingId={current.id}
          progress={status.data.transcription}
          chunks={status.data.chunkList}
        />
      ) : null}
      {transcript.data && recordings.data ? (
        <TranscriptView transcript={transcript.data} recordings={recordings.data} />
      ) : null}
      {recordings.data && recordings.data.length > 1 ? (
        <RecordingList recordings={recordings.data} />
      ) : null}
    </Stack>
  );
}

/**
 * The doctor's consultation screen for one visit (`/visits/:visitId/consultation`): consent
 * first, then the recorder, live transcription progress and the transcript with corrections
 * and playback.
 */
export function ConsultationScreen() {
  const { visitId = '' } = useParams();
  const client = useClient();
  const i18n = useI18n();
  const canRecord = useCan('recording.capture');
  const visit = useQuery({
    queryKey: calendarKeys.visit(visitId),
    queryFn: () => client.visits.get({ id: visitId }),
    enabled: canRecord,
  });
  const back = (
    <Button
      component={RouterLink}
      to="/today"
      startIcon={<ArrowBack sx={i18n.dir === 'rtl' ? { transform: 'scaleX(-1)' } : undefined} />}
    >
      {i18n.t('recording.back')}
    </Button>
  );
  if (!canRecord) {
    return (
      <>
        <PageHeader title={i18n.t('recording.open')} actions={back} />
        <NotAllowed title={i18n.t('recording.open')} body={i18n.t('recording.notAllowed')} />
      </>
    );
  }
  return (
    <QueryState query={visit}>
      {(data) => (
        <>
          <PageHeader
            title={i18n.t('recording.title', { name: data.patientName })}
            actions={
              <>
                <ReportLinkButton visit={data} variant="outlined" />
                {back}
              </>
            }
          />
          <Typography color="text.secondary" sx={{ mt: -1, mb: 2 }}>
            {i18n.t('recording.visitLine', {
              day: dayTitle(i18n, data.date),
              time: timeText(i18n, data.startMinute),
              doctor: data.doctorName,
            })}
          </Typography>
          <Consultation visit={data} />
        </>
      )}
    </QueryState>
  );
}

import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  ChunkSummary,
  TranscriptionProgress,
  TranscriptionStatus,
} from '../../../electron/shared/recording';
import { useClient } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';
import { clockText, refreshRecordings } from './model';

/** Outlined chips; the text in the dark shade of each colour (the main shades are too light). */
const statusColor: Record<TranscriptionStatus, 'default' | 'info' | 'success' | 'error'> = {
  pending: 'default',
  processing: 'info',
  completed: 'success',
  failed: 'error',
};
const statusText: Record<TranscriptionStatus, string> = {
  pending: 'text.secondary',
  processing: 'info.dark',
  completed: 'success.dark',
  failed: 'error.dark',
};

function ChunkRow({ chunk, percent }: { chunk: ChunkSummary; percent: number | null }) {
  const i18n = useI18n();
  const status = chunk.transcriptionStatus;
  const label =
    status === 'processing' && percent !== null
      ? `${i18n.t('recording.status.processing')} ${i18n.digits(Math.round(percent))}٪`
      : i18n.t(`recording.status.${status}`);
  const details = [
    chunk.recovered ? i18n.t('recording.chunk.recovered') : null,
    status === 'failed' && chunk.transcriptionAttempts > 1
      ? i18n.t('recording.chunk.attempts', { n: chunk.transcriptionAttempts })
      : null,
    status === 'failed' ? chunk.transcriptionError : null,
  ].filter(Boolean);
  return (
    <ListItem
      disableGutters
      divider
      data-chunk={chunk.index}
      data-status={status}
      sx={{ gap: 2, justifyContent: 'space-between' }}
    >
      <ListItemText
        primary={`${i18n.t('recording.chunk.label', { n: chunk.index })} ${i18n.t(
          'recording.chunk.range',
          {
            from: clockText(i18n, chunk.startMs),
            to: clockText(i18n, chunk.startMs + chunk.durationMs),
          },
        )}`}
        secondary={details.length > 0 ? details.join(' — ') : undefined}
      />
      <Chip
        size="small"
        variant="outlined"
        color={statusColor[status]}
        label={label}
        sx={{ flexShrink: 0, color: statusText[status] }}
      />
    </ListItem>
  );
}

/**
 * Transcription of the recording chunk by chunk, live while recording goes on: overall
 * progress, each chunk's state, how far behind the engine is when this PC cannot keep up, and
 * why it waits when it cannot run (no model, the engine missing or restarting) — recording never
 * waits for it. Failed chunks can be retried; transcription can be cancelled.
 */
export function TranscriptionPanel({
  recordingId,
  progress,
  chunks,
}: {
  recordingId: string;
  progress: TranscriptionProgress;
  chunks: readonly ChunkSummary[];
}) {
  const client = useClient();
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const retry = useMutation({
    mutationFn: () => client.transcription.retry({ id: recordingId }),
    onSettled: () => refreshRecordings(queryClient),
  });
  const cancel = useMutation({
    mutationFn: () => client.transcription.cancel({ id: recordingId }),
    onSettled: () => refreshRecordings(queryClient),
  });
  const total = progress.pending + progress.processing + progress.completed + progress.failed;
  const running = progress.pending + progress.processing > 0;
  const value =
    total === 0
      ? 0
      : ((progress.completed + progress.failed + (progress.currentPercent ?? 0) / 100) / total) *
        100;
  return (
    <Paper component="section" aria-labelledby="transcription-title" sx={{ p: 2 }}>
      <Stack spacing={1.5}>
        <Stack
          direction="row"
          spacing={2}
          sx={{ alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap' }}
        >
          <Typography id="transcription-title" variant="h6" component="h2">
            {i18n.t('recording.transcription.title')}
          </Typography>
          <Stack direction="row" spacing={1}>
            {progress.failed > 0 || cancel.isSuccess ? (
              <Button
                size="small"
                variant="outlined"
                loading={retry.isPending}
                onClick={() => retry.mutate()}
              >
                {i18n.t('recording.retry')}
              </Button>
            ) : null}
            {running && !progress.blocker ? (
              <Button
                size="small"
                color="error"
                loading={cancel.isPending}
                onClick={() => cancel.mutate()}
              >
                {i18n.t('recording.cancel')}
              </Button>
            ) : null}
          </Stack>
        </Stack>
        {total === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {i18n.t('recording.transcription.none')}
          </Typography>
        ) : (
          <Box>
            <Typography variant="body2" id="transcription-summary" role="status">
              {i18n.t('recording.transcription.summary', { done: progress.completed, total })}
              {progress.currentPercent !== null
                ? ` — ${i18n.t('recording.transcription.current', {
                    percent: Math.round(progress.currentPercent),
                  })}`
                : ''}
            </Typography>
            <LinearProgress
              variant="determinate"
              value={value}
              aria-label={i18n.t('recording.transcription.progress')}
              sx={{ mt: 1, height: 8, borderRadius: 1 }}
            />
          </Box>
        )}
        <Stack spacing={1} aria-live="polite">
          {progress.blocker ? (
            <Alert severity={progress.blocker === 'engine_starting' ? 'info' : 'warning'}>
              {i18n.t(`recording.blocker.${progress.blocker}`)}
            </Alert>
          ) : null}
          {progress.slowEngine ? (
            <Alert severity="warning">{i18n.t('recording.slowEngine')}</Alert>
          ) : null}
          {progress.behind ? (
            <Alert severity="warning">
              {i18n.t('recording.transcription.backlog', {
                minutes: Math.max(1, Math.ceil(progress.backlogMs / 60_000)),
              })}
            </Alert>
          ) : progress.backlogMs > 0 && !progress.blocker ? (
            <Typography variant="body2" color="text.secondary">
              {i18n.t('recording.transcription.waiting', {
                seconds: Math.round(progress.backlogMs / 1000),
              })}
            </Typography>
          ) : null}
          {cancel.isSuccess && !running ? (
            <Typography variant="body2" color="text.secondary">
              {i18n.t('recording.cancelled')}
            </Typography>
          ) : null}
          {retry.error ? <ErrorAlert error={retry.error} /> : null}
          {cancel.error ? <ErrorAlert error={cancel.error} /> : null}
        </Stack>
        {chunks.length > 0 ? (
          <Box component="section" aria-labelledby="chunks-title">
            <Typography id="chunks-title" variant="subtitle2" component="h3">
              {i18n.t('recording.chunks')}
            </Typography>
            <List dense disablePadding>
              {chunks.map((chunk) => (
                <ChunkRow
                  key={chunk.id}
                  chunk={chunk}
                  percent={
                    chunk.transcriptionStatus === 'processing' ? progress.currentPercent : null
                  }
                />
              ))}
            </List>
          </Box>
        ) : null}
      </Stack>
    </Paper>
  );
}

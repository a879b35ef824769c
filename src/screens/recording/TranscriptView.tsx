import Edit from '@mui/icons-material/Edit';
import PlayArrow from '@mui/icons-material/PlayArrow';
import Stop from '@mui/icons-material/Stop';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type {
  RecordingSummary,
  TranscriptSegment,
  VisitTranscript,
} from '../../../electron/shared/recording';
import { useClient } from '../../api/client';
import { useCan } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';
import { isolate } from '../patients/format';
import { clockText, recordingKeys, recordingNumber } from './model';

/** Below this mean token probability a segment is marked for the doctor to listen to. */
const LOW_CONFIDENCE = 0.6;

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * One segment's audio at a time. It is decrypted by the core and handed over in memory; here it
 * lives only as a Blob behind an object URL, revoked as soon as playing ends or stops — never a
 * file, never cached.
 */
function useSegmentPlayer() {
  const client = useClient();
  const [playing, setPlaying] = useState<string | null>(null);
  const [failed, setFailed] = useState<unknown>(null);
  const current = useRef<{ audio: HTMLAudioElement; url: string } | null>(null);
  const stop = useCallback(() => {
    const now = current.current;
    current.current = null;
    if (now) {
      now.audio.pause();
      now.audio.removeAttribute('src');
      URL.revokeObjectURL(now.url);
    }
    setPlaying(null);
  }, []);
  useEffect(() => stop, [stop]);
  const play = useCallback(
    async (segmentId: string) => {
      stop();
      setFailed(null);
      setPlaying(segmentId);
      try {
        const clip = await client.transcript.audio({ id: segmentId });
        const url = URL.createObjectURL(
          new Blob([base64ToBytes(clip.base64)], { type: clip.mimeType }),
        );
        const audio = new Audio(url);
        current.current = { audio, url };
        audio.addEventListener('ended', stop, { once: true });
        audio.addEventListener('error', stop, { once: true });
        await audio.play();
      } catch (error) {
        stop();
        setFailed(error);
      }
    },
    [client, stop],
  );
  return { playing, play, stop, failed };
}

function SegmentEditor({ segment, onDone }: { segment: TranscriptSegment; onDone: () => void }) {
  const client = useClient();
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const [text, setText] = useState(segment.text);
  const save = useMutation({
    mutationFn: () => client.transcript.correct({ segmentId: segment.id, text }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: recordingKeys.all });
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() && text.trim() !== segment.text) save.mutate();
    else onDone();
  };
  return (
    <Box component="form" onSubmit={submit} noValidate sx={{ flex: 1 }}>
      <TextField
        id={`segment-edit-${segment.id}`}
        label={i18n.t('recording.segment.text')}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onDone();
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit(event);
        }}
        multiline
        minRows={2}
        fullWidth
        autoFocus
        slotProps={{ htmlInput: { dir: 'auto' } }}
      />
      {save.error ? <ErrorAlert error={save.error} /> : null}
      <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
        <Button type="submit" variant="contained" size="small" loading={save.isPending}>
          {i18n.t('recording.segment.save')}
        </Button>
        <Button size="small" onClick={onDone}>
          {i18n.t('common.cancel')}
        </Button>
      </Stack>
    </Box>
  );
}

function SegmentRow({
  segment,
  when,
  playing,
  onPlay,
  onStop,
  canListen,
}: {
  segment: TranscriptSegment;
  when: string;
  playing: boolean;
  onPlay: () => void;
  onStop: () => void;
  canListen: boolean;
}) {
  const i18n = useI18n();
  const [editing, setEditing] = useState(false);
  const [showOriginal, setShowOriginal] = useState(false);
  const unsure = segment.confidence < LOW_CONFIDENCE;
  return (
    <Box
      component="li"
      data-segment={segment.id}
      sx={{ py: 1, borderBottom: 1, borderColor: 'divider', listStyle: 'none' }}
    >
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'flex-start' }}>
        <Typography
          variant="body2"
          color="text.secondary"
          sx={{ minWidth: '4.5rem', pt: 0.75, fontVariantNumeric: 'tabular-nums' }}
        >
          {when}
        </Typography>
        {editing ? (
          <SegmentEditor segment={segment} onDone={() => setEditing(false)} />
        ) : (
          <Box sx={{ flex: 1, minWidth: 0, pt: 0.5 }}>
            <Typography dir="auto" sx={{ whiteSpace: 'pre-wrap' }}>
              {segment.text || '…'}
            </Typography>
            {segment.correction ? (
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                <Typography variant="caption" color="text.secondary">
                  {i18n.t('recording.segment.corrected', {
                    name: isolate(segment.correction.correctedByName),
                    at: segment.correction.correctedAt,
                  })}
                </Typography>
                <Button
                  size="small"
                  onClick={() => setShowOriginal(!showOriginal)}
                  aria-expanded={showOriginal}
                >
                  {showOriginal
                    ? i18n.t('recording.segment.hideOriginal')
                    : i18n.t('recording.segment.showOriginal')}
                </Button>
              </Stack>
            ) : null}
            {segment.correction && showOriginal ? (
              <Typography
                variant="body2"
                color="text.secondary"
                sx={{
                  borderInlineStart: '3px solid',
                  borderColor: 'divider',
                  paddingInlineStart: 1,
                  mt: 0.5,
                }}
              >
                {i18n.t('recording.segment.original', { text: isolate(segment.originalText) })}
              </Typography>
            ) : null}
          </Box>
        )}
        {unsure && !editing ? (
          <Tooltip
            title={i18n.t('recording.segment.lowConfidenceHelp', {
              percent: Math.round(segment.confidence * 100),
            })}
          >
            <Chip
              size="small"
              color="warning"
              variant="outlined"
              label={i18n.t('recording.segment.lowConfidence')}
              tabIndex={0}
              sx={{ mt: 0.5 }}
            />
          </Tooltip>
        ) : null}
        {!editing ? (
          <Stack direction="row" sx={{ flexShrink: 0 }}>
            {canListen ? (
              <IconButton
                onClick={playing ? onStop : onPlay}
                aria-label={
                  playing
                    ? i18n.t('recording.segment.stopPlaying')
                    : i18n.t('recording.segment.play', { time: when })
                }
                aria-pressed={playing}
              >
                {playing ? <Stop /> : <PlayArrow />}
              </IconButton>
            ) : null}
            <IconButton
              onClick={() => setEditing(true)}
              aria-label={i18n.t('recording.segment.edit', { time: when })}
            >
              <Edit />
            </IconButton>
          </Stack>
        ) : null}
      </Stack>
    </Box>
  );
}

/**
 * The visit's transcript: every segment with its time in the recording, what the engine was
 * unsure of, the doctor's corrections (who and when, the original a click away) and the audio
 * behind each segment.
 */
export function TranscriptView({
  transcript,
  recordings,
}: {
  transcript: VisitTranscript;
  recordings: readonly RecordingSummary[];
}) {
  const i18n = useI18n();
  const canListen = useCan('recording.listen');
  const player = useSegmentPlayer();
  const several = recordings.length > 1;
  const segments = [...transcript.segments].sort((a, b) => {
    const byRecording =
      recordingNumber(recordings, a.recordingId) - recordingNumber(recordings, b.recordingId);
    return byRecording !== 0 ? byRecording : a.startMs - b.startMs;
  });
  return (
    <Paper component="section" aria-labelledby="transcript-title" sx={{ p: 2 }}>
      <Typography id="transcript-title" variant="h6" component="h2" sx={{ mb: 1 }}>
        {i18n.t('recording.transcript.title')}
      </Typography>
      {player.failed ? (
        <Alert severity="error" sx={{ mb: 1 }}>
          {i18n.t('recording.segment.playFailed')}
        </Alert>
      ) : null}
      {segments.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {i18n.t('recording.transcript.empty')}
        </Typography>
      ) : (
        <Box component="ul" sx={{ m: 0, p: 0 }}>
          {segments.map((segment) => {
            const time = clockText(i18n, segment.startMs);
            const when = several
              ? i18n.t('recording.segment.recording', {
                  n: recordingNumber(recordings, segment.recordingId),
                  time,
                })
              : time;
            return (
              <SegmentRow
                key={segment.id}
                segment={segment}
                when={when}
                playing={player.playing === segment.id}
                onPlay={() => void player.play(segment.id)}
                onStop={player.stop}
                canListen={canListen}
              />
            );
          })}
        </Box>
      )}
    </Paper>
  );
}

import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useEffect } from 'react';
import type { TranscriptSegment, VisitTranscript } from '../../../electron/shared/recording';
import type { Evidence } from '../../../electron/shared/soap';
import { useI18n } from '../../i18n/i18n';
import { clockText, recordingNumber } from '../recording/model';
import { anchorRange, orderedSegments, WARNING_TEXT } from './model';

/** Evidence being shown; `seq` changes on every click so the same quote can be shown again. */
export interface Highlight {
  readonly evidence: Evidence;
  readonly seq: number;
}

export function segmentElementId(segmentId: string): string {
  return `report-segment-${segmentId}`;
}

function SegmentText({ segment, highlight }: { segment: TranscriptSegment; highlight?: Evidence }) {
  const text = segment.text || '…';
  const range = highlight ? anchorRange(segment.text, highlight) : null;
  if (!range) return <>{text}</>;
  return (
    <>
      {text.slice(0, range.start)}
      <Box
        component="mark"
        sx={{ bgcolor: 'warning.light', color: 'text.primary', borderRadius: 0.5, px: 0.25 }}
      >
        {text.slice(range.start, range.end)}
      </Box>
      {text.slice(range.end)}
    </>
  );
}

/**
 * The visit's transcript beside the report, read only (corrections are made on the consultation
 * screen). Evidence clicked in the report scrolls here: its segment is outlined, focused and the
 * quoted characters marked.
 */
export function ReportTranscript({
  transcript,
  highlight,
}: {
  transcript: VisitTranscript;
  highlight: Highlight | null;
}) {
  const i18n = useI18n();
  const segments = orderedSegments(transcript);
  const several = transcript.recordings.length > 1;
  const target = highlight?.evidence.segmentId;

  useEffect(() => {
    if (!highlight) return;
    const element = document.getElementById(segmentElementId(highlight.evidence.segmentId));
    if (!element) return;
    // Only the transcript's own list scrolls, so the report stays where the doctor clicked; the
    // page itself scrolls only when the transcript is out of sight (narrow windows).
    const list = element.closest('ul');
    if (list && list.scrollHeight > list.clientHeight) {
      const box = list.getBoundingClientRect();
      const item = element.getBoundingClientRect();
      const top = list.scrollTop + item.top - box.top - (box.height - item.height) / 2;
      list.scrollTo({ top, behavior: 'smooth' });
      if (box.top < 0 || box.bottom > window.innerHeight) {
        list.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      }
    } else {
      element.scrollIntoView({ block: 'center', behavior: 'smooth' });
    }
    element.focus({ preventScroll: true });
  }, [highlight]);

  const missing = highlight !== null && !segments.some((segment) => segment.id === target);
  return (
    <Paper
      component="section"
      aria-labelledby="report-transcript-title"
      sx={{ p: 2, display: 'flex', flexDirection: 'column', minHeight: 0, height: '100%' }}
    >
      <Typography id="report-transcript-title" variant="h6" component="h2" sx={{ mb: 1 }}>
        {i18n.t('report.transcript.title')}
      </Typography>
      {missing ? (
        <Typography role="status" variant="body2" sx={{ mb: 1, color: WARNING_TEXT }}>
          {i18n.t('report.transcript.segmentGone')}
        </Typography>
      ) : null}
      {segments.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {i18n.t('report.transcript.empty')}
        </Typography>
      ) : (
        <Box
          component="ul"
          aria-label={i18n.t('report.transcript.segments')}
          sx={{ m: 0, p: 0, overflowY: 'auto', flex: 1, minHeight: 0 }}
        >
          {segments.map((segment) => {
            const time = clockText(i18n, segment.startMs);
            const when = several
              ? i18n.t('recording.segment.recording', {
                  n: recordingNumber(transcript.recordings, segment.recordingId),
                  time,
                })
              : time;
            const shown = segment.id === target;
            return (
              <Box
                component="li"
                key={segment.id}
                id={segmentElementId(segment.id)}
                tabIndex={-1}
                aria-current={shown ? 'true' : undefined}
                sx={{
                  listStyle: 'none',
                  display: 'flex',
                  gap: 1.5,
                  py: 0.75,
                  px: 0.75,
                  borderBottom: 1,
                  borderColor: 'divider',
                  borderRadius: 1,
                  outline: shown ? '2px solid' : 'none',
                  outlineColor: 'warning.main',
                  bgcolor: shown ? 'rgba(245, 165, 36, 0.08)' : undefined,
                  scrollMarginBlock: '3rem',
                }}
              >
                <Typography
                  variant="body2"
                  color="text.secondary"
                  sx={{ minWidth: '3.5rem', fontVariantNumeric: 'tabular-nums', flexShrink: 0 }}
                >
                  {when}
                </Typography>
                <Typography variant="body2" dir="auto" sx={{ whiteSpace: 'pre-wrap', flex: 1 }}>
                  <SegmentText
                    segment={segment}
                    {...(shown && highlight ? { highlight: highlight.evidence } : {})}
                  />
                </Typography>
              </Box>
            );
          })}
        </Box>
      )}
    </Paper>
  );
}

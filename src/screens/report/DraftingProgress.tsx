import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { DraftingJob, ReportView } from '../../../electron/shared/reports';
import { useClient } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n, type I18n } from '../../i18n/i18n';
import { isolate } from '../patients/format';
import { clockText } from '../recording/model';
import { durationText, elapsedSeconds, progressFraction, reportKeys, WARNING_TEXT } from './model';

/** How far this computer's clock is ahead of the core's (the preview's test clock is far off). */
function useClockSkew(): number {
  const client = useClient();
  const now = useQuery({
    queryKey: reportKeys.clock,
    queryFn: async () => {
      const asked = Date.now();
      const answer = await client.schedule.now();
      const answered = Date.now();
      return (asked + answered) / 2 - Date.parse(answer.instant);
    },
    staleTime: 10 * 60_000,
  });
  return now.data ?? 0;
}

/** This computer's time, once a second. */
function useTick(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function phaseText(i18n: I18n, job: DraftingJob): string {
  switch (job.phase) {
    case 'queued':
      return i18n.t('report.job.phase.queued');
    case 'extract':
      return i18n.t('report.job.phase.extract');
    case 'map':
      return job.parts > 1
        ? i18n.t('report.job.phase.mapPart', { part: Math.max(1, job.part), parts: job.parts })
        : job.kind === 'section' && job.section
          ? i18n.t('report.job.phase.section', {
              section: i18n.t(`report.section.${job.section}`),
            })
          : i18n.t('report.job.phase.map');
    case 'reduce':
      return i18n.t('report.job.phase.reduce', { parts: job.parts });
    case 'check':
      return i18n.t('report.job.phase.check');
    case 'done':
      return i18n.t('report.job.phase.done');
  }
}

function RunningJob({
  job,
  onCancel,
  cancelling,
}: {
  job: DraftingJob;
  onCancel: () => void;
  cancelling: boolean;
}) {
  const i18n = useI18n();
  const skew = useClockSkew();
  const now = useTick();
  const elapsed = elapsedSeconds(job, now, skew);
  const fraction = progressFraction(job, elapsed);
  const overdue = job.expectedSeconds !== null && elapsed > job.expectedSeconds * 1.5;
  const title =
    job.kind === 'section' && job.section
      ? i18n.t('report.job.titleSection', { section: i18n.t(`report.section.${job.section}`) })
      : i18n.t('report.job.title');
  return (
    <Paper
      component="section"
      aria-labelledby="report-job-title"
      sx={{ p: 2, borderInlineStart: '4px solid', borderColor: 'primary.main' }}
    >
      <Stack spacing={1.25}>
        <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
          <Typography
            id="report-job-title"
            variant="subtitle1"
            component="h2"
            sx={{ fontWeight: 700 }}
          >
            {title}
          </Typography>
          <Button
            variant="outlined"
            color="error"
            onClick={onCancel}
            loading={cancelling}
            aria-label={i18n.t('report.job.cancelLabel')}
          >
            {i18n.t('report.job.cancel')}
          </Button>
        </Stack>
        <Typography role="status" aria-live="polite">
          {phaseText(i18n, job)}
        </Typography>
        <LinearProgress
          variant={fraction === null ? 'indeterminate' : 'determinate'}
          value={fraction === null ? undefined : fraction * 100}
          aria-label={i18n.t('report.job.progress')}
        />
        <Stack direction="row" sx={{ flexWrap: 'wrap', columnGap: 3, rowGap: 0.5 }}>
          <Typography variant="body2" color="text.secondary">
            {job.method === 'llm'
              ? i18n.t('report.job.byModel', { model: isolate(job.model ?? '') })
              : i18n.t('report.job.byExtractors')}
          </Typography>
          {job.method === 'llm' ? (
            <Typography variant="body2" color="text.secondary">
              {i18n.t('report.job.tokens', { count: job.tokensOut })}
            </Typography>
          ) : null}
          <Typography variant="body2" color="text.secondary">
            {job.expectedSeconds !== null
              ? i18n.t('report.job.elapsedOf', {
                  elapsed: clockText(i18n, elapsed * 1000),
                  expected: durationText(i18n, job.expectedSeconds),
                })
              : i18n.t('report.job.elapsed', { elapsed: clockText(i18n, elapsed * 1000) })}
          </Typography>
        </Stack>
        {overdue ? (
          <Typography variant="body2" sx={{ color: WARNING_TEXT }}>
            {i18n.t('report.job.overdue')}
          </Typography>
        ) : null}
        {job.parts > 1 ? (
          <Typography variant="body2" color="text.secondary">
            {i18n.t('report.job.mapReduce', { parts: job.parts })}
          </Typography>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** A failure the core named by a message key reads as that message; anything else as detail. */
function FailureDetail({ error }: { error: string }) {
  const i18n = useI18n();
  const message = i18n.message(error);
  if (message !== error) return <Typography component="p">{message}</Typography>;
  return (
    <Typography variant="caption" component="p" sx={{ mt: 0.5 }}>
      {i18n.t('report.job.detail', { detail: isolate(error) })}
    </Typography>
  );
}

/**
 * The drafting run of the visit: while it runs, its phase (and which part of a long transcript is
 * being worked on), tokens written, time taken against the time expected, and a cancel that works
 * at any moment; once it has failed, been cancelled or cut short, what happened and a retry.
 */
export function DraftingProgress({
  view,
  onRetry,
}: {
  view: ReportView;
  /** Runs the same kind of job again. */
  onRetry: (job: DraftingJob) => void;
}) {
  const client = useClient();
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const [dismissed, setDismissed] = useState<string | null>(null);
  const job = view.job;
  const cancel = useMutation({
    mutationFn: () => client.drafting.cancel({ encounterId: view.encounterId }),
    onSuccess: (stopped) => {
      queryClient.setQueryData<ReportView>(reportKeys.view(view.encounterId), (current) =>
        current ? { ...current, job: stopped } : current,
      );
      void queryClient.invalidateQueries({ queryKey: reportKeys.view(view.encounterId) });
    },
  });
  if (!job || job.id === dismissed) return null;
  if (job.status === 'running') {
    return (
      <Box>
        <RunningJob job={job} onCancel={() => cancel.mutate()} cancelling={cancel.isPending} />
        {cancel.error ? <ErrorAlert error={cancel.error} /> : null}
      </Box>
    );
  }
  if (job.status === 'completed') return null;
  const severity = job.status === 'failed' ? 'error' : 'warning';
  return (
    <Alert
      severity={severity}
      role={job.status === 'failed' ? 'alert' : 'status'}
      onClose={() => setDismissed(job.id)}
      action={
        <Button color="inherit" size="small" onClick={() => onRetry(job)}>
          {i18n.t('report.job.retry')}
        </Button>
      }
    >
      <AlertTitle>{i18n.t(`report.job.status.${job.status}`)}</AlertTitle>
      {job.status === 'failed' ? i18n.t('report.job.failedExplain') : null}
      {job.status === 'failed' && job.error ? <FailureDetail error={job.error} /> : null}
    </Alert>
  );
}

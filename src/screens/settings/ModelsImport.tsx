import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { ModelImportReport, ModelProgress } from '../../../electron/shared/models';
import { useClient } from '../../api/client';
import { shapeOf } from '../../components/ErrorAlert';
import { useI18n, type I18n } from '../../i18n/i18n';
import {
  Code,
  DRAFTING_MODELS_QUERY,
  MODELS_MUTATION,
  PathField,
  sizeText,
  SPEECH_STATUS_QUERY,
  textWith,
} from './ModelsShared';

/** Unknown files listed in the report before "… and n more". */
const UNKNOWN_SHOWN = 10;

/**
 * Imports the manifest's models (speech and language models alike) from a folder or USB stick, typed by IT (a host may later add a
 * "Browse…" button beside the field: `PathField`'s action slot). While it runs, the speech status
 * is polled and its progress shown; afterwards, what was imported, skipped or refused, and why.
 */
export function ModelsImport({
  progress,
  busy,
  browse,
}: {
  /** The status's progress of a running import or verification. */
  progress: ModelProgress | null;
  /** Another import or a verification runs. */
  busy: boolean;
  /** A host's folder chooser, shown before the Import button. */
  browse?: ReactNode;
}) {
  const client = useClient();
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const id = useId();
  const [folder, setFolder] = useState('');
  const run = useMutation({
    mutationKey: [...MODELS_MUTATION, 'import'],
    mutationFn: (source: string) => client.models.import({ folder: source }),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: SPEECH_STATUS_QUERY }),
        queryClient.invalidateQueries({ queryKey: DRAFTING_MODELS_QUERY }),
      ]),
  });
  const error = run.error ? shapeOf(run.error) : null;
  // A malformed or unreadable folder is the field's problem; anything else is the form's.
  const folderError = error
    ? (i18n.fieldErrors(error)['folder'] ??
      (error.messageKey === 'models.sourceUnreadable' ? i18n.errorText(error) : undefined))
    : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run.mutate(folder.trim());
  };
  const copying = progress?.phase === 'copying' ? progress : null;
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <form onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
        <Stack spacing={1.5}>
          <Typography
            variant="subtitle1"
            component="h3"
            id={`${id}-title`}
            sx={{ fontWeight: 700 }}
          >
            {i18n.t('speech.import.title')}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {i18n.t('speech.import.intro')}
          </Typography>
          <PathField
            id={`${id}-folder`}
            label={i18n.t('speech.import.folder')}
            value={folder}
            onChange={(next) => {
              if (run.isError || run.isSuccess) run.reset();
              setFolder(next);
            }}
            error={Boolean(folderError)}
            helperText={
              folderError ??
              textWith(i18n, 'speech.import.folderHint', {
                windows: <Code>{'E:\\models'}</Code>,
                linux: <Code>/media/usb/models</Code>,
              })
            }
            disabled={run.isPending}
            action={
              <Box sx={{ display: 'flex', gap: 1 }}>
                {browse}
                <Button type="submit" variant="contained" disabled={busy || run.isPending}>
                  {i18n.t(run.isPending ? 'speech.import.running' : 'speech.import.start')}
                </Button>
              </Box>
            }
          />
          {run.isPending || copying ? <ImportProgress i18n={i18n} progress={copying} /> : null}
          {error && !folderError ? (
            <Alert severity="error" role="alert">
              {i18n.errorText(error)}
            </Alert>
          ) : null}
          {run.data ? <ImportReport i18n={i18n} report={run.data} /> : null}
        </Stack>
      </form>
    </Paper>
  );
}

function ImportProgress({ i18n, progress }: { i18n: I18n; progress: ModelProgress | null }) {
  const percent =
    progress && progress.bytesTotal > 0
      ? Math.floor((progress.bytesDone / progress.bytesTotal) * 100)
      : null;
  const label = progress
    ? i18n.t('speech.progress.copying', {
        file: progress.fileName,
        index: progress.fileIndex,
        count: progress.fileCount,
      })
    : i18n.t('speech.import.running');
  return (
    <Box role="status" aria-live="polite">
      <Typography variant="body2">
        {progress
          ? textWith(
              i18n,
              'speech.progress.copying',
              { file: <Code>{progress.fileName}</Code> },
              {
                index: progress.fileIndex,
                count: progress.fileCount,
              },
            )
          : label}
      </Typography>
      <LinearProgress
        variant={percent === null ? 'indeterminate' : 'determinate'}
        value={percent ?? 0}
        aria-label={label}
        sx={{ my: 0.75 }}
      />
      {progress ? (
        <Typography variant="caption" color="text.secondary">
          {i18n.t('speech.progress.bytes', {
            done: sizeText(i18n, progress.bytesDone),
            total: sizeText(i18n, progress.bytesTotal),
          })}
        </Typography>
      ) : null}
    </Box>
  );
}

/** What an import did: each file imported, not needed, refused (and why), and the other files. */
function ImportReport({ i18n, report }: { i18n: I18n; report: ModelImportReport }) {
  const found = report.imported.length + report.skipped.length + report.rejected.length;
  const severity =
    report.rejected.length > 0 ? 'warning' : report.imported.length > 0 ? 'success' : 'info';
  const more = report.unknownCount - Math.min(report.unknown.length, UNKNOWN_SHOWN);
  return (
    <Alert severity={severity} role="status" variant="outlined">
      <AlertTitle component="h4" sx={{ fontSize: '1rem' }}>
        {textWith(i18n, 'speech.report.title', { folder: <Code>{report.source}</Code> })}
      </AlertTitle>
      {found === 0 ? (
        <Typography variant="body2">{i18n.t('speech.report.nothing')}</Typography>
      ) : null}
      <ReportList title={i18n.t('speech.report.imported', { count: report.imported.length })}>
        {report.imported.map((item) => (
          <li key={item.id}>
            <Code>{item.fileName}</Code> — {sizeText(i18n, item.sizeBytes)}
          </li>
        ))}
      </ReportList>
      <ReportList title={i18n.t('speech.report.skipped', { count: report.skipped.length })}>
        {report.skipped.map((item) => (
          <li key={item.id}>
            <Code>{item.fileName}</Code> — {i18n.t(`speech.skip.${item.reason}`)}
          </li>
        ))}
      </ReportList>
      <ReportList title={i18n.t('speech.report.rejected', { count: report.rejected.length })}>
        {report.rejected.map((item) => (
          <li key={item.id}>
            <Code>{item.fileName}</Code> — {i18n.t(`speech.reject.${item.reason}`)}
            {item.detail ? (
              <Typography variant="caption" component="div" color="text.secondary">
                <Code>{item.detail}</Code>
              </Typography>
            ) : null}
          </li>
        ))}
      </ReportList>
      <ReportList title={i18n.t('speech.report.unknown', { count: report.unknownCount })}>
        {report.unknown.slice(0, UNKNOWN_SHOWN).map((name) => (
          <li key={name}>
            <Code>{name}</Code>
          </li>
        ))}
        {more > 0 ? <li>{i18n.t('speech.report.andMore', { count: more })}</li> : null}
      </ReportList>
    </Alert>
  );
}

/** One part of the report; left out when it lists nothing. */
function ReportList({ title, children }: { title: string; children: ReactNode[] }) {
  if (children.flat().filter(Boolean).length === 0) return null;
  return (
    <Box sx={{ mt: 1 }}>
      <Typography variant="body2" sx={{ fontWeight: 700 }}>
        {title}
      </Typography>
      <Box component="ul" sx={{ m: 0, paddingInlineStart: 3, typography: 'body2' }}>
        {children}
      </Box>
    </Box>
  );
}

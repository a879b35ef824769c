import FileUpload from '@mui/icons-material/FileUpload';
import { Alert, Button, CircularProgress, Paper, Stack, Typography } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useClient } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';
import { refreshRecordings } from './model';

/**
 * Import a consultation recorded elsewhere: the app (not the page) shows the file chooser, reads
 * the file through ffmpeg into the visit's encrypted chunks and queues its transcription. A file
 * that is not audio, or damaged, is refused and nothing of it is kept.
 */
export function ImportAudio({ encounterId }: { encounterId: string }) {
  const client = useClient();
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const importFile = useMutation({
    mutationFn: () => client.recording.import({ encounterId }),
    onSuccess: () => refreshRecordings(queryClient),
  });
  return (
    <Paper component="section" aria-label={i18n.t('recording.import.title')} sx={{ p: 2 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography sx={{ flex: 1, minWidth: 240 }} color="text.secondary">
          {i18n.t('recording.import.hint')}
        </Typography>
        <Button
          variant="outlined"
          startIcon={
            importFile.isPending ? <CircularProgress size={18} color="inherit" /> : <FileUpload />
          }
          disabled={importFile.isPending}
          onClick={() => importFile.mutate()}
        >
          {importFile.isPending
            ? i18n.t('recording.import.running')
            : i18n.t('recording.import.button')}
        </Button>
      </Stack>
      {importFile.isSuccess && importFile.data ? (
        <Alert severity="success" sx={{ mt: 1.5 }}>
          {i18n.t('recording.import.done')}
        </Alert>
      ) : null}
      {importFile.error ? <ErrorAlert error={importFile.error} /> : null}
    </Paper>
  );
}

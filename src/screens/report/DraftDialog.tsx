import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type {
  DraftingJob,
  DraftingOptions,
  StartDraftInput,
} from '../../../electron/shared/reports';
import { useClient } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/QueryState';
import { useI18n } from '../../i18n/i18n';
import { isolate } from '../patients/format';
import { durationText, reportKeys, WARNING_TEXT } from './model';

function templateName(
  language: 'fa' | 'en',
  template: DraftingOptions['templates'][number],
): string {
  return language === 'en' && template.nameEn ? template.nameEn : template.name;
}

function OptionsForm({
  encounterId,
  options,
  replacing,
  onStarted,
  onClose,
}: {
  encounterId: string;
  options: DraftingOptions;
  replacing: boolean;
  onStarted: (job: DraftingJob, input: StartDraftInput) => void;
  onClose: () => void;
}) {
  const client = useClient();
  const i18n = useI18n();
  const { llm } = options;
  const [method, setMethod] = useState<'llm' | 'extractors'>(llm.available ? 'llm' : 'extractors');
  const [templateId, setTemplateId] = useState(
    (options.templates.find((template) => template.isDefault) ?? options.templates[0])?.id ?? '',
  );
  const start = useMutation({
    mutationFn: (input: StartDraftInput) => client.drafting.start(input),
    onSuccess: (job, input) => onStarted(job, input),
  });
  const noTranscript = options.transcriptSegments === 0;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (noTranscript) return;
    start.mutate({
      encounterId,
      method,
      ...(templateId ? { templateId } : {}),
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <DialogContent>
        <Stack spacing={2}>
          {llm.available ? (
            <Alert severity="info" role="status">
              {i18n.t('report.draft.llmAvailable', {
                model: isolate(llm.modelName),
                time: durationText(i18n, llm.expectedSeconds),
              })}
            </Alert>
          ) : (
            <Alert severity="warning" role="status">
              {i18n.t(`report.draft.noLlm.${llm.reason}`)} {i18n.t('report.draft.extractorsUsed')}
            </Alert>
          )}
          {noTranscript ? (
            <Alert severity="error">{i18n.t('report.draft.noTranscript')}</Alert>
          ) : !options.transcriptionComplete ? (
            <Alert severity="warning">
              {i18n.t('report.draft.transcriptionIncomplete', {
                count: options.transcriptSegments,
              })}
            </Alert>
          ) : null}
          {llm.available ? (
            <FormControl>
              <FormLabel id="report-draft-method">{i18n.t('report.draft.method')}</FormLabel>
              <RadioGroup
                aria-labelledby="report-draft-method"
                value={method}
                onChange={(event) => setMethod(event.target.value as 'llm' | 'extractors')}
              >
                <FormControlLabel
                  value="llm"
                  control={<Radio />}
                  label={i18n.t('report.draft.method.llm', {
                    time: durationText(i18n, llm.expectedSeconds),
                  })}
                />
                <FormControlLabel
                  value="extractors"
                  control={<Radio />}
                  label={i18n.t('report.draft.method.extractors')}
                />
              </RadioGroup>
            </FormControl>
          ) : null}
          {options.templates.length > 0 ? (
            <TextField
              select
              id="report-draft-template"
              label={i18n.t('report.draft.template')}
              value={templateId}
              onChange={(event) => setTemplateId(event.target.value)}
              helperText={i18n.t('report.draft.templateHint')}
            >
              {options.templates.map((template) => (
                <MenuItem key={template.id} value={template.id}>
                  {templateName(i18n.language, template)}
                  {template.isDefault ? ` (${i18n.t('report.draft.defaultTemplate')})` : ''}
                </MenuItem>
              ))}
            </TextField>
          ) : null}
          {replacing ? (
            <Typography variant="body2" sx={{ color: WARNING_TEXT }}>
              {i18n.t('report.draft.replaces')}
            </Typography>
          ) : null}
          {start.error ? <ErrorAlert error={start.error} /> : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{i18n.t('common.cancel')}</Button>
        <Button type="submit" variant="contained" loading={start.isPending} disabled={noTranscript}>
          {i18n.t('report.draft.start')}
        </Button>
      </DialogActions>
    </form>
  );
}

/**
 * Before drafting: what will write the draft (the model, with the time it is expected to take, or
 * the extractors and why), which specialty template, and whether the transcript is complete.
 */
export function DraftDialog({
  encounterId,
  replacing,
  onStarted,
  onClose,
}: {
  encounterId: string;
  /** The visit already has a draft, which the new one replaces. */
  replacing: boolean;
  onStarted: (job: DraftingJob, input: StartDraftInput) => void;
  onClose: () => void;
}) {
  const client = useClient();
  const i18n = useI18n();
  const options = useQuery({
    queryKey: reportKeys.options(encounterId),
    queryFn: () => client.drafting.options({ encounterId }),
    staleTime: 0,
  });
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="report-draft-title">
      <DialogTitle id="report-draft-title">{i18n.t('report.draft.title')}</DialogTitle>
      {options.data ? (
        <OptionsForm
          encounterId={encounterId}
          options={options.data}
          replacing={replacing}
          onStarted={onStarted}
          onClose={onClose}
        />
      ) : (
        <>
          <DialogContent>
            {options.error ? (
              <ErrorAlert error={options.error} onRetry={() => void options.refetch()} />
            ) : (
              <Loading label={i18n.t('report.draft.checking')} />
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>{i18n.t('common.cancel')}</Button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}

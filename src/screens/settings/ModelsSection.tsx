import Refresh from '@mui/icons-material/Refresh';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import type { ModelStatusEntry, SpeechStatus } from '../../../electron/shared/models';
import { useClient } from '../../api/client';
import { useCan } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryState } from '../../components/QueryState';
import { useI18n, type I18n } from '../../i18n/i18n';
import { DraftingModelsSection } from './ModelsDrafting';
import { ModelsImport } from './ModelsImport';
import { ModelsList, type ModelListActions } from './ModelsList';
import {
  Code,
  DRAFTING_MODELS_QUERY,
  ItDetails,
  MODELS_MUTATION,
  RecommendedModel,
  SPEECH_STATUS_QUERY,
  textWith,
  useSpeechStatus,
} from './ModelsShared';

/**
 * Settings › Models: the speech engine (with a warning when it is the slow fallback or missing),
 * the model transcription uses or why there is none, this computer's threads, GPU and
 * recommended model, the model folders, importing from a folder or USB stick, and every speech
 * model of the manifest with its state and what to do; then the same for the language models
 * that draft the note. Everyone may look; only administrators import or check models.
 */
export function ModelsSection() {
  const client = useClient();
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const canManage = useCan('settings.update');
  const status = useSpeechStatus();
  const [verified, setVerified] = useState<ModelStatusEntry | null>(null);
  const verify = useMutation({
    mutationKey: [...MODELS_MUTATION, 'verify'],
    mutationFn: (entry: ModelStatusEntry) => client.models.verify({ id: entry.id }),
    onMutate: () => setVerified(null),
    onSuccess: (entry) => setVerified(entry),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: SPEECH_STATUS_QUERY }),
        queryClient.invalidateQueries({ queryKey: DRAFTING_MODELS_QUERY }),
      ]),
  });
  const progress = status.data?.progress ?? null;
  const actions: ModelListActions = {
    busy: verify.isPending || progress !== null,
    ...(canManage ? { onVerify: (entry: ModelStatusEntry) => verify.mutate(entry) } : {}),
  };
  // The result of a check shows beside the list the checked model is in.
  const verifiedAlert = (kind: 'speech' | 'llm') =>
    verified && (verified.kind === 'llm') === (kind === 'llm') ? (
      <VerifiedAlert i18n={i18n} entry={verified} onClose={() => setVerified(null)} />
    ) : null;
  return (
    <Stack spacing={4}>
      <Stack spacing={2} component="section" aria-labelledby="settings-models-title">
        <Box
          sx={{
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 2,
            flexWrap: 'wrap',
          }}
        >
          <Typography variant="h6" component="h2" id="settings-models-title">
            {i18n.t('speech.models.title')}
          </Typography>
          <Button
            startIcon={<Refresh />}
            onClick={() => {
              void status.refetch();
              void queryClient.invalidateQueries({ queryKey: DRAFTING_MODELS_QUERY });
            }}
            disabled={status.isFetching}
          >
            {i18n.t('speech.models.refresh')}
          </Button>
        </Box>
        <Typography color="text.secondary">{i18n.t('speech.models.intro')}</Typography>
        <QueryState query={status}>
          {(data) => (
            <Stack spacing={2}>
              <SpeechBanners i18n={i18n} status={data} />
              <ComputerPanel i18n={i18n} status={data} />
              {!canManage ? (
                <Alert severity="info" variant="outlined">
                  {i18n.t('speech.models.readOnly')}
                </Alert>
              ) : null}
              {verify.error ? <ErrorAlert error={verify.error} /> : null}
              {verifiedAlert('speech')}
              {data.listing ? (
                <>
                  {canManage ? <ModelsImport progress={data.progress} busy={actions.busy} /> : null}
                  <ModelsList status={{ ...data, listing: data.listing }} actions={actions} />
                </>
              ) : (
                <Alert severity="info">{i18n.t('speech.models.noListing')}</Alert>
              )}
            </Stack>
          )}
        </QueryState>
      </Stack>
      <DraftingModelsSection progress={progress} actions={actions} notice={verifiedAlert('llm')} />
    </Stack>
  );
}

/** What checking a model found. */
function VerifiedAlert({
  i18n,
  entry,
  onClose,
}: {
  i18n: I18n;
  entry: ModelStatusEntry;
  onClose: () => void;
}) {
  return (
    <Alert
      severity={entry.status === 'installed' ? 'success' : 'error'}
      role="status"
      onClose={onClose}
    >
      {textWith(i18n, entry.status === 'installed' ? 'speech.verified.ok' : 'speech.verified.bad', {
        file: <Code>{entry.fileName}</Code>,
      })}
    </Alert>
  );
}

/**
 * What stops or slows transcription, most serious first: no engine, the slow fallback engine, no
 * usable model; otherwise which model transcribes.
 */
function SpeechBanners({ i18n, status }: { i18n: I18n; status: SpeechStatus }) {
  const { engine, model } = status;
  const banners: ReactNode[] = [];
  const details = (text: string | null | undefined) =>
    text ? <ItDetails i18n={i18n} text={text} /> : null;
  if ((engine && !engine.available) || model.blocker === 'engine_unavailable') {
    banners.push(
      <Alert key="engine" severity="error" role="alert">
        <AlertTitle component="h3">{i18n.t('speech.engine.unavailableTitle')}</AlertTitle>
        {i18n.t('speech.engine.unavailable')}
        {details(engine?.detail ?? model.detail)}
      </Alert>,
    );
  } else if (engine?.fallback) {
    banners.push(
      <Alert key="slow" severity="warning" role="alert">
        <AlertTitle component="h3">{i18n.t('speech.engine.slowTitle')}</AlertTitle>
        {i18n.t('speech.engine.slow')}
        {details(`${engine.name}: ${engine.detail}`)}
      </Alert>,
    );
  }
  if (model.blocker === 'engine_failed') {
    banners.push(
      <Alert key="failed" severity="error" role="alert">
        <AlertTitle component="h3">{i18n.t('speech.engine.failedTitle')}</AlertTitle>
        {i18n.t('speech.engine.failed')}
        {details(model.detail)}
      </Alert>,
    );
  } else if (model.blocker === 'engine_starting') {
    banners.push(
      <Alert key="starting" severity="info">
        {i18n.t('speech.engine.starting')}
      </Alert>,
    );
  } else if (model.blocker === 'no_model' || model.blocker === 'model_corrupt') {
    banners.push(<ModelBanner key="model" i18n={i18n} status={status} />);
  } else if (model.id) {
    banners.push(
      <Alert key="ok" severity="success" variant="outlined">
        {textWith(i18n, 'speech.model.inUse', { model: <Code>{model.id}</Code> })}
        {engine?.available && !engine.fallback ? (
          <Typography variant="body2" color="text.secondary">
            {textWith(i18n, 'speech.engine.ready', { name: <Code>{engine.name}</Code> })}
          </Typography>
        ) : null}
      </Alert>,
    );
  }
  return <>{banners}</>;
}

/** No model, or a damaged one: recording works, transcription waits, and here is what to do. */
function ModelBanner({ i18n, status }: { i18n: I18n; status: SpeechStatus }) {
  const corrupt = status.model.blocker === 'model_corrupt';
  const models = status.listing?.models ?? [];
  const recommended = models.find((model) => model.id === status.plan?.recommendedModelId);
  const damaged = models.find((model) => model.kind === 'whisper' && model.status === 'corrupt');
  const file = corrupt ? (damaged ?? recommended) : recommended;
  return (
    <Alert severity={corrupt ? 'error' : 'warning'} role="alert">
      <AlertTitle component="h3">
        {i18n.t(corrupt ? 'speech.model.corruptTitle' : 'speech.model.noneTitle')}
      </AlertTitle>
      <Typography variant="body2">
        {i18n.t(corrupt ? 'speech.model.corrupt' : 'speech.model.none')}
      </Typography>
      {file && status.listing ? (
        <Typography variant="body2" sx={{ mt: 1 }}>
          {textWith(i18n, 'speech.model.putFile', {
            file: <Code>{file.fileName}</Code>,
            dir: <Code>{status.listing.modelsDir}</Code>,
          })}
        </Typography>
      ) : null}
      {status.model.detail ? <ItDetails i18n={i18n} text={status.model.detail} /> : null}
    </Alert>
  );
}

/** This computer: threads, GPU, the recommended model and why, and the folders models live in. */
function ComputerPanel({ i18n, status }: { i18n: I18n; status: SpeechStatus }) {
  const { plan, listing } = status;
  const recommended = listing?.models.find((model) => model.id === plan?.recommendedModelId);
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="models-computer">
      <Stack spacing={1.25}>
        <Typography
          variant="subtitle1"
          component="h3"
          id="models-computer"
          sx={{ fontWeight: 700 }}
        >
          {i18n.t('speech.plan.title')}
        </Typography>
        {plan ? (
          <>
            <Typography>
              {textWith(
                i18n,
                'speech.plan.summary',
                { model: <Code>{plan.recommendedModelId}</Code> },
                {
                  threads: plan.threads,
                  threadWord: i18n.t(
                    plan.threads === 1 ? 'speech.plan.thread' : 'speech.plan.threads',
                  ),
                  gpu: plan.useGpu
                    ? i18n.t('speech.plan.gpu', { backend: plan.gpuBackend ?? 'GPU' })
                    : i18n.t('speech.plan.noGpu'),
                },
              )}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {i18n.t(`speech.plan.rule.${plan.rule}`)}
            </Typography>
            {recommended ? (
              <RecommendedModel
                i18n={i18n}
                label={i18n.t('speech.recommended.title')}
                entry={recommended}
              />
            ) : listing ? (
              <Typography variant="body2" color="text.secondary">
                {textWith(i18n, 'speech.recommended.notListed', {
                  model: <Code>{plan.recommendedModelId}</Code>,
                })}
              </Typography>
            ) : null}
          </>
        ) : (
          <Typography color="text.secondary">{i18n.t('speech.plan.unknown')}</Typography>
        )}
        {listing ? (
          <Box>
            <Typography variant="body2" sx={{ fontWeight: 700 }} component="h4">
              {i18n.t('speech.folders.title')}
            </Typography>
            <Typography variant="body2" sx={{ mt: 0.5 }}>
              {i18n.t('speech.folders.data')}
            </Typography>
            <Typography variant="body2" component="div">
              <Code block>{listing.modelsDir}</Code>
            </Typography>
            {listing.provisionedDirs.length > 0 ? (
              listing.provisionedDirs.map((dir) => (
                <Box key={dir} sx={{ mt: 0.5 }}>
                  <Typography variant="body2">{i18n.t('speech.folders.provisioned')}</Typography>
                  <Typography variant="body2" component="div">
                    <Code block>{dir}</Code>
                  </Typography>
                </Box>
              ))
            ) : (
              <Typography variant="body2" color="text.secondary">
                {i18n.t('speech.folders.noProvisioned')}
              </Typography>
            )}
          </Box>
        ) : null}
        {plan || status.engine ? (
          <ItDetails
            i18n={i18n}
            text={[
              plan?.reason,
              status.engine
                ? `${status.engine.name}${status.engine.fallback ? ' (fallback)' : ''}: ${status.engine.detail}`
                : null,
            ]
              .filter(Boolean)
              .join('\n')}
          />
        ) : null}
        {!status.engine ? (
          <Typography variant="body2" color="text.secondary">
            {i18n.t('speech.engine.notStarted')}
          </Typography>
        ) : null}
      </Stack>
    </Paper>
  );
}

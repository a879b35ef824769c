import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useId, type ReactNode } from 'react';
import type {
  DraftingModel,
  DraftingModelsStatus,
  LlmParameterClass,
  ModelProgress,
} from '../../../electron/shared/models';
import { llmParameterClasses } from '../../../electron/shared/models';
import { QueryState } from '../../components/QueryState';
import { useI18n, type I18n } from '../../i18n/i18n';
import { WhereOrTodo, type ModelListActions } from './ModelsList';
import {
  checkingOf,
  Code,
  countText,
  durationText,
  ItDetails,
  ModelStatusChip,
  RecommendedModel,
  sizeText,
  textWith,
  useDraftingModels,
  VerifyProgress,
} from './ModelsShared';
import { WARNING_TEXT } from '../report/model';

/** Orange on white fails contrast for small text (axe): dark amber text, orange border. */
const warningChip = { color: WARNING_TEXT, borderColor: '#c77700' } as const;

/**
 * Settings › Models, the drafting part: which language model drafts the SOAP note (or why none
 * does, and that drafts then come from the extractors alone), this computer's threads, context
 * and GPU for drafting with the time a typical visit takes, and every language model of the
 * manifest by size class with its state, licence and expected time. Importing is shared with the
 * speech models above; checking a file is the same action.
 */
export function DraftingModelsSection({
  progress,
  actions,
  notice,
}: {
  /** The running import or verification (from the speech status: one store serves both). */
  progress: ModelProgress | null;
  actions: ModelListActions;
  /** What checking one of these models found, shown above the list. */
  notice?: ReactNode;
}) {
  const i18n = useI18n();
  const status = useDraftingModels();
  return (
    <Stack spacing={2} component="section" aria-labelledby="settings-drafting-models-title">
      <Typography variant="h6" component="h2" id="settings-drafting-models-title">
        {i18n.t('draftingModels.title')}
      </Typography>
      <Typography color="text.secondary">{i18n.t('draftingModels.intro')}</Typography>
      {notice}
      <QueryState query={status}>
        {(data) => <DraftingModelsView status={data} progress={progress} actions={actions} />}
      </QueryState>
    </Stack>
  );
}

/** The drafting part once its status is there. */
export function DraftingModelsView({
  status,
  progress,
  actions,
}: {
  status: DraftingModelsStatus;
  progress: ModelProgress | null;
  actions: ModelListActions;
}) {
  const i18n = useI18n();
  return (
    <Stack spacing={2}>
      <DraftingBanner i18n={i18n} status={status} />
      <DraftingPlanPanel i18n={i18n} status={status} />
      <DraftingModelList status={status} progress={progress} actions={actions} />
    </Stack>
  );
}

/** The model that drafts, or why drafts come from the extractors alone and what to do. */
function DraftingBanner({ i18n, status }: { i18n: I18n; status: DraftingModelsStatus }) {
  const { model, models, plan } = status;
  const inUse = models.find((entry) => entry.id === model.id);
  if (model.id !== null) {
    return (
      <Alert severity="success" variant="outlined">
        {textWith(i18n, 'draftingModels.inUse', { model: <Code>{model.id}</Code> })}
        {inUse ? (
          <Typography variant="body2" color="text.secondary">
            {i18n.t('draftingModels.inUseTime', {
              time: durationText(i18n, inUse.expectedSeconds),
            })}
          </Typography>
        ) : null}
      </Alert>
    );
  }
  const corrupt = model.blocker === 'model_corrupt';
  const file = corrupt
    ? (models.find((entry) => entry.status === 'corrupt') ??
      models.find((entry) => entry.id === plan?.recommendedModelId))
    : models.find((entry) => entry.id === plan?.recommendedModelId);
  return (
    <Alert severity={corrupt ? 'error' : 'warning'} role="alert">
      <AlertTitle component="h3">
        {i18n.t(corrupt ? 'draftingModels.corruptTitle' : 'draftingModels.noneTitle')}
      </AlertTitle>
      <Typography variant="body2">
        {i18n.t(corrupt ? 'draftingModels.corrupt' : 'draftingModels.none')}
      </Typography>
      {file ? (
        <Typography variant="body2" sx={{ mt: 1 }}>
          {textWith(i18n, 'draftingModels.putFile', {
            file: <Code>{file.fileName}</Code>,
            dir: <Code>{status.modelsDir}</Code>,
          })}
        </Typography>
      ) : null}
      {model.detail ? <ItDetails i18n={i18n} text={model.detail} /> : null}
    </Alert>
  );
}

/** Threads, context, GPU and the recommended model for drafting, and the typical visit's time. */
function DraftingPlanPanel({ i18n, status }: { i18n: I18n; status: DraftingModelsStatus }) {
  const { plan, models, typicalVisit } = status;
  const recommended = models.find((entry) => entry.id === plan?.recommendedModelId);
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="drafting-plan">
      <Stack spacing={1.25}>
        <Typography variant="subtitle1" component="h3" id="drafting-plan" sx={{ fontWeight: 700 }}>
          {i18n.t('draftingModels.plan.title')}
        </Typography>
        {plan ? (
          <>
            <Typography>
              {textWith(
                i18n,
                'draftingModels.plan.summary',
                { model: <Code>{plan.recommendedModelId}</Code> },
                {
                  threads: plan.threads,
                  threadWord: i18n.t(
                    plan.threads === 1
                      ? 'draftingModels.plan.thread'
                      : 'draftingModels.plan.threads',
                  ),
                  context: countText(i18n, plan.contextSize),
                  gpu: !plan.useGpu
                    ? i18n.t('draftingModels.plan.noGpu')
                    : i18n.t(
                        plan.gpuLayers === 'max'
                          ? 'draftingModels.plan.gpuAll'
                          : 'draftingModels.plan.gpuAuto',
                        { backend: plan.gpuBackend ?? 'GPU' },
                      ),
                },
              )}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {i18n.t(`draftingModels.plan.rule.${plan.rule}`)}
            </Typography>
            {recommended ? (
              <>
                <Typography variant="body2" sx={{ fontWeight: 700 }}>
                  {i18n.t('draftingModels.plan.typical', {
                    promptTokens: countText(i18n, typicalVisit.promptTokens),
                    outputTokens: countText(i18n, typicalVisit.outputTokens),
                    time: durationText(i18n, recommended.expectedSeconds),
                  })}
                </Typography>
                {plan.useGpu ? (
                  <Typography variant="body2" color="text.secondary">
                    {i18n.t('draftingModels.plan.gpuFaster')}
                  </Typography>
                ) : null}
                <RecommendedModel
                  i18n={i18n}
                  label={i18n.t('draftingModels.recommended')}
                  entry={recommended}
                />
              </>
            ) : (
              <Typography variant="body2" color="text.secondary">
                {textWith(i18n, 'draftingModels.recommendedNotListed', {
                  model: <Code>{plan.recommendedModelId}</Code>,
                })}
              </Typography>
            )}
            <ItDetails i18n={i18n} text={plan.reason} />
          </>
        ) : (
          <Typography color="text.secondary">{i18n.t('draftingModels.plan.unknown')}</Typography>
        )}
      </Stack>
    </Paper>
  );
}

/** Every language model of the manifest, by size class, smallest first. */
function DraftingModelList({
  status,
  progress,
  actions,
}: {
  status: DraftingModelsStatus;
  progress: ModelProgress | null;
  actions: ModelListActions;
}) {
  const i18n = useI18n();
  const id = useId();
  if (status.models.length === 0) {
    return <Alert severity="info">{i18n.t('draftingModels.list.empty')}</Alert>;
  }
  const byClass = (cls: LlmParameterClass) =>
    status.models.filter((model) => model.parameterClass === cls);
  return (
    <Stack spacing={1.5} component="section" aria-labelledby={`${id}-title`}>
      <Typography variant="subtitle1" component="h3" id={`${id}-title`} sx={{ fontWeight: 700 }}>
        {i18n.t('draftingModels.list.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {i18n.t('draftingModels.list.intro')}
      </Typography>
      {llmParameterClasses.map((cls) =>
        byClass(cls).length === 0 ? null : (
          <Box key={cls} component="section" aria-labelledby={`${id}-${cls}`}>
            <Typography
              variant="body1"
              component="h4"
              id={`${id}-${cls}`}
              sx={{ fontWeight: 700, mb: 1 }}
            >
              {i18n.t(`draftingModels.class.${cls}`)}
            </Typography>
            <Stack component="ul" spacing={1} sx={{ m: 0, p: 0, listStyle: 'none' }}>
              {byClass(cls).map((model) => (
                <DraftingModelCard
                  key={model.id}
                  model={model}
                  recommended={model.id === status.plan?.recommendedModelId}
                  inUse={model.id === status.model.id}
                  progress={progress}
                  actions={actions}
                />
              ))}
            </Stack>
          </Box>
        ),
      )}
    </Stack>
  );
}

function DraftingModelCard({
  model,
  recommended,
  inUse,
  progress,
  actions,
}: {
  model: DraftingModel;
  recommended: boolean;
  inUse: boolean;
  progress: ModelProgress | null;
  actions: ModelListActions;
}) {
  const i18n = useI18n();
  const id = useId();
  const checking = checkingOf(progress, model.id);
  return (
    <Paper component="li" variant="outlined" sx={{ p: 1.5 }} aria-labelledby={`${id}-name`}>
      <Stack spacing={0.75}>
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
          <Box component="span" id={`${id}-name`} sx={{ fontWeight: 700 }}>
            <Code>{model.fileName}</Code>
          </Box>
          <ModelStatusChip i18n={i18n} status={checking ? 'verifying' : model.status} />
          {recommended ? (
            <Chip
              component="span"
              size="small"
              color="primary"
              label={i18n.t('speech.list.recommended')}
            />
          ) : null}
          {inUse ? (
            <Chip
              component="span"
              size="small"
              color="success"
              variant="outlined"
              label={i18n.t('speech.list.inUse')}
            />
          ) : null}
          {!model.commercialUse ? (
            <Chip
              component="span"
              size="small"
              variant="outlined"
              sx={warningChip}
              label={i18n.t('draftingModels.card.nonCommercial')}
            />
          ) : null}
          {!model.fitsMemory ? (
            <Chip
              component="span"
              size="small"
              variant="outlined"
              sx={warningChip}
              label={i18n.t('draftingModels.card.tooBig')}
            />
          ) : null}
        </Box>
        <Typography variant="body2">
          {i18n.t('draftingModels.card.facts', {
            quant: model.quantisation.toUpperCase(),
            size: sizeText(i18n, model.sizeBytes),
            ram: sizeText(i18n, model.ramBytesApprox),
            time: durationText(i18n, model.expectedSeconds),
          })}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {model.recommendedFor[i18n.language === 'fa' ? 'fa' : 'en']}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {textWith(i18n, 'draftingModels.card.licence', {
            licence: <bdi>{model.licence}</bdi>,
          })}{' '}
          <Code>{model.licenceUrl}</Code>
        </Typography>
        {!model.commercialUse ? (
          <Typography variant="body2" sx={{ color: WARNING_TEXT }}>
            {i18n.t('draftingModels.card.nonCommercialHint')}
          </Typography>
        ) : null}
        {checking ? (
          <VerifyProgress
            i18n={i18n}
            fileName={model.fileName}
            checking={checking}
            sx={{ maxWidth: 320 }}
          />
        ) : null}
        <WhereOrTodo i18n={i18n} entry={model} />
        {actions.onVerify && model.status !== 'missing' ? (
          <Box>
            <Button
              size="small"
              variant="outlined"
              disabled={actions.busy}
              aria-label={i18n.t('speech.verifyLabel', { file: model.fileName })}
              onClick={() => actions.onVerify?.(model)}
            >
              {i18n.t('speech.verify')}
            </Button>
          </Box>
        ) : null}
      </Stack>
    </Paper>
  );
}

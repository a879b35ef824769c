import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { ErrorShape } from '../../../electron/shared/errors';
import type { TranscriptionLanguage } from '../../../electron/shared/recording';
import {
  DEFAULT_INITIAL_PROMPT,
  settingDefinitions,
  type SettingKey,
  type SettingsSnapshot,
} from '../../../electron/shared/settings';
import { toAsciiDigits } from '../../../electron/shared/text/normalize';
import { useClient } from '../../api/client';
import { shapeOf } from '../../components/ErrorAlert';
import { QueryState } from '../../components/QueryState';
import { useI18n, type I18n } from '../../i18n/i18n';
import {
  isEnglishOnly,
  isUsable,
  PathField,
  sileroInstalled,
  SPEECH_STATUS_QUERY,
  useSpeechStatus,
  whisperModels,
} from './ModelsShared';
import { SETTINGS_QUERY } from './SecuritySection';

type Vad = SettingsSnapshot['transcription.vad'];

/** The form's fields, each one clinic setting. */
const FIELDS = {
  language: 'transcription.language',
  prompt: 'transcription.initialPrompt',
  vad: 'transcription.vad',
  model: 'transcription.model',
  chunk: 'recording.chunkSeconds',
  ffmpeg: 'audio.ffmpegPath',
  provisioned: 'models.provisionedDir',
} as const satisfies Record<string, SettingKey>;
type Field = keyof typeof FIELDS;
const FIELD_NAMES = Object.keys(FIELDS) as Field[];

interface Form {
  language: TranscriptionLanguage;
  prompt: string;
  vad: Vad;
  model: string;
  chunk: string;
  ffmpeg: string;
  provisioned: string;
}

const LANGUAGES: readonly TranscriptionLanguage[] = ['fa', 'en', 'auto'];
const VADS: readonly Vad[] = ['auto', 'energy', 'off'];
const PROMPT_MAX = settingDefinitions['transcription.initialPrompt'].schema.maxLength ?? 1000;
const CHUNK_MIN = settingDefinitions['recording.chunkSeconds'].schema.minValue ?? 5;
const CHUNK_MAX = settingDefinitions['recording.chunkSeconds'].schema.maxValue ?? 120;

function formOf(snapshot: SettingsSnapshot, i18n: I18n): Form {
  return {
    language: snapshot['transcription.language'],
    prompt: snapshot['transcription.initialPrompt'],
    vad: snapshot['transcription.vad'],
    model: snapshot['transcription.model'],
    chunk: i18n.digits(snapshot['recording.chunkSeconds']),
    ffmpeg: snapshot['audio.ffmpegPath'],
    provisioned: snapshot['models.provisionedDir'],
  };
}

/** The value to store for a field: whole numbers as numbers (Persian digits too), paths trimmed. */
function valueOf(form: Form, field: Field): unknown {
  switch (field) {
    case 'chunk': {
      const ascii = toAsciiDigits(form.chunk).trim();
      return /^\d{1,9}$/.test(ascii) ? Number(ascii) : ascii;
    }
    case 'prompt':
      return form.prompt.trim();
    case 'ffmpeg':
    case 'provisioned':
      return form[field].trim();
    case 'language':
    case 'vad':
    case 'model':
      return form[field];
  }
}

function changedFields(form: Form, snapshot: SettingsSnapshot): Field[] {
  return FIELD_NAMES.filter((field) => valueOf(form, field) !== snapshot[FIELDS[field]]);
}

/**
 * Settings › Transcription (administrators): the spoken language, the medical vocabulary whisper
 * should expect, skipping silence, the speech model, the recording's chunk length, where ffmpeg
 * is and IT's models folder. One form; each changed setting is saved on its own, and a setting
 * the core refuses is named beside its field while the others are kept.
 */
export function TranscriptionSection() {
  const client = useClient();
  const i18n = useI18n();
  const settings = useQuery({ queryKey: SETTINGS_QUERY, queryFn: () => client.settings.get() });
  return (
    <Stack spacing={2} component="section" aria-labelledby="settings-transcription-title">
      <Typography variant="h6" component="h2" id="settings-transcription-title">
        {i18n.t('speech.transcription.title')}
      </Typography>
      <Typography color="text.secondary">{i18n.t('speech.transcription.intro')}</Typography>
      <QueryState query={settings}>
        {(snapshot) => <TranscriptionForm snapshot={snapshot} />}
      </QueryState>
    </Stack>
  );
}

interface SaveOutcome {
  readonly snapshot: SettingsSnapshot | null;
  readonly failed: Partial<Record<Field, ErrorShape>>;
}

function TranscriptionForm({ snapshot }: { snapshot: SettingsSnapshot }) {
  const client = useClient();
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const id = useId();
  const speech = useSpeechStatus();
  const [form, setForm] = useState<Form>(() => formOf(snapshot, i18n));
  const [errors, setErrors] = useState<Partial<Record<Field, ErrorShape>>>({});
  const [outcome, setOutcome] = useState<'saved' | 'partly' | null>(null);
  const save = useMutation({
    mutationFn: async (fields: readonly Field[]): Promise<SaveOutcome> => {
      let stored: SettingsSnapshot | null = null;
      const failed: Partial<Record<Field, ErrorShape>> = {};
      // One call per setting: a refused one is named, the others are still saved.
      for (const field of fields) {
        try {
          stored = await client.settings.set({ key: FIELDS[field], value: valueOf(form, field) });
        } catch (error) {
          failed[field] = shapeOf(error);
        }
      }
      return { snapshot: stored, failed };
    },
    onSuccess: ({ snapshot: stored, failed }) => {
      if (stored) {
        queryClient.setQueryData(SETTINGS_QUERY, stored);
        const fresh = formOf(stored, i18n);
        // What was refused stays as typed, for correcting.
        setForm((typed) => {
          const next = { ...fresh };
          for (const field of Object.keys(failed) as Field[]) {
            (next as Record<Field, string>)[field] = typed[field];
          }
          return next;
        });
      }
      setErrors(failed);
      setOutcome(Object.keys(failed).length === 0 ? 'saved' : 'partly');
      void queryClient.invalidateQueries({ queryKey: SPEECH_STATUS_QUERY });
    },
  });
  // The stored settings: the query's data, which a save replaces.
  const current = snapshot;
  const dirty = changedFields(form, current);

  const set = <F extends Field>(field: F, value: Form[F]) => {
    setForm((previous) => ({ ...previous, [field]: value }));
    setOutcome(null);
    if (errors[field]) {
      const { [field]: _gone, ...rest } = errors;
      setErrors(rest);
    }
  };
  const errorOf = (field: Field): string | undefined => {
    const shape = errors[field];
    if (!shape) return undefined;
    return i18n.fieldErrors(shape)[FIELDS[field]] ?? i18n.errorText(shape);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (dirty.length === 0) {
      setOutcome('saved');
      return;
    }
    save.mutate(dirty);
  };

  const status = speech.data;
  const usable = whisperModels(status).filter(isUsable);
  const promptLength = form.prompt.length;
  const promptTooLong = promptLength > PROMPT_MAX;
  const effectiveModel = form.model === 'auto' ? (status?.model.id ?? null) : form.model;
  const englishOnlyModel =
    effectiveModel !== null && isEnglishOnly(effectiveModel) && form.language !== 'en';
  const modelOptions = [
    ...usable.map((model) => model.id),
    ...(form.model !== 'auto' && !usable.some((model) => model.id === form.model)
      ? [form.model]
      : []),
    ...(current['transcription.model'] !== 'auto' &&
    current['transcription.model'] !== form.model &&
    !usable.some((model) => model.id === current['transcription.model'])
      ? [current['transcription.model']]
      : []),
  ];
  const modelHint: ReactNode[] = [
    form.model === 'auto'
      ? i18n.t('speech.transcription.modelHint.auto', {
          model: status?.plan?.recommendedModelId ?? '—',
        })
      : i18n.t('speech.transcription.modelHint.chosen'),
  ];
  if (status?.listing && usable.length === 0) {
    modelHint.push(' ', i18n.t('speech.transcription.modelHint.noneInstalled'));
  }
  const vadHint =
    form.vad === 'auto'
      ? i18n.t(
          sileroInstalled(status)
            ? 'speech.transcription.vadHint.autoSilero'
            : 'speech.transcription.vadHint.autoEnergy',
        )
      : i18n.t(`speech.transcription.vadHint.${form.vad}`);

  return (
    <form onSubmit={submit} noValidate aria-label={i18n.t('speech.transcription.title')}>
      <Stack spacing={2}>
        <Group id={`${id}-speech`} title={i18n.t('speech.transcription.group.speech')}>
          <TextField
            select
            id={`${id}-language`}
            label={i18n.t('speech.transcription.language')}
            value={form.language}
            onChange={(event) => set('language', event.target.value as TranscriptionLanguage)}
            error={Boolean(errorOf('language'))}
            helperText={errorOf('language') ?? i18n.t('speech.transcription.languageHint')}
            sx={{ maxWidth: 480 }}
          >
            {LANGUAGES.map((language) => (
              <MenuItem key={language} value={language}>
                {i18n.t(`speech.transcription.language.${language}`)}
              </MenuItem>
            ))}
          </TextField>
          <Box>
            <TextField
              id={`${id}-prompt`}
              label={i18n.t('speech.transcription.prompt')}
              value={form.prompt}
              onChange={(event) => set('prompt', event.target.value)}
              multiline
              minRows={4}
              maxRows={12}
              fullWidth
              error={promptTooLong || Boolean(errorOf('prompt'))}
              helperText={
                <Box
                  component="span"
                  sx={{ display: 'flex', gap: 2, justifyContent: 'space-between' }}
                >
                  <span>{errorOf('prompt') ?? i18n.t('speech.transcription.promptHint')}</span>
                  <Box component="span" sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}>
                    {i18n.t('speech.transcription.promptCount', {
                      count: promptLength,
                      max: PROMPT_MAX,
                    })}
                  </Box>
                </Box>
              }
              slotProps={{ htmlInput: { dir: 'auto', maxLength: PROMPT_MAX * 2 } }}
            />
            <Button
              size="small"
              sx={{ mt: 0.5 }}
              disabled={form.prompt === DEFAULT_INITIAL_PROMPT}
              onClick={() => set('prompt', DEFAULT_INITIAL_PROMPT)}
            >
              {i18n.t('speech.transcription.promptReset')}
            </Button>
          </Box>
        </Group>

        <Group id={`${id}-model`} title={i18n.t('speech.transcription.group.model')}>
          <TextField
            select
            id={`${id}-model-select`}
            label={i18n.t('speech.transcription.model')}
            value={form.model}
            onChange={(event) => set('model', event.target.value)}
            error={Boolean(errorOf('model'))}
            helperText={
              errorOf('model') ?? (
                <>
                  {modelHint}
                  {englishOnlyModel ? (
                    <Box component="span" sx={{ display: 'block', color: 'warning.dark' }}>
                      {i18n.t('speech.transcription.modelHint.englishOnly')}
                    </Box>
                  ) : null}
                </>
              )
            }
            sx={{ maxWidth: 480 }}
          >
            <MenuItem value="auto">{i18n.t('speech.transcription.model.auto')}</MenuItem>
            {modelOptions.map((model) => (
              <MenuItem key={model} value={model}>
                <bdi dir="ltr">
                  {usable.some((entry) => entry.id === model)
                    ? model
                    : i18n.t('speech.transcription.model.notInstalled', { model })}
                </bdi>
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            id={`${id}-vad`}
            label={i18n.t('speech.transcription.vad')}
            value={form.vad}
            onChange={(event) => set('vad', event.target.value as Vad)}
            error={Boolean(errorOf('vad'))}
            helperText={errorOf('vad') ?? vadHint}
            sx={{ maxWidth: 480 }}
          >
            {VADS.map((vad) => (
              <MenuItem key={vad} value={vad}>
                {i18n.t(`speech.transcription.vad.${vad}`)}
              </MenuItem>
            ))}
          </TextField>
        </Group>

        <Group id={`${id}-files`} title={i18n.t('speech.transcription.group.files')}>
          <TextField
            id={`${id}-chunk`}
            label={i18n.t('speech.transcription.chunk')}
            value={form.chunk}
            onChange={(event) => set('chunk', event.target.value)}
            error={Boolean(errorOf('chunk'))}
            helperText={
              errorOf('chunk')
                ? `${errorOf('chunk')} ${i18n.t('speech.transcription.chunkHint', { min: CHUNK_MIN, max: CHUNK_MAX })}`
                : i18n.t('speech.transcription.chunkHint', { min: CHUNK_MIN, max: CHUNK_MAX })
            }
            sx={{ maxWidth: 480 }}
            slotProps={{ htmlInput: { inputMode: 'numeric', autoComplete: 'off' } }}
          />
          <PathField
            id={`${id}-ffmpeg`}
            label={i18n.t('speech.transcription.ffmpeg')}
            value={form.ffmpeg}
            onChange={(value) => set('ffmpeg', value)}
            error={Boolean(errorOf('ffmpeg'))}
            helperText={errorOf('ffmpeg') ?? i18n.t('speech.transcription.ffmpegHint')}
          />
          <PathField
            id={`${id}-provisioned`}
            label={i18n.t('speech.transcription.provisioned')}
            value={form.provisioned}
            onChange={(value) => set('provisioned', value)}
            error={Boolean(errorOf('provisioned'))}
            helperText={errorOf('provisioned') ?? i18n.t('speech.transcription.provisionedHint')}
          />
        </Group>

        <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'center', flexWrap: 'wrap' }}>
          <Button type="submit" variant="contained" disabled={save.isPending}>
            {i18n.t('common.save')}
          </Button>
          {dirty.length > 0 ? (
            <>
              <Button
                disabled={save.isPending}
                onClick={() => {
                  setForm(formOf(current, i18n));
                  setErrors({});
                  setOutcome(null);
                }}
              >
                {i18n.t('speech.transcription.undo')}
              </Button>
              <Typography variant="body2" color="text.secondary">
                {i18n.t('speech.transcription.unsaved')}
              </Typography>
            </>
          ) : null}
        </Box>
        {outcome === 'saved' ? (
          <Alert severity="success" role="status">
            {i18n.t('speech.transcription.saved')}
          </Alert>
        ) : null}
        {outcome === 'partly' ? (
          <Alert severity="error" role="alert">
            {i18n.t('speech.transcription.partlySaved')}
          </Alert>
        ) : null}
      </Stack>
    </form>
  );
}

/** A titled part of the form. */
function Group({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby={id}>
      <Stack spacing={2}>
        <Typography variant="subtitle1" component="h3" id={id} sx={{ fontWeight: 700 }}>
          {title}
        </Typography>
        {children}
      </Stack>
    </Paper>
  );
}

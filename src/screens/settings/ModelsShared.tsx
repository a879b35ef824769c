import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import type { SxProps, Theme } from '@mui/material/styles';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useIsMutating, useQuery } from '@tanstack/react-query';
import { Fragment, type ReactNode } from 'react';
import type { MessageParams } from '../../../electron/shared/errors';
import type {
  DraftingModelsStatus,
  ModelProgress,
  ModelStatus,
  ModelStatusEntry,
  SpeechStatus,
} from '../../../electron/shared/models';
import { useClient } from '../../api/client';
import type { I18n } from '../../i18n/i18n';
import { uiStrings, type UiStringKey } from '../../i18n/strings';

/**
 * What Settings › Transcription and Settings › Models share: the speech and drafting status
 * queries, sizes, times and model names as people read them, and small pieces of display (paths,
 * status chips, a folder field with room for a "Browse…" button, details for IT).
 */

export const SPEECH_STATUS_QUERY = ['speech', 'status'] as const;
/** Mutations that change models (import, verify): the status is polled while one runs. */
export const MODELS_MUTATION = ['models'] as const;

/**
 * The engine, the model in use, the hardware plan and the models on disk. Polled every second
 * while an import or a verification runs (here or on another screen), so its progress moves.
 */
export function useSpeechStatus() {
  const client = useClient();
  const mutating = useIsMutating({ mutationKey: MODELS_MUTATION }) > 0;
  return useQuery({
    queryKey: SPEECH_STATUS_QUERY,
    queryFn: () => client.speech.status(),
    refetchInterval: (query) => (mutating || query.state.data?.progress ? 1000 : false),
  });
}

export const DRAFTING_MODELS_QUERY = ['drafting', 'models'] as const;

/**
 * The language models for drafting, this computer's plan for them and the model in use (channel
 * `models:drafting`). Polled like the speech status while models are imported or checked.
 */
export function useDraftingModels() {
  const client = useClient();
  const mutating = useIsMutating({ mutationKey: MODELS_MUTATION }) > 0;
  return useQuery<DraftingModelsStatus>({
    queryKey: DRAFTING_MODELS_QUERY,
    queryFn: () => client.models.drafting(),
    refetchInterval: mutating ? 1000 : false,
  });
}

const KIB = 1024;
const MIB = KIB * 1024;
const GIB = MIB * 1024;

/**
 * A file size as people read it, in the units file managers use (1 MB = 1024 KB): '۱۸۱ مگابایت',
 * '۱٫۵ گیگابایت'. One decimal below ten, none above.
 */
export function sizeText(i18n: I18n, bytes: number): string {
  const [key, value]: [UiStringKey, number] =
    bytes >= GIB
      ? ['speech.size.gb', bytes / GIB]
      : bytes >= MIB
        ? ['speech.size.mb', bytes / MIB]
        : ['speech.size.kb', Math.max(bytes / KIB, bytes > 0 ? 1 : 0)];
  const number = new Intl.NumberFormat(i18n.language === 'fa' ? 'fa-IR' : 'en-US', {
    maximumFractionDigits: value < 10 ? 1 : 0,
  }).format(value);
  return i18n.t(key, { n: number });
}

/**
 * A duration as a promise people can hold the app to, rounded the way they would say it: under a
 * minute to 5 s ('حدود ۳۵ ثانیه'), under ten minutes to half a minute ('حدود ۱٫۵ دقیقه'), then
 * to the minute.
 */
export function durationText(i18n: I18n, seconds: number): string {
  const format = (value: number) =>
    new Intl.NumberFormat(i18n.language === 'fa' ? 'fa-IR' : 'en-US', {
      maximumFractionDigits: 1,
    }).format(value);
  if (seconds < 57.5) {
    return i18n.t('draftingModels.time.seconds', {
      n: format(Math.max(5, Math.round(seconds / 5) * 5)),
    });
  }
  const minutes = seconds / 60;
  const rounded = minutes < 10 ? Math.max(1, Math.round(minutes * 2) / 2) : Math.round(minutes);
  return i18n.t('draftingModels.time.minutes', { n: format(rounded) });
}

/** A count with the language's digits and grouping: '۲٬۰۰۰', '2,000'. */
export function countText(i18n: I18n, count: number): string {
  return new Intl.NumberFormat(i18n.language === 'fa' ? 'fa-IR' : 'en-US').format(count);
}

/** Two sizes that must be told apart: in bytes when their rounded forms look the same. */
export function sizePair(i18n: I18n, actual: number, expected: number): [string, string] {
  const a = sizeText(i18n, actual);
  const b = sizeText(i18n, expected);
  if (a !== b) return [a, b];
  const bytes = (n: number) =>
    `${new Intl.NumberFormat(i18n.language === 'fa' ? 'fa-IR' : 'en-US').format(n)} B`;
  return [bytes(actual), bytes(expected)];
}

const QUANTISED = /-(q\d+_\d+)$/;

/** `small-q5_1` → family `small`, build `q5_1`; `small` → family `small`, build `f16`. */
export function buildOf(id: string): { family: string; build: string } {
  const match = QUANTISED.exec(id);
  return match
    ? { family: id.slice(0, match.index), build: match[1]! }
    : { family: id, build: 'f16' };
}

export function isEnglishOnly(id: string): boolean {
  return buildOf(id).family.endsWith('.en');
}

/** '۵ بیتی (q5_1)', 'Full (f16)'. */
export function buildLabel(i18n: I18n, build: string): string {
  if (build.startsWith('q5')) return i18n.t('speech.quant.q5', { code: build });
  if (build.startsWith('q8')) return i18n.t('speech.quant.q8', { code: build });
  if (build === 'f16') return i18n.t('speech.quant.f16', { code: build });
  return build;
}

/** The family's description, for the families the app knows (not a test model's). */
export function familyDescription(i18n: I18n, family: string): string | null {
  const key = `speech.family.${family.replace(/\.en$/, '')}`;
  return Object.hasOwn(uiStrings, key) ? i18n.t(key as UiStringKey) : null;
}

/** A whisper model that transcription can use: a copy is there and not known to be damaged. */
export function isUsable(entry: ModelStatusEntry): boolean {
  return (
    entry.status === 'installed' || entry.status === 'unverified' || entry.status === 'verifying'
  );
}

export function whisperModels(status: SpeechStatus | undefined): readonly ModelStatusEntry[] {
  return status?.listing?.models.filter((model) => model.kind === 'whisper') ?? [];
}

export function sileroInstalled(status: SpeechStatus | undefined): boolean {
  return (
    status?.listing?.models.some((model) => model.kind === 'vad' && model.status === 'installed') ??
    false
  );
}

/**
 * Interface text with React nodes in its parameters: names, paths and codes go in as isolated
 * left-to-right pieces, so a path inside a Persian sentence keeps its order.
 */
export function textWith(
  i18n: I18n,
  key: UiStringKey,
  nodes: Record<string, ReactNode>,
  params: MessageParams = {},
): ReactNode {
  const markers = Object.fromEntries(
    Object.keys(nodes).map((name) => [name, `\uE000${name}\uE000`]),
  );
  const parts = i18n.t(key, { ...params, ...markers }).split(/\uE000(\w+)\uE000/);
  return parts.map((part, index) =>
    index % 2 === 0 ? part : <Fragment key={index}>{nodes[part]}</Fragment>,
  );
}

/**
 * A path, file name or model id: left to right, isolated from the text around it. `block` puts it
 * on a line of its own, aligned like the text around it; a long path breaks after its separators.
 */
export function Code({ children, block = false }: { children: string; block?: boolean }) {
  const parts = children.split(/(?<=[/\\])/);
  return (
    <Box
      component={block ? 'div' : 'bdi'}
      dir="ltr"
      className={block ? undefined : 'ltr'}
      sx={{
        fontFamily: 'ui-monospace, "DejaVu Sans Mono", Consolas, monospace',
        fontSize: '0.875em',
        overflowWrap: 'anywhere',
        // Written as 'left', the right-to-left style cache turns it into 'right': the path lines
        // up with the text around it in either language.
        ...(block ? { textAlign: 'left' } : {}),
      }}
    >
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 ? <wbr /> : null}
          {part}
        </Fragment>
      ))}
    </Box>
  );
}

const STATUS_COLOURS: Record<ModelStatus, 'success' | 'info' | 'error' | 'default'> = {
  installed: 'success',
  unverified: 'info',
  verifying: 'info',
  corrupt: 'error',
  missing: 'default',
};

export function ModelStatusChip({ i18n, status }: { i18n: I18n; status: ModelStatus }) {
  return (
    <Chip
      component="span"
      size="small"
      variant={status === 'missing' ? 'outlined' : 'filled'}
      color={STATUS_COLOURS[status]}
      label={i18n.t(`speech.status.${status}`)}
      sx={{ fontWeight: status === 'missing' ? 400 : 600 }}
    />
  );
}

/** The progress of a model check when `progress` is checking model `id`, else null. */
export function checkingOf(
  progress: ModelProgress | null | undefined,
  id: string,
): ModelProgress | null {
  return progress?.phase === 'verifying' && progress.id === id ? progress : null;
}

/** A model file's hash check as it runs: a bar (indeterminate until the size is known) and %. */
export function VerifyProgress({
  i18n,
  fileName,
  checking,
  sx,
}: {
  i18n: I18n;
  /** The model's file, as its row names it. */
  fileName: string;
  checking: ModelProgress;
  sx?: SxProps<Theme>;
}) {
  const percent =
    checking.bytesTotal > 0 ? Math.floor((checking.bytesDone / checking.bytesTotal) * 100) : null;
  return (
    <Box sx={sx ?? {}}>
      <LinearProgress
        variant={percent === null ? 'indeterminate' : 'determinate'}
        value={percent ?? 0}
        aria-label={i18n.t('speech.progress.verifying', {
          file: fileName,
          index: checking.fileIndex,
          count: checking.fileCount,
        })}
      />
      {percent !== null ? (
        <Typography variant="caption" color="text.secondary">
          {i18n.digits(`${percent}%`)}
        </Typography>
      ) : null}
    </Box>
  );
}

/** The recommended model on one line: its label, file name, size and status. */
export function RecommendedModel({
  i18n,
  label,
  entry,
}: {
  i18n: I18n;
  label: string;
  entry: { fileName: string; sizeBytes: number; status: ModelStatus };
}) {
  return (
    <Box
      sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}
      aria-label={label}
      role="group"
    >
      <Typography variant="body2" sx={{ fontWeight: 700 }} component="span">
        {label}:
      </Typography>
      <Typography variant="body2" component="span">
        <Code>{entry.fileName}</Code>
      </Typography>
      <Typography variant="body2" component="span">
        {sizeText(i18n, entry.sizeBytes)}
      </Typography>
      <ModelStatusChip i18n={i18n} status={entry.status} />
    </Box>
  );
}

/** Technical detail for IT (English, as the engine and logs word it), folded away. */
export function ItDetails({ i18n, text }: { i18n: I18n; text: string }) {
  return (
    <Box
      component="details"
      sx={{ mt: 0.5, '& summary': { cursor: 'pointer', typography: 'body2' } }}
    >
      <summary>{i18n.t('speech.details')}</summary>
      <Box
        component="pre"
        dir="ltr"
        lang="en"
        sx={{
          m: 0,
          mt: 0.5,
          whiteSpace: 'pre-wrap',
          overflowWrap: 'anywhere',
          fontSize: '0.8rem',
          textAlign: 'left',
        }}
      >
        {text}
      </Box>
    </Box>
  );
}

/**
 * A folder or file path typed by IT (e.g. a USB stick's mount point): left to right, no spelling
 * marks. `action` is room beside the field for a host's "Browse…" button.
 */
export function PathField({
  id,
  label,
  value,
  onChange,
  helperText,
  error = false,
  disabled = false,
  action,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  helperText?: ReactNode;
  error?: boolean;
  disabled?: boolean;
  action?: ReactNode;
}) {
  return (
    <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', flexWrap: 'wrap' }}>
      <TextField
        id={id}
        label={label}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        error={error}
        disabled={disabled}
        helperText={helperText}
        sx={{ flex: '1 1 320px', maxWidth: 720 }}
        slotProps={{
          htmlInput: { dir: 'ltr', spellCheck: false, autoComplete: 'off', autoCapitalize: 'off' },
        }}
      />
      {action ? <Box sx={{ pt: 1 }}>{action}</Box> : null}
    </Box>
  );
}

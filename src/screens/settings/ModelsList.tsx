import ExpandMore from '@mui/icons-material/ExpandMore';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useId, useState, type ReactNode } from 'react';
import type {
  ModelCopy,
  ModelProgress,
  ModelStatusEntry,
  SpeechStatus,
} from '../../../electron/shared/models';
import { useI18n, type I18n } from '../../i18n/i18n';
import {
  buildLabel,
  buildOf,
  checkingOf,
  Code,
  familyDescription,
  isUsable,
  ModelStatusChip,
  sizePair,
  sizeText,
  VerifyProgress,
} from './ModelsShared';

interface Family {
  readonly name: string;
  readonly entries: readonly ModelStatusEntry[];
}

/** Whisper builds by model (`small`, `small-q5_1`, `small-q8_0` → `small`), in manifest order. */
function familiesOf(models: readonly ModelStatusEntry[]): Family[] {
  const families = new Map<string, ModelStatusEntry[]>();
  for (const model of models) {
    const { family } = buildOf(model.id);
    const list = families.get(family) ?? [];
    list.push(model);
    families.set(family, list);
  }
  return [...families].map(([name, entries]) => ({ name, entries }));
}

export interface ModelListActions {
  /** Administrators only: check a model's hash again. */
  readonly onVerify?: (entry: ModelStatusEntry) => void;
  /** An import or a verification runs: no second one starts. */
  readonly busy: boolean;
}

/**
 * Every model of the manifest with its state: whisper models grouped by model with their builds
 * (full and quantised) in a table each, the recommended one first and open; English-only models
 * apart; the voice-activity models last.
 */
export function ModelsList({
  status,
  actions,
}: {
  status: SpeechStatus & { listing: NonNullable<SpeechStatus['listing']> };
  actions: ModelListActions;
}) {
  const i18n = useI18n();
  const id = useId();
  const recommended = status.plan?.recommendedModelId ?? null;
  const recommendedFamily = recommended ? buildOf(recommended).family : null;
  const families = familiesOf(status.listing.models.filter((model) => model.kind === 'whisper'));
  const multilingual = families
    .filter((family) => !family.name.endsWith('.en'))
    .sort((a, b) => Number(b.name === recommendedFamily) - Number(a.name === recommendedFamily));
  const englishOnly = families.filter((family) => family.name.endsWith('.en'));
  const vad = status.listing.models.filter((model) => model.kind === 'vad');
  const context: RowContext = {
    recommended,
    inUse: status.model.id,
    progress: status.progress,
    actions,
  };
  const group = (
    suffix: string,
    title: string,
    intro: string,
    list: readonly Family[],
  ): ReactNode =>
    list.length === 0 ? null : (
      <Stack spacing={1} component="section" aria-labelledby={`${id}-${suffix}`}>
        <Typography
          variant="subtitle1"
          component="h3"
          id={`${id}-${suffix}`}
          sx={{ fontWeight: 700 }}
        >
          {title}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {intro}
        </Typography>
        <Box>
          {list.map((family) => (
            <FamilyPanel key={family.name} family={family} context={context} />
          ))}
        </Box>
      </Stack>
    );
  return (
    <>
      {group(
        'whisper',
        i18n.t('speech.list.whisperTitle'),
        i18n.t('speech.list.whisperIntro'),
        multilingual,
      )}
      {group(
        'english',
        i18n.t('speech.list.englishTitle'),
        i18n.t('speech.list.englishIntro'),
        englishOnly,
      )}
      {vad.length > 0 ? (
        <Stack spacing={1} component="section" aria-labelledby={`${id}-vad`}>
          <Typography variant="subtitle1" component="h3" id={`${id}-vad`} sx={{ fontWeight: 700 }}>
            {i18n.t('speech.list.vadTitle')}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {i18n.t('speech.list.vadIntro')}
          </Typography>
          <ModelTable
            label={i18n.t('speech.list.vadTitle')}
            entries={vad}
            context={context}
            outlined
          />
        </Stack>
      ) : null}
    </>
  );
}

interface RowContext {
  readonly recommended: string | null;
  readonly inUse: string | null;
  readonly progress: ModelProgress | null;
  readonly actions: ModelListActions;
}

function FamilyPanel({ family, context }: { family: Family; context: RowContext }) {
  const i18n = useI18n();
  const id = useId();
  const installed = family.entries.filter(isUsable).length;
  const corrupt = family.entries.some((entry) => entry.status === 'corrupt');
  const has = (modelId: string | null) => family.entries.some((entry) => entry.id === modelId);
  const description = familyDescription(i18n, family.name);
  const open =
    has(context.recommended) ||
    has(context.inUse) ||
    family.entries.some((entry) => entry.status !== 'missing');
  // Open by itself while it matters (a file appeared, it is recommended), until someone toggles it.
  const [toggled, setToggled] = useState<boolean | null>(null);
  return (
    <Accordion
      expanded={toggled ?? open}
      onChange={(_event, expanded) => setToggled(expanded)}
      disableGutters
      variant="outlined"
      slotProps={{ heading: { component: 'h4' } }}
      sx={{ '&:not(:last-of-type)': { borderBottom: 0 } }}
    >
      <AccordionSummary
        expandIcon={<ExpandMore />}
        id={`${id}-summary`}
        aria-controls={`${id}-details`}
      >
        <Box component="span" sx={{ display: 'flex', flexDirection: 'column', gap: 0.5 }}>
          <Box
            component="span"
            sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}
          >
            <Box component="span" sx={{ fontWeight: 700 }}>
              <Code>{family.name}</Code>
            </Box>
            {has(context.recommended) ? (
              <Chip
                component="span"
                size="small"
                color="primary"
                label={i18n.t('speech.list.recommended')}
              />
            ) : null}
            {has(context.inUse) ? (
              <Chip
                component="span"
                size="small"
                color="success"
                variant="outlined"
                label={i18n.t('speech.list.inUse')}
              />
            ) : null}
            {corrupt ? <ModelStatusChip i18n={i18n} status="corrupt" /> : null}
            <Typography component="span" variant="body2" color="text.secondary">
              {i18n.t(installed > 0 ? 'speech.list.summary' : 'speech.list.summaryNone', {
                count: family.entries.length,
                installed,
              })}
            </Typography>
          </Box>
          {description ? (
            <Typography component="span" variant="body2" color="text.secondary">
              {description}
            </Typography>
          ) : null}
        </Box>
      </AccordionSummary>
      <AccordionDetails id={`${id}-details`} sx={{ pt: 0 }}>
        <ModelTable
          label={i18n.t('speech.list.table', { family: family.name })}
          entries={family.entries}
          context={context}
        />
      </AccordionDetails>
    </Accordion>
  );
}

function ModelTable({
  label,
  entries,
  context,
  outlined = false,
}: {
  label: string;
  entries: readonly ModelStatusEntry[];
  context: RowContext;
  outlined?: boolean;
}) {
  const i18n = useI18n();
  // Nothing to check where every file is missing: no empty column then.
  const canVerify =
    Boolean(context.actions.onVerify) && entries.some((entry) => entry.status !== 'missing');
  return (
    <TableContainer
      sx={outlined ? { border: 1, borderColor: 'divider', borderRadius: 1 } : undefined}
    >
      <Table size="small" aria-label={label}>
        <TableHead>
          <TableRow>
            <TableCell>{i18n.t('speech.list.col.build')}</TableCell>
            <TableCell>{i18n.t('speech.list.col.size')}</TableCell>
            <TableCell>{i18n.t('speech.list.col.status')}</TableCell>
            <TableCell>{i18n.t('speech.list.col.where')}</TableCell>
            {canVerify ? <TableCell>{i18n.t('speech.list.col.actions')}</TableCell> : null}
          </TableRow>
        </TableHead>
        <TableBody>
          {entries.map((entry) => (
            <ModelRow key={entry.id} entry={entry} context={context} showVerify={canVerify} />
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function ModelRow({
  entry,
  context,
  showVerify,
}: {
  entry: ModelStatusEntry;
  context: RowContext;
  showVerify: boolean;
}) {
  const i18n = useI18n();
  const { onVerify, busy } = context.actions;
  const checking = checkingOf(context.progress, entry.id);
  return (
    <TableRow>
      <TableCell component="th" scope="row" sx={{ minWidth: 170 }}>
        <Code>{entry.fileName}</Code>
        <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', alignItems: 'center', mt: 0.25 }}>
          {entry.kind === 'whisper' ? (
            <Typography component="span" variant="body2" color="text.secondary">
              {buildLabel(i18n, buildOf(entry.id).build)}
            </Typography>
          ) : null}
          {entry.id === context.recommended ? (
            <Chip
              component="span"
              size="small"
              color="primary"
              label={i18n.t('speech.list.recommended')}
            />
          ) : null}
          {entry.id === context.inUse ? (
            <Chip
              component="span"
              size="small"
              color="success"
              variant="outlined"
              label={i18n.t('speech.list.inUse')}
            />
          ) : null}
        </Box>
      </TableCell>
      <TableCell sx={{ whiteSpace: 'nowrap' }}>{sizeText(i18n, entry.sizeBytes)}</TableCell>
      <TableCell sx={{ whiteSpace: 'nowrap' }}>
        <ModelStatusChip i18n={i18n} status={checking ? 'verifying' : entry.status} />
        {checking ? (
          <VerifyProgress
            i18n={i18n}
            fileName={entry.fileName}
            checking={checking}
            sx={{ mt: 0.75, minWidth: 96 }}
          />
        ) : null}
      </TableCell>
      <TableCell sx={{ minWidth: 220 }}>
        <WhereOrTodo i18n={i18n} entry={entry} />
      </TableCell>
      {showVerify ? (
        <TableCell>
          {entry.status !== 'missing' && onVerify ? (
            <Button
              size="small"
              variant="outlined"
              disabled={busy}
              aria-label={i18n.t('speech.verifyLabel', { file: entry.fileName })}
              onClick={() => onVerify(entry)}
            >
              {i18n.t('speech.verify')}
            </Button>
          ) : null}
        </TableCell>
      ) : null}
    </TableRow>
  );
}

/** Where the model's file is, or what to do about it (speech and drafting models alike). */
export function WhereOrTodo({ i18n, entry }: { i18n: I18n; entry: ModelStatusEntry }) {
  if (entry.status === 'missing' || entry.copies.length === 0) {
    return <Typography variant="body2">{i18n.t('speech.todo.missing')}</Typography>;
  }
  const main = entry.copies.find((copy) => copy.path === entry.path) ?? entry.copies[0]!;
  const others = entry.copies.filter((copy) => copy !== main);
  return (
    <Stack spacing={1}>
      <CopyLine i18n={i18n} copy={main} expected={entry.sizeBytes} />
      {others.map((copy) => (
        <CopyLine key={copy.path} i18n={i18n} copy={copy} expected={entry.sizeBytes} withStatus />
      ))}
    </Stack>
  );
}

function CopyLine({
  i18n,
  copy,
  expected,
  withStatus = false,
}: {
  i18n: I18n;
  copy: ModelCopy;
  expected: number;
  withStatus?: boolean;
}) {
  let note: ReactNode = null;
  if (copy.status === 'corrupt') {
    const [actual, wanted] = sizePair(i18n, copy.sizeBytes, expected);
    note = (
      <Typography variant="body2" color="error">
        {copy.problem === 'size_mismatch'
          ? i18n.t('speech.todo.size_mismatch', { actual, expected: wanted })
          : i18n.t(
              copy.problem === 'unreadable'
                ? 'speech.todo.unreadable'
                : 'speech.todo.hash_mismatch',
            )}
      </Typography>
    );
  } else if (copy.status === 'unverified') {
    note = (
      <Typography variant="body2" color="text.secondary">
        {i18n.t('speech.todo.unverified')}
      </Typography>
    );
  } else if (copy.verifiedAt) {
    note = (
      <Typography variant="body2" color="text.secondary">
        {i18n.t('speech.where.checked', { when: copy.verifiedAt })}
      </Typography>
    );
  }
  return (
    <Box>
      <Typography variant="body2" component="div">
        {withStatus ? (
          <>
            <ModelStatusChip i18n={i18n} status={copy.status} />{' '}
          </>
        ) : null}
        {i18n.t(copy.location === 'data' ? 'speech.where.data' : 'speech.where.provisioned')}
      </Typography>
      <Typography variant="body2" component="div">
        <Code block>{copy.path}</Code>
      </Typography>
      {note}
    </Box>
  );
}

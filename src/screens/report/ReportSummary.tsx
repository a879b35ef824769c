import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReportView } from '../../../electron/shared/reports';
import { useI18n } from '../../i18n/i18n';
import { isolate } from '../patients/format';
import { percentText, reportState, type ReportState } from './model';

/** Colours that keep the chip's text readable (4.5:1) on white. */
const STATE_COLOR: Readonly<Record<ReportState, 'default' | 'primary' | 'secondary' | 'success'>> =
  {
    none: 'default',
    draft: 'primary',
    approved: 'success',
    amending: 'secondary',
  };

export function ReportStatusChip({ view }: { view: ReportView }) {
  const i18n = useI18n();
  const state = reportState(view);
  return (
    <Chip
      color={STATE_COLOR[state]}
      variant={state === 'approved' ? 'filled' : 'outlined'}
      label={i18n.t(`report.state.${state}`, { version: view.approvedVersion })}
    />
  );
}

/**
 * What kind of report this is: its state, how it was made (AI, by hand, or both), where the draft
 * came from (the model, named, or the extractors) and when it last changed.
 */
export function ReportSummary({ view }: { view: ReportView }) {
  const i18n = useI18n();
  const facts: string[] = [];
  if (view.status !== 'none') {
    facts.push(
      i18n.t('report.summary.method', {
        method: i18n.t(`report.method.${view.generationMethod}`),
      }),
    );
  }
  if (view.draftSource) {
    facts.push(
      view.draftSource === 'llm' && view.draftModel
        ? i18n.t('report.summary.sourceModel', {
            source: i18n.t('report.source.llm'),
            model: isolate(view.draftModel),
          })
        : i18n.t('report.summary.source', { source: i18n.t(`report.source.${view.draftSource}`) }),
    );
  }
  if (view.aiConfidence !== null) {
    facts.push(
      i18n.t('report.summary.confidence', { confidence: percentText(i18n, view.aiConfidence) }),
    );
  }
  if (view.draftedAt) facts.push(i18n.t('report.summary.draftedAt', { at: view.draftedAt }));
  if (view.updatedAt && view.updatedAt !== view.draftedAt) {
    facts.push(i18n.t('report.summary.updatedAt', { at: view.updatedAt }));
  }
  return (
    <Stack direction="row" sx={{ alignItems: 'center', flexWrap: 'wrap', columnGap: 2, rowGap: 1 }}>
      <ReportStatusChip view={view} />
      {facts.map((fact) => (
        <Typography key={fact} variant="body2" color="text.secondary">
          {fact}
        </Typography>
      ))}
    </Stack>
  );
}

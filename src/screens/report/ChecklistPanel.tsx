import Refresh from '@mui/icons-material/Refresh';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ChecklistEntry, VisitChecklist } from '../../../electron/shared/reports';
import {
  checklistStatuses,
  type ChecklistItem,
  type ChecklistPriority,
  type ChecklistStatus,
} from '../../../electron/shared/soap';
import { useClient } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryState } from '../../components/QueryState';
import { useI18n, type I18n } from '../../i18n/i18n';
import { EvidenceLinks } from './evidence';
import { checklistGroups, percentText, reportKeys, WARNING_TEXT } from './model';

export function itemTitle(i18n: I18n, item: Pick<ChecklistItem, 'title' | 'titleEn'>): string {
  return i18n.language === 'en' && item.titleEn ? item.titleEn : item.title;
}

export function statusOfEntry(entry: ChecklistEntry): ChecklistStatus {
  return entry.doctorStatus ?? entry.evaluation.status;
}

/** High and critical items are marked; the colours keep a 4.5:1 contrast on white. */
export function PriorityChip({ priority }: { priority: ChecklistPriority }) {
  const i18n = useI18n();
  if (priority === 'low' || priority === 'medium') return null;
  const critical = priority === 'critical';
  return (
    <Chip
      size="small"
      variant={critical ? 'filled' : 'outlined'}
      label={i18n.t(`report.checklist.priority.${priority}`)}
      sx={
        critical
          ? { bgcolor: '#b71c1c', color: '#fff' }
          : { color: WARNING_TEXT, borderColor: '#c77700' }
      }
    />
  );
}

function Entry({
  entry,
  encounterId,
  canSet,
}: {
  entry: ChecklistEntry;
  encounterId: string;
  canSet: boolean;
}) {
  const client = useClient();
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const { item, evaluation } = entry;
  const title = itemTitle(i18n, item);
  const set = useMutation({
    mutationFn: (status: ChecklistStatus | null) =>
      client.checklist.setStatus({ encounterId, itemId: item.id, status }),
    onSuccess: (checklist) =>
      queryClient.setQueryData(reportKeys.checklist(encounterId), checklist),
  });
  const status = statusOfEntry(entry);
  const selectId = `report-checklist-status-${item.id}`;
  return (
    <Box component="li" sx={{ listStyle: 'none', py: 1, borderBottom: 1, borderColor: 'divider' }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <Box sx={{ flex: '1 1 14rem', minWidth: 0 }}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography
              id={`report-checklist-item-${item.id}`}
              component="h4"
              variant="body1"
              sx={{ fontWeight: 600 }}
            >
              {title}
            </Typography>
            <PriorityChip priority={item.priority} />
          </Stack>
          <Typography variant="caption" color="text.secondary" component="p">
            {entry.doctorStatus
              ? i18n.t('report.checklist.byDoctor', {
                  auto: i18n.t(`report.checklist.status.${evaluation.status}`),
                  confidence: percentText(i18n, evaluation.confidence),
                })
              : i18n.t('report.checklist.auto', {
                  confidence: percentText(i18n, evaluation.confidence),
                })}
          </Typography>
          {evaluation.evidenceText ? (
            <Typography variant="body2" sx={{ mt: 0.5 }}>
              {evaluation.evidenceText}
            </Typography>
          ) : null}
          <EvidenceLinks evidence={evaluation.anchors} />
          {status !== 'covered' && evaluation.generatedQuestion ? (
            <Typography variant="body2" color="primary.dark" sx={{ mt: 0.5 }}>
              {i18n.t('report.checklist.question', { question: evaluation.generatedQuestion })}
            </Typography>
          ) : null}
          {entry.doctorNote ? (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
              {i18n.t('report.checklist.note', { note: entry.doctorNote })}
            </Typography>
          ) : null}
        </Box>
        {canSet ? (
          <TextField
            select
            id={selectId}
            label={i18n.t('report.checklist.setStatus')}
            value={entry.doctorStatus ?? ''}
            onChange={(event) =>
              set.mutate(event.target.value === '' ? null : (event.target.value as ChecklistStatus))
            }
            disabled={set.isPending}
            sx={{ width: '12rem', flexShrink: 0 }}
            slotProps={{
              select: {
                // The item's title joins the label, so each of these menus has its own name.
                labelId: `${selectId}-label report-checklist-item-${item.id}`,
                displayEmpty: true,
                renderValue: (value) =>
                  value === ''
                    ? i18n.t('report.checklist.automatic')
                    : i18n.t(`report.checklist.status.${value as ChecklistStatus}`),
              },
              inputLabel: { shrink: true, id: `${selectId}-label` },
            }}
          >
            <MenuItem value="">{i18n.t('report.checklist.automatic')}</MenuItem>
            {checklistStatuses.map((option) => (
              <MenuItem key={option} value={option}>
                {i18n.t(`report.checklist.status.${option}`)}
              </MenuItem>
            ))}
          </TextField>
        ) : null}
      </Stack>
      {set.error ? <ErrorAlert error={set.error} /> : null}
    </Box>
  );
}

function Groups({ checklist, canSet }: { checklist: VisitChecklist; canSet: boolean }) {
  const i18n = useI18n();
  const [showCovered, setShowCovered] = useState(false);
  if (checklist.entries.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {checklist.evaluatedAt === null
          ? i18n.t('report.checklist.notEvaluated')
          : i18n.t('report.checklist.noItems')}
      </Typography>
    );
  }
  return (
    <Stack spacing={2}>
      {checklistGroups.map((group) => {
        const entries = checklist.entries.filter((entry) => statusOfEntry(entry) === group);
        if (entries.length === 0) return null;
        const headingId = `report-checklist-group-${group}`;
        const collapsed = group === 'covered' && !showCovered;
        return (
          <Box key={group} component="section" aria-labelledby={headingId}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <Typography id={headingId} variant="subtitle2" component="h3">
                {i18n.t(`report.checklist.group.${group}`, { count: entries.length })}
              </Typography>
              {group === 'covered' ? (
                <Button
                  size="small"
                  onClick={() => setShowCovered(!showCovered)}
                  aria-expanded={showCovered}
                  aria-controls="report-checklist-covered"
                >
                  {i18n.t(showCovered ? 'report.checklist.hide' : 'report.checklist.show')}
                </Button>
              ) : null}
            </Stack>
            {collapsed ? null : (
              <Box
                component="ul"
                id={group === 'covered' ? 'report-checklist-covered' : undefined}
                sx={{ m: 0, p: 0 }}
              >
                {entries.map((entry) => (
                  <Entry
                    key={entry.item.id}
                    entry={entry}
                    encounterId={checklist.encounterId}
                    canSet={canSet}
                  />
                ))}
              </Box>
            )}
          </Box>
        );
      })}
    </Stack>
  );
}

/**
 * The visit's checklist: each item covered, partial, missing or unclear in the transcript, with
 * how sure the evaluation is, the evidence (a click shows it in the transcript) and a question to
 * ask; the doctor may set their own status, which wins.
 */
export function ChecklistPanel({ encounterId, canSet }: { encounterId: string; canSet: boolean }) {
  const client = useClient();
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const checklist = useQuery({
    queryKey: reportKeys.checklist(encounterId),
    queryFn: () => client.checklist.forVisit({ encounterId }),
  });
  const evaluate = useMutation({
    mutationFn: () => client.checklist.evaluate({ encounterId }),
    onSuccess: (result) => queryClient.setQueryData(reportKeys.checklist(encounterId), result),
  });
  return (
    <Paper component="section" aria-labelledby="report-checklist-title" sx={{ p: 2 }}>
      <Stack
        direction="row"
        sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 1, flexWrap: 'wrap' }}
      >
        <Box>
          <Typography id="report-checklist-title" variant="h6" component="h2">
            {i18n.t('report.checklist.title')}
          </Typography>
          {checklist.data?.evaluatedAt ? (
            <Typography variant="caption" color="text.secondary">
              {i18n.t('report.checklist.evaluatedAt', { at: checklist.data.evaluatedAt })}
            </Typography>
          ) : null}
        </Box>
        {canSet ? (
          <Button
            variant="outlined"
            size="small"
            startIcon={<Refresh />}
            onClick={() => evaluate.mutate()}
            loading={evaluate.isPending}
          >
            {i18n.t('report.checklist.evaluate')}
          </Button>
        ) : null}
      </Stack>
      {evaluate.error ? <ErrorAlert error={evaluate.error} /> : null}
      <QueryState query={checklist}>
        {(data) => <Groups checklist={data} canSet={canSet} />}
      </QueryState>
    </Paper>
  );
}

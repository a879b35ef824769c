import PlaylistAddCheck from '@mui/icons-material/PlaylistAddCheck';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useClient } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { itemTitle, PriorityChip, statusOfEntry } from './ChecklistPanel';
import { reportKeys } from './model';

/** How often the transcript so far is checked while the visit is being recorded. */
const LIVE_POLL_MS = 5_000;
/** A glance while talking to the patient: the most important few, the rest a click away. */
const SHOWN = 5;

/**
 * While recording: the high and critical checklist items the conversation has not touched yet,
 * each with the question that would cover it — read from the transcript so far, nothing stored.
 */
export function LiveChecklist({ encounterId, live }: { encounterId: string; live: boolean }) {
  const client = useClient();
  const i18n = useI18n();
  const [all, setAll] = useState(false);
  const checklist = useQuery({
    queryKey: reportKeys.live(encounterId),
    queryFn: () => client.checklist.live({ encounterId }),
    refetchInterval: live ? LIVE_POLL_MS : false,
  });
  if (!checklist.data) return null;
  const missing = checklist.data.entries.filter(
    (entry) =>
      statusOfEntry(entry) === 'missing' &&
      (entry.item.priority === 'high' || entry.item.priority === 'critical'),
  );
  // Critical first, then in the catalog's order.
  missing.sort(
    (a, b) => Number(b.item.priority === 'critical') - Number(a.item.priority === 'critical'),
  );
  return (
    <Paper component="section" aria-labelledby="live-checklist-title" sx={{ p: 2 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
        <PlaylistAddCheck color="primary" aria-hidden />
        <Typography id="live-checklist-title" variant="subtitle1" component="h2">
          {i18n.t('report.live.title')}
        </Typography>
      </Stack>
      {missing.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {i18n.t('report.live.none')}
        </Typography>
      ) : (
        <Box component="ul" sx={{ m: 0, p: 0 }} aria-labelledby="live-checklist-title">
          {(all ? missing : missing.slice(0, SHOWN)).map((entry) => (
            <Box
              component="li"
              key={entry.item.id}
              sx={{ listStyle: 'none', py: 0.75, borderBottom: 1, borderColor: 'divider' }}
            >
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                <Typography sx={{ fontWeight: 600 }}>{itemTitle(i18n, entry.item)}</Typography>
                <PriorityChip priority={entry.item.priority} />
              </Stack>
              {entry.evaluation.generatedQuestion || entry.item.questionTemplate ? (
                <Typography variant="body2" color="primary.dark">
                  {i18n.t('report.checklist.question', {
                    question: entry.evaluation.generatedQuestion || entry.item.questionTemplate,
                  })}
                </Typography>
              ) : null}
            </Box>
          ))}
        </Box>
      )}
      {missing.length > SHOWN ? (
        <Button size="small" onClick={() => setAll(!all)} aria-expanded={all} sx={{ mt: 0.5 }}>
          {all
            ? i18n.t('report.live.fewer')
            : i18n.t('report.live.more', { count: missing.length - SHOWN })}
        </Button>
      ) : null}
    </Paper>
  );
}

import CheckCircle from '@mui/icons-material/CheckCircle';
import ReportProblem from '@mui/icons-material/ReportProblem';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useState } from 'react';
import type { ReportView } from '../../../electron/shared/reports';
import type { EvidenceFlag, SoapContent } from '../../../electron/shared/soap';
import { useClient } from '../../api/client';
import { useSignedIn } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n, type I18n } from '../../i18n/i18n';
import { isolate } from '../patients/format';
import { listOfFlag, orphanFlags, reportKeys, rowElementId } from './model';

/** Opens the editor of the row a flag is about (the "edit" way of resolving it). */
export type EditFlagged = (flag: EvidenceFlag) => void;

export interface FlagActions {
  readonly encounterId: string;
  readonly canEdit: boolean;
  readonly edit: EditFlagged;
}

export const FlagActionsContext = createContext<FlagActions>({
  encounterId: '',
  canEdit: false,
  edit: () => undefined,
});

/** Names of the people who resolved flags (for "kept by …"). */
function useUserNames(): (userId: string) => string {
  const client = useClient();
  const i18n = useI18n();
  const { user } = useSignedIn();
  const users = useQuery({
    queryKey: reportKeys.users,
    queryFn: () => client.users.list(),
    staleTime: 5 * 60_000,
  });
  return (userId) => {
    if (userId === user.id) return i18n.t('report.flag.you');
    return users.data?.find((candidate) => candidate.id === userId)?.displayName ?? userId;
  };
}

export function flagReasonText(i18n: I18n, flag: EvidenceFlag): string {
  return flag.reason === 'no_evidence'
    ? i18n.t('report.flag.noEvidence')
    : i18n.t('report.flag.mismatch', { heard: isolate(flag.heard ?? '') });
}

function ResolutionLine({ flag }: { flag: EvidenceFlag }) {
  const i18n = useI18n();
  const nameOf = useUserNames();
  if (!flag.resolution) return null;
  return (
    <Typography variant="caption" color="text.secondary" component="p">
      {i18n.t(`report.flag.resolved.${flag.resolution.action}`, {
        name: isolate(nameOf(flag.resolution.by)),
        at: flag.resolution.at,
      })}
    </Typography>
  );
}

/**
 * One flag on its row: what was claimed and why it has no support, and the three ways out —
 * keep it as written, edit it, or delete it. A resolved flag says who did what, and when.
 */
export function FlagNote({ flag }: { flag: EvidenceFlag }) {
  const i18n = useI18n();
  const client = useClient();
  const queryClient = useQueryClient();
  const { encounterId, canEdit, edit } = useContext(FlagActionsContext);
  const resolve = useMutation({
    mutationFn: (action: 'keep' | 'delete') =>
      client.report.resolveFlag({ encounterId, flagId: flag.id, action }),
    onSuccess: (view) => queryClient.setQueryData(reportKeys.view(encounterId), view),
  });
  // Bidi isolates only in what is shown: accessible names are read, not laid out.
  const claim = isolate(flag.claim);
  const named = { claim: flag.claim };
  if (flag.resolution) {
    return (
      <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start', py: 0.25 }}>
        <CheckCircle color="success" fontSize="small" aria-hidden sx={{ mt: 0.25 }} />
        <Box>
          <Typography variant="body2">
            {i18n.t('report.flag.claim', { claim, reason: flagReasonText(i18n, flag) })}
          </Typography>
          <ResolutionLine flag={flag} />
        </Box>
      </Stack>
    );
  }
  return (
    <Box
      role="group"
      aria-label={i18n.t('report.flag.label', named)}
      data-flag={flag.id}
      sx={{
        borderInlineStart: '4px solid',
        borderColor: 'warning.main',
        bgcolor: 'rgba(237, 108, 2, 0.06)',
        borderRadius: 1,
        px: 1,
        py: 0.5,
      }}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <ReportProblem color="warning" fontSize="small" aria-hidden />
        <Typography variant="body2" sx={{ flex: '1 1 12rem' }}>
          {i18n.t('report.flag.claim', { claim, reason: flagReasonText(i18n, flag) })}
        </Typography>
        {canEdit ? (
          <Stack direction="row" spacing={0.5}>
            <Button
              size="small"
              onClick={() => resolve.mutate('keep')}
              disabled={resolve.isPending}
              aria-label={i18n.t('report.flag.keepLabel', named)}
            >
              {i18n.t('report.flag.keep')}
            </Button>
            <Button
              size="small"
              onClick={() => edit(flag)}
              disabled={resolve.isPending}
              aria-label={i18n.t('report.flag.editLabel', named)}
            >
              {i18n.t('report.flag.edit')}
            </Button>
            <Button
              size="small"
              color="error"
              onClick={() => resolve.mutate('delete')}
              disabled={resolve.isPending}
              aria-label={i18n.t(
                flag.kind === 'dose' ? 'report.flag.deleteDoseLabel' : 'report.flag.deleteLabel',
                named,
              )}
            >
              {i18n.t('report.flag.delete')}
            </Button>
          </Stack>
        ) : null}
      </Stack>
      {resolve.error ? <ErrorAlert error={resolve.error} /> : null}
    </Box>
  );
}

export function FlagNotes({ flags }: { flags: readonly EvidenceFlag[] }) {
  if (flags.length === 0) return null;
  return (
    <Stack spacing={0.5}>
      {flags.map((flag) => (
        <FlagNote key={flag.id} flag={flag} />
      ))}
    </Stack>
  );
}

/**
 * Above the report: how many claims still have no support in the transcript (approval waits for
 * each), a way to the first of them, and the decisions already made — including items deleted,
 * which have no row of their own any more.
 */
export function FlagBanner({ view, content }: { view: ReportView; content: SoapContent }) {
  const i18n = useI18n();
  const [showResolved, setShowResolved] = useState(false);
  const flags = view.flags;
  if (flags.length === 0) return null;
  const open = flags.filter((flag) => flag.resolution === null);
  const resolved = flags.filter((flag) => flag.resolution !== null);
  const gone = new Set(orphanFlags(content, flags).map((flag) => flag.id));
  const goToFirst = () => {
    const first = open[0];
    if (!first) return;
    const row = document.getElementById(rowElementId(listOfFlag(first.kind), first.itemId));
    row?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    row?.focus({ preventScroll: true });
  };
  return (
    <Alert
      severity={open.length > 0 ? 'warning' : 'success'}
      role="region"
      aria-label={i18n.t('report.flags.region')}
      action={
        open.length > 0 ? (
          <Button color="inherit" size="small" onClick={goToFirst}>
            {i18n.t('report.flags.first')}
          </Button>
        ) : undefined
      }
    >
      <AlertTitle>
        {open.length > 0
          ? i18n.t('report.flags.open', { count: open.length })
          : i18n.t('report.flags.allResolved')}
      </AlertTitle>
      {open.length > 0 ? i18n.t('report.flags.explain') : null}
      {resolved.length > 0 ? (
        <Box sx={{ mt: 0.5 }}>
          <Button
            size="small"
            color="inherit"
            onClick={() => setShowResolved(!showResolved)}
            aria-expanded={showResolved}
            aria-controls="report-resolved-flags"
          >
            {i18n.t(showResolved ? 'report.flags.hideResolved' : 'report.flags.showResolved', {
              count: resolved.length,
            })}
          </Button>
          {showResolved ? (
            <List id="report-resolved-flags" dense disablePadding>
              {resolved.map((flag) => (
                <ListItem key={flag.id} disableGutters sx={{ display: 'block' }}>
                  <FlagNote flag={flag} />
                  {gone.has(flag.id) ? (
                    <Typography variant="caption" color="text.secondary">
                      {i18n.t('report.flags.itemRemoved')}
                    </Typography>
                  ) : null}
                </ListItem>
              ))}
            </List>
          ) : null}
        </Box>
      ) : null}
    </Alert>
  );
}

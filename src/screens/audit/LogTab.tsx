import History from '@mui/icons-material/History';
import Refresh from '@mui/icons-material/Refresh';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import {
  accessActions,
  type AccessAction,
  type AccessLogFilter,
} from '../../../electron/shared/access';
import { useClient } from '../../api/client';
import { ErrorAlert, shapeOf } from '../../components/ErrorAlert';
import { Empty, Loading } from '../../components/QueryState';
import { useI18n } from '../../i18n/i18n';
import { USERS_QUERY } from '../settings/UsersSection';
import { DateRangeFields, NO_DATES, periodOf, rangeErrors, type DateRangeValue } from './DateRange';
import { EntriesTable } from './EntriesTable';
import { actionLabel, AUDIT_QUERY } from './labels';

const PAGE_SIZE = 50;

export interface LogFilters {
  readonly userId: string;
  readonly action: AccessAction | '';
  readonly result: 'all' | 'granted' | 'denied';
  readonly patientId: string;
  readonly dates: DateRangeValue;
}

export const NO_FILTERS: LogFilters = {
  userId: '',
  action: '',
  result: 'all',
  patientId: '',
  dates: NO_DATES,
};

function filterOf(filters: LogFilters): Omit<AccessLogFilter, 'beforeSeq' | 'limit'> {
  return {
    ...periodOf(filters.dates),
    ...(filters.userId ? { userId: filters.userId } : {}),
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.result !== 'all' ? { granted: filters.result === 'granted' } : {}),
    ...(filters.patientId ? { patientId: filters.patientId } : {}),
  };
}

/**
 * The log itself, newest first, with filters. The filters apply when the form is sent; the
 * screen keeps them while another section is open.
 */
export function LogTab({
  applied,
  onApply,
}: {
  applied: LogFilters;
  onApply: (filters: LogFilters) => void;
}) {
  const client = useClient();
  const i18n = useI18n();
  const [draft, setDraft] = useState(applied);
  const [tried, setTried] = useState(false);
  const users = useQuery({ queryKey: USERS_QUERY, queryFn: () => client.users.list() });
  const usersById = useMemo(
    () => new Map((users.data ?? []).map((user) => [user.id, user])),
    [users.data],
  );
  const filter = filterOf(applied);
  const log = useInfiniteQuery({
    queryKey: [...AUDIT_QUERY, 'list', filter],
    queryFn: ({ pageParam }) =>
      client.audit.list({
        ...filter,
        limit: PAGE_SIZE,
        ...(pageParam ? { beforeSeq: pageParam } : {}),
      }),
    initialPageParam: 0,
    getNextPageParam: (page) => page.nextBeforeSeq ?? undefined,
    // Every read of the log is itself logged: read it when asked, not on every window focus.
    refetchOnWindowFocus: false,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (Object.keys(rangeErrors(draft.dates)).length > 0) return;
    onApply({ ...draft, patientId: draft.patientId.trim() });
  };
  const clear = () => {
    setDraft(NO_FILTERS);
    setTried(false);
    onApply(NO_FILTERS);
  };
  const entries = log.data?.pages.flatMap((page) => page.entries) ?? [];

  return (
    <Stack spacing={2} component="section" aria-labelledby="audit-log-title">
      <Typography variant="h6" component="h2" id="audit-log-title">
        {i18n.t('audit.log.title')}
      </Typography>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <form onSubmit={submit} noValidate aria-label={i18n.t('audit.filters')}>
          <Box
            sx={{
              display: 'grid',
              gridTemplateColumns: {
                xs: 'repeat(2, minmax(0, 1fr))',
                md: 'repeat(4, minmax(0, 1fr))',
              },
              gap: 2,
              alignItems: 'start',
            }}
          >
            <TextField
              select
              id="audit-filter-user"
              label={i18n.t('audit.filter.user')}
              value={users.data ? draft.userId : ''}
              onChange={(event) => setDraft({ ...draft, userId: event.target.value })}
              error={Boolean(users.error)}
              helperText={users.error ? i18n.errorText(shapeOf(users.error)) : undefined}
            >
              <MenuItem value="">{i18n.t('audit.filter.allUsers')}</MenuItem>
              {(users.data ?? []).map((user) => (
                <MenuItem key={user.id} value={user.id}>
                  {user.displayName}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              id="audit-filter-action"
              label={i18n.t('audit.filter.action')}
              value={draft.action}
              onChange={(event) =>
                setDraft({ ...draft, action: event.target.value as AccessAction | '' })
              }
            >
              <MenuItem value="">{i18n.t('audit.filter.allActions')}</MenuItem>
              {accessActions.map((action) => (
                <MenuItem key={action} value={action}>
                  {actionLabel(i18n, action)}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              id="audit-filter-result"
              label={i18n.t('audit.filter.result')}
              value={draft.result}
              onChange={(event) =>
                setDraft({ ...draft, result: event.target.value as LogFilters['result'] })
              }
            >
              <MenuItem value="all">{i18n.t('audit.filter.all')}</MenuItem>
              <MenuItem value="granted">{i18n.t('audit.filter.granted')}</MenuItem>
              <MenuItem value="denied">{i18n.t('audit.filter.denied')}</MenuItem>
            </TextField>
            <TextField
              label={i18n.t('audit.filter.patient')}
              value={draft.patientId}
              onChange={(event) => setDraft({ ...draft, patientId: event.target.value })}
              autoComplete="off"
              slotProps={{ htmlInput: { dir: 'ltr', spellCheck: false } }}
            />
            <DateRangeFields
              value={draft.dates}
              onChange={(dates) => setDraft({ ...draft, dates })}
              showErrors={tried}
            />
            <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', gridColumn: 'span 2', pt: 0.25 }}>
              <Button type="submit" variant="contained">
                {i18n.t('audit.filter.apply')}
              </Button>
              <Button onClick={clear}>{i18n.t('audit.filter.clear')}</Button>
            </Box>
          </Box>
        </form>
      </Paper>

      {log.isPending ? (
        <Loading />
      ) : log.isError && !log.data ? (
        <ErrorAlert error={log.error} onRetry={() => void log.refetch()} />
      ) : entries.length === 0 ? (
        <Paper variant="outlined">
          <Empty title={i18n.t('audit.empty')} />
        </Paper>
      ) : (
        <Paper variant="outlined">
          <Box
            sx={{
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'space-between',
              gap: 2,
              px: 2,
              py: 1,
            }}
          >
            <Typography role="status" variant="body2" color="text.secondary">
              {i18n.t('audit.shown', { count: entries.length })}
            </Typography>
            <Button
              size="small"
              startIcon={<Refresh />}
              onClick={() => void log.refetch()}
              disabled={log.isFetching}
            >
              {i18n.t('audit.refresh')}
            </Button>
          </Box>
          <EntriesTable entries={entries} users={usersById} label={i18n.t('audit.table')} />
          <Box sx={{ p: 2, display: 'flex', justifyContent: 'center' }}>
            {log.hasNextPage ? (
              // Not disabled while loading, so the keyboard focus stays on it.
              <Button
                variant="outlined"
                aria-busy={log.isFetchingNextPage}
                startIcon={
                  log.isFetchingNextPage ? <CircularProgress size={16} aria-hidden /> : <History />
                }
                onClick={() => {
                  if (!log.isFetchingNextPage) void log.fetchNextPage();
                }}
              >
                {i18n.t('audit.loadOlder')}
              </Button>
            ) : (
              <Typography variant="body2" color="text.secondary">
                {i18n.t('audit.noOlder')}
              </Typography>
            )}
          </Box>
          {log.isError && log.data ? <ErrorAlert error={log.error} /> : null}
        </Paper>
      )}
    </Stack>
  );
}

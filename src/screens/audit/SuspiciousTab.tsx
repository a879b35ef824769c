import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useClient } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import { useI18n } from '../../i18n/i18n';
import { USERS_QUERY } from '../settings/UsersSection';
import { DateRangeFields, periodOf, rangeErrors, type DateRangeValue } from './DateRange';
import { FlagList } from './FlagList';
import { AUDIT_QUERY } from './labels';

const DEFAULT_DAYS = 30;

function lastDays(days: number): DateRangeValue {
  const today = new Date();
  const from = new Date(today.getFullYear(), today.getMonth(), today.getDate() - days);
  return { from, to: today };
}

/** Every suspicious pattern of a period, across all users and patients. */
export function SuspiciousTab() {
  const client = useClient();
  const i18n = useI18n();
  const [draft, setDraft] = useState<DateRangeValue>(() => lastDays(DEFAULT_DAYS));
  const [applied, setApplied] = useState(draft);
  const [tried, setTried] = useState(false);
  const period = periodOf(applied);
  const users = useQuery({ queryKey: USERS_QUERY, queryFn: () => client.users.list() });
  const usersById = useMemo(
    () => new Map((users.data ?? []).map((user) => [user.id, user])),
    [users.data],
  );
  const flags = useQuery({
    queryKey: [...AUDIT_QUERY, 'suspicious', period],
    queryFn: () => client.audit.suspicious(period),
    refetchOnWindowFocus: false,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (Object.keys(rangeErrors(draft)).length === 0) setApplied(draft);
  };
  return (
    <Stack spacing={2} component="section" aria-labelledby="audit-suspicious-title">
      <Typography variant="h6" component="h2" id="audit-suspicious-title">
        {i18n.t('audit.suspicious.title')}
      </Typography>
      <Typography color="text.secondary">{i18n.t('audit.suspicious.intro')}</Typography>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <form onSubmit={submit} noValidate aria-label={i18n.t('audit.suspicious.period')}>
          <Box
            sx={{
              display: 'flex',
              flexWrap: 'wrap',
              gap: 2,
              alignItems: 'flex-start',
            }}
          >
            <DateRangeFields value={draft} onChange={setDraft} showErrors={tried} width={240} />
            <Box>
              <Button type="submit" variant="contained" sx={{ mt: 0.25 }}>
                {i18n.t('audit.suspicious.show')}
              </Button>
            </Box>
          </Box>
        </form>
      </Paper>
      <QueryState query={flags}>
        {(list) =>
          list.length === 0 ? (
            <Alert severity="success" variant="outlined" role="status">
              {i18n.t('audit.suspicious.none')}
            </Alert>
          ) : (
            <Stack spacing={1.5}>
              <Typography role="status">
                {i18n.t('audit.suspicious.found', { count: list.length })}
              </Typography>
              <FlagList flags={list} users={usersById} headingLevel="h3" />
            </Stack>
          )
        }
      </QueryState>
    </Stack>
  );
}

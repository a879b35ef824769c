import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { PatientAccessReport } from '../../../electron/shared/access';
import type { UserSummary } from '../../../electron/shared/accounts';
import { useClient } from '../../api/client';
import { Empty, QueryState } from '../../components/QueryState';
import { useI18n } from '../../i18n/i18n';
import { USERS_QUERY } from '../settings/UsersSection';
import { EntriesTable, patientReportPath, UserCell } from './EntriesTable';
import { FlagList } from './FlagList';
import { actionLabel, AUDIT_QUERY, resourceLabel, roleLabel } from './labels';

/** A small titled table of the report. */
function CountTable({
  title,
  id,
  head,
  children,
}: {
  title: string;
  id: string;
  head: ReactNode;
  children: ReactNode;
}) {
  return (
    <Paper variant="outlined" sx={{ minWidth: 0 }}>
      <Typography
        variant="subtitle1"
        component="h3"
        id={id}
        sx={{ px: 2, pt: 1.5, fontWeight: 700 }}
      >
        {title}
      </Typography>
      <TableContainer>
        <Table size="small" aria-labelledby={id}>
          <TableHead>
            <TableRow>{head}</TableRow>
          </TableHead>
          <TableBody>{children}</TableBody>
        </Table>
      </TableContainer>
    </Paper>
  );
}

function Stat({ label, value, tone }: { label: string; value: string; tone?: 'error' }) {
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Typography variant="body2" color="text.secondary" component="p">
        {label}
      </Typography>
      <Typography variant="h5" component="p" color={tone === 'error' ? 'error' : undefined}>
        {value}
      </Typography>
    </Paper>
  );
}

function Report({
  report,
  users,
}: {
  report: PatientAccessReport;
  users: ReadonlyMap<string, UserSummary>;
}) {
  const i18n = useI18n();
  const { summary } = report;
  return (
    <Stack spacing={2} component="section" aria-labelledby="audit-report-heading">
      <Typography variant="h6" component="h2" id="audit-report-heading">
        {i18n.t('audit.report.heading')} <span className="ltr">{report.patientId}</span>
      </Typography>
      {summary.total === 0 ? (
        <Paper variant="outlined">
          <Empty title={i18n.t('audit.report.empty')}>
            <Typography>{i18n.t('audit.report.emptyHint')}</Typography>
          </Empty>
        </Paper>
      ) : (
        <>
          <Box
            role="group"
            aria-label={i18n.t('audit.report.summary')}
            sx={{
              display: 'grid',
              gridTemplateColumns: 'repeat(auto-fit, minmax(150px, 1fr))',
              gap: 2,
            }}
          >
            <Stat label={i18n.t('audit.report.total')} value={i18n.digits(summary.total)} />
            <Stat label={i18n.t('audit.report.users')} value={i18n.digits(summary.uniqueUsers)} />
            <Stat label={i18n.t('audit.report.granted')} value={i18n.digits(summary.granted)} />
            <Stat
              label={i18n.t('audit.report.denied')}
              value={i18n.digits(summary.denied)}
              {...(summary.denied > 0 ? { tone: 'error' as const } : {})}
            />
          </Box>

          <Stack spacing={1} component="section" aria-labelledby="audit-report-flags">
            <Typography
              variant="subtitle1"
              component="h3"
              id="audit-report-flags"
              sx={{ fontWeight: 700 }}
            >
              {i18n.t('audit.report.flags')}
            </Typography>
            {report.flags.length === 0 ? (
              <Alert severity="success" variant="outlined">
                {i18n.t('audit.report.noFlags')}
              </Alert>
            ) : (
              <FlagList flags={report.flags} users={users} headingLevel="h4" />
            )}
          </Stack>

          <Box
            sx={{
              display: 'grid',
              gridTemplateColumns: { xs: '1fr', lg: '2fr 1fr 1fr' },
              gap: 2,
              alignItems: 'start',
            }}
          >
            <CountTable
              title={i18n.t('audit.report.byUser')}
              id="audit-report-by-user"
              head={
                <>
                  <TableCell>{i18n.t('audit.col.user')}</TableCell>
                  <TableCell>{i18n.t('audit.col.role')}</TableCell>
                  <TableCell>{i18n.t('audit.report.count')}</TableCell>
                  <TableCell>{i18n.t('audit.report.lastAt')}</TableCell>
                </>
              }
            >
              {report.byUser.map((row) => (
                <TableRow key={row.userId ?? 'none'}>
                  <TableCell>
                    <UserCell userId={row.userId} username={row.username} users={users} />
                  </TableCell>
                  <TableCell>{roleLabel(i18n, row.role)}</TableCell>
                  <TableCell>{i18n.digits(row.count)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{i18n.dateTime(row.lastAt)}</TableCell>
                </TableRow>
              ))}
            </CountTable>
            <CountTable
              title={i18n.t('audit.report.byAction')}
              id="audit-report-by-action"
              head={
                <>
                  <TableCell>{i18n.t('audit.col.action')}</TableCell>
                  <TableCell>{i18n.t('audit.report.count')}</TableCell>
                </>
              }
            >
              {report.byAction.map((row) => (
                <TableRow key={row.action}>
                  <TableCell>{actionLabel(i18n, row.action)}</TableCell>
                  <TableCell>{i18n.digits(row.count)}</TableCell>
                </TableRow>
              ))}
            </CountTable>
            <CountTable
              title={i18n.t('audit.report.byResource')}
              id="audit-report-by-resource"
              head={
                <>
                  <TableCell>{i18n.t('audit.col.resource')}</TableCell>
                  <TableCell>{i18n.t('audit.report.count')}</TableCell>
                  <TableCell>{i18n.t('audit.report.grantedCount')}</TableCell>
                </>
              }
            >
              {report.byResource.map((row) => (
                <TableRow key={row.resourceType}>
                  <TableCell>{resourceLabel(i18n, row.resourceType)}</TableCell>
                  <TableCell>{i18n.digits(row.count)}</TableCell>
                  <TableCell>{i18n.digits(row.granted)}</TableCell>
                </TableRow>
              ))}
            </CountTable>
          </Box>

          <Paper variant="outlined">
            <Typography
              variant="subtitle1"
              component="h3"
              id="audit-report-recent"
              sx={{ px: 2, pt: 1.5, fontWeight: 700 }}
            >
              {i18n.t('audit.report.recent')}
            </Typography>
            <EntriesTable
              entries={report.recent}
              users={users}
              label={i18n.t('audit.report.recent')}
              showPatient={false}
            />
          </Paper>
        </>
      )}
    </Stack>
  );
}

/**
 * Who looked at one patient's record: counts by user, action and resource, the latest entries
 * and the suspicious patterns that touch this patient. The patient id is part of the address
 * (/access-log/patient/<id>), so a row of the log can link straight to it.
 */
export function PatientReportTab() {
  const client = useClient();
  const i18n = useI18n();
  const navigate = useNavigate();
  const patientId = useParams()['patientId'] ?? '';
  const [text, setText] = useState(patientId);
  const [previous, setPrevious] = useState(patientId);
  const [missing, setMissing] = useState(false);
  if (patientId !== previous) {
    setPrevious(patientId);
    setText(patientId);
  }
  const users = useQuery({ queryKey: USERS_QUERY, queryFn: () => client.users.list() });
  const usersById = useMemo(
    () => new Map((users.data ?? []).map((user) => [user.id, user])),
    [users.data],
  );
  const report = useQuery({
    queryKey: [...AUDIT_QUERY, 'patientReport', patientId],
    queryFn: () => client.audit.patientReport({ patientId }),
    enabled: patientId !== '',
    refetchOnWindowFocus: false,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const id = text.trim();
    setMissing(id === '');
    if (id !== '') void navigate(patientReportPath(id));
  };
  return (
    <Stack spacing={2}>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <form onSubmit={submit} noValidate aria-labelledby="audit-report-title">
          <Typography variant="h6" component="h2" id="audit-report-title">
            {i18n.t('audit.report.title')}
          </Typography>
          <Typography color="text.secondary" sx={{ mb: 2 }}>
            {i18n.t('audit.report.intro')}
          </Typography>
          <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', flexWrap: 'wrap' }}>
            <TextField
              label={i18n.t('audit.report.patientId')}
              value={text}
              onChange={(event) => {
                setText(event.target.value);
                setMissing(false);
              }}
              autoFocus={patientId === ''}
              autoComplete="off"
              required
              error={missing}
              helperText={missing ? i18n.t('audit.report.required') : undefined}
              sx={{ maxWidth: 420 }}
              slotProps={{ htmlInput: { dir: 'ltr', spellCheck: false } }}
            />
            <Button type="submit" variant="contained" sx={{ mt: 0.25 }}>
              {i18n.t('audit.report.show')}
            </Button>
          </Box>
        </form>
      </Paper>
      {patientId === '' ? null : (
        <QueryState query={report}>
          {(data) => <Report report={data} users={usersById} />}
        </QueryState>
      )}
    </Stack>
  );
}

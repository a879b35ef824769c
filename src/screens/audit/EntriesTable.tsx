import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router';
import type { AccessEntry } from '../../../electron/shared/access';
import type { UserSummary } from '../../../electron/shared/accounts';
import { useI18n } from '../../i18n/i18n';
import { actionLabel, reasonText, resourceLabel, roleLabel, ShortId, shortId } from './labels';

export function patientReportPath(patientId: string): string {
  return `/access-log/patient/${encodeURIComponent(patientId)}`;
}

/** Who did it: the person's name when the user is known, and the user name as recorded. */
export function UserCell({
  userId,
  username,
  users,
}: {
  userId: string | null;
  username: string | null;
  users: ReadonlyMap<string, UserSummary>;
}) {
  const i18n = useI18n();
  if (!userId && !username) {
    return (
      <Typography component="span" variant="body2" color="text.secondary">
        {i18n.t('audit.noUser')}
      </Typography>
    );
  }
  const user = userId ? users.get(userId) : undefined;
  return (
    <>
      {user ? <span style={{ whiteSpace: 'nowrap' }}>{user.displayName}</span> : null}
      {username ? (
        <Typography
          component="span"
          variant="caption"
          color="text.secondary"
          sx={{ display: 'block' }}
        >
          <span className="ltr">{username}</span>
        </Typography>
      ) : null}
    </>
  );
}

/** Access-log entries, newest first, as an accessible table. */
export function EntriesTable({
  entries,
  users,
  label,
  showPatient = true,
}: {
  entries: readonly AccessEntry[];
  users: ReadonlyMap<string, UserSummary>;
  label: string;
  showPatient?: boolean;
}) {
  const i18n = useI18n();
  return (
    <TableContainer>
      <Table
        size="small"
        aria-label={label}
        sx={{ '& th, & td': { px: 1 }, '& td': { verticalAlign: 'top' } }}
      >
        <TableHead>
          <TableRow>
            <TableCell>{i18n.t('audit.col.time')}</TableCell>
            <TableCell>{i18n.t('audit.col.user')}</TableCell>
            <TableCell>{i18n.t('audit.col.role')}</TableCell>
            <TableCell>{i18n.t('audit.col.action')}</TableCell>
            <TableCell>{i18n.t('audit.col.resource')}</TableCell>
            <TableCell>{i18n.t('audit.col.resourceId')}</TableCell>
            {showPatient ? <TableCell>{i18n.t('audit.col.patient')}</TableCell> : null}
            <TableCell>{i18n.t('audit.col.result')}</TableCell>
            <TableCell>{i18n.t('audit.col.workstation')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {entries.map((entry) => {
            const reason = entry.reason ? reasonText(i18n, entry.reason) : null;
            return (
              <TableRow key={entry.seq} hover>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{i18n.dateTime(entry.at)}</TableCell>
                <TableCell>
                  <UserCell userId={entry.userId} username={entry.username} users={users} />
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{roleLabel(i18n, entry.role)}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {actionLabel(i18n, entry.action)}
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {resourceLabel(i18n, entry.resourceType)}
                </TableCell>
                <TableCell>
                  {entry.resourceId ? <ShortId id={entry.resourceId} /> : i18n.t('common.none')}
                </TableCell>
                {showPatient ? (
                  <TableCell>
                    {entry.patientId ? (
                      <Link
                        component={RouterLink}
                        to={patientReportPath(entry.patientId)}
                        className="ltr"
                        title={entry.patientId}
                        aria-label={`${shortId(entry.patientId)} — ${i18n.t('audit.openPatientReport')}`}
                      >
                        {shortId(entry.patientId)}
                      </Link>
                    ) : (
                      i18n.t('common.none')
                    )}
                  </TableCell>
                ) : null}
                <TableCell sx={{ maxWidth: 220 }}>
                  <Chip
                    size="small"
                    variant="outlined"
                    color={entry.granted ? 'success' : 'error'}
                    label={i18n.t(entry.granted ? 'audit.granted' : 'audit.denied')}
                  />
                  {reason ? (
                    <Typography
                      component="span"
                      variant="caption"
                      color="text.secondary"
                      sx={{ display: 'block', mt: 0.25 }}
                    >
                      {reason.known ? reason.text : <span className="ltr">{reason.text}</span>}
                    </Typography>
                  ) : null}
                </TableCell>
                <TableCell>
                  <ShortId id={entry.workstationId} />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

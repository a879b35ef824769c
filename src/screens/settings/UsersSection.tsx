import Alert from '@mui/material/Alert';
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
import PersonAdd from '@mui/icons-material/PersonAdd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { UserSummary } from '../../../electron/shared/accounts';
import { useClient } from '../../api/client';
import { calendarKeys } from '../calendar/model';
import { SESSION_QUERY, useSignedIn } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Empty, QueryState } from '../../components/QueryState';
import { useI18n } from '../../i18n/i18n';
import { AddUserDialog, EditUserDialog } from './UserDialogs';

/** The users of the clinic, shared with the access log's user filter. */
export const USERS_QUERY = ['users'] as const;

/** A lockout still in force (a past `lockedUntil` is only history). */
export function lockedNow(user: UserSummary, now = Date.now()): boolean {
  return user.lockedUntil !== null && Date.parse(user.lockedUntil) > now;
}

export function UsersSection() {
  const client = useClient();
  const i18n = useI18n();
  const session = useSignedIn();
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: USERS_QUERY, queryFn: () => client.users.list() });
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<UserSummary | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: USERS_QUERY });
    // A new, renamed or disabled doctor changes every calendar's columns.
    void queryClient.invalidateQueries({ queryKey: calendarKeys.all });
  };
  const unlock = useMutation({
    mutationFn: (user: UserSummary) => client.users.unlock({ id: user.id }),
    onMutate: () => setNotice(null),
    onSuccess: (_done, user) => {
      setNotice(i18n.t('settings.users.unlocked', { name: user.displayName }));
      refresh();
    },
  });
  const now = Date.now();

  return (
    <Stack spacing={2} component="section" aria-labelledby="settings-users-title">
      <Box
        sx={{
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          gap: 2,
          flexWrap: 'wrap',
        }}
      >
        <Typography variant="h6" component="h2" id="settings-users-title">
          {i18n.t('settings.users.title')}
        </Typography>
        <Button
          variant="contained"
          startIcon={<PersonAdd />}
          onClick={() => {
            setNotice(null);
            setAdding(true);
          }}
        >
          {i18n.t('settings.users.add')}
        </Button>
      </Box>
      <Typography color="text.secondary">{i18n.t('settings.users.intro')}</Typography>
      {notice ? (
        <Alert severity="success" role="status" onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      ) : null}
      {unlock.error ? <ErrorAlert error={unlock.error} /> : null}
      <QueryState query={users}>
        {(list) =>
          list.length === 0 ? (
            <Empty title={i18n.t('settings.users.empty')} />
          ) : (
            <TableContainer>
              <Table size="small" aria-label={i18n.t('settings.users.table')}>
                <TableHead>
                  <TableRow>
                    <TableCell>{i18n.t('settings.users.col.displayName')}</TableCell>
                    <TableCell>{i18n.t('settings.users.col.username')}</TableCell>
                    <TableCell>{i18n.t('settings.users.col.role')}</TableCell>
                    <TableCell>{i18n.t('settings.users.col.specialty')}</TableCell>
                    <TableCell>{i18n.t('settings.users.col.status')}</TableCell>
                    <TableCell>{i18n.t('settings.users.col.lockedUntil')}</TableCell>
                    <TableCell>{i18n.t('settings.users.col.actions')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {list.map((user) => {
                    const locked = lockedNow(user, now);
                    const self = user.id === session.user.id;
                    return (
                      <TableRow key={user.id} hover>
                        <TableCell component="th" scope="row">
                          {user.displayName}
                          {self ? (
                            <Typography component="span" color="text.secondary" sx={{ mx: 0.5 }}>
                              {i18n.t('settings.users.you')}
                            </Typography>
                          ) : null}
                        </TableCell>
                        <TableCell>
                          <span className="ltr">{user.username}</span>
                        </TableCell>
                        <TableCell>{i18n.t(`role.${user.role}`)}</TableCell>
                        <TableCell>{user.specialty ?? i18n.t('common.none')}</TableCell>
                        <TableCell>
                          <Chip
                            size="small"
                            variant="outlined"
                            color={user.isActive ? 'success' : 'default'}
                            label={i18n.t(
                              user.isActive ? 'settings.users.active' : 'settings.users.inactive',
                            )}
                          />
                        </TableCell>
                        <TableCell sx={{ whiteSpace: 'nowrap' }}>
                          {locked && user.lockedUntil
                            ? i18n.dateTime(user.lockedUntil)
                            : i18n.t('common.none')}
                        </TableCell>
                        <TableCell sx={{ whiteSpace: 'nowrap' }}>
                          <Button
                            size="small"
                            aria-label={i18n.t('settings.users.editLabel', {
                              name: user.displayName,
                            })}
                            onClick={() => {
                              setNotice(null);
                              setEditing(user);
                            }}
                          >
                            {i18n.t('common.edit')}
                          </Button>
                          {locked ? (
                            <Button
                              size="small"
                              color="warning"
                              aria-label={i18n.t('settings.users.unlockLabel', {
                                name: user.displayName,
                              })}
                              disabled={unlock.isPending && unlock.variables.id === user.id}
                              onClick={() => unlock.mutate(user)}
                            >
                              {i18n.t('settings.users.unlock')}
                            </Button>
                          ) : null}
                        </TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            </TableContainer>
          )
        }
      </QueryState>
      <AddUserDialog
        open={adding}
        onClose={() => setAdding(false)}
        onCreated={(user) => {
          setAdding(false);
          setNotice(i18n.t('settings.users.created', { name: user.displayName }));
          refresh();
        }}
      />
      <EditUserDialog
        user={editing}
        self={editing?.id === session.user.id}
        onClose={() => setEditing(null)}
        onSaved={(user) => {
          setEditing(null);
          setNotice(i18n.t('settings.users.updated', { name: user.displayName }));
          refresh();
          if (user.id === session.user.id) {
            void queryClient.invalidateQueries({ queryKey: SESSION_QUERY });
          }
        }}
      />
    </Stack>
  );
}

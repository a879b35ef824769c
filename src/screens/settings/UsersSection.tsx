import Button from '@mui/material/Button';
import TableCell from '@mui/material/TableCell';
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
import { useI18n } from '../../i18n/i18n';
import { AddUserDialog, EditUserDialog } from './UserDialogs';
import { ActiveChip, SettingsSection, SettingsTable } from './SettingsTable';

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
    <SettingsSection
      id="users"
      title={i18n.t('settings.users.title')}
      intro={i18n.t('settings.users.intro')}
      action={{
        label: i18n.t('settings.users.add'),
        icon: <PersonAdd />,
        onClick: () => {
          setNotice(null);
          setAdding(true);
        },
      }}
      notice={notice}
      onNoticeClose={() => setNotice(null)}
    >
      {unlock.error ? <ErrorAlert error={unlock.error} /> : null}
      <SettingsTable
        query={users}
        label={i18n.t('settings.users.table')}
        empty={i18n.t('settings.users.empty')}
        columns={[
          i18n.t('settings.users.col.displayName'),
          i18n.t('settings.users.col.username'),
          i18n.t('settings.users.col.role'),
          i18n.t('settings.users.col.specialty'),
          i18n.t('settings.users.col.status'),
          i18n.t('settings.users.col.lockedUntil'),
          i18n.t('settings.users.col.actions'),
        ]}
        row={(user) => {
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
                <ActiveChip
                  active={user.isActive}
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
                  aria-label={i18n.t('settings.users.editLabel', { name: user.displayName })}
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
                    aria-label={i18n.t('settings.users.unlockLabel', { name: user.displayName })}
                    disabled={unlock.isPending && unlock.variables.id === user.id}
                    onClick={() => unlock.mutate(user)}
                  >
                    {i18n.t('settings.users.unlock')}
                  </Button>
                ) : null}
              </TableCell>
            </TableRow>
          );
        }}
      />
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
    </SettingsSection>
  );
}

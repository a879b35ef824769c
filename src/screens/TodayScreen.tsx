import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useClient } from '../api/client';
import { PageHeader } from '../components/PageHeader';
import { QueryState } from '../components/QueryState';
import { useI18n } from '../i18n/i18n';
import { useSignedIn } from '../app/session';

export function TodayScreen() {
  const client = useClient();
  const i18n = useI18n();
  const session = useSignedIn();
  const clinic = useQuery({ queryKey: ['clinic'], queryFn: () => client.clinic.profile() });
  const today = new Date().toISOString().slice(0, 10);
  return (
    <>
      <PageHeader title={i18n.t('today.title')} />
      <QueryState query={clinic}>
        {(profile) => (
          <Paper sx={{ p: 3 }}>
            <Typography variant="h6" component="p">
              {profile.name}
            </Typography>
            <Typography color="text.secondary">{session.user.displayName}</Typography>
            <Typography sx={{ mt: 2 }}>
              {i18n.t('today.date', { date: i18n.date(today) })}
            </Typography>
          </Paper>
        )}
      </QueryState>
    </>
  );
}

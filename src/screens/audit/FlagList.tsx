import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import type { SuspiciousFlag } from '../../../electron/shared/access';
import type { UserSummary } from '../../../electron/shared/accounts';
import { settingDefinitions, type SettingsSnapshot } from '../../../electron/shared/settings';
import { useClient } from '../../api/client';
import { useI18n, type I18n } from '../../i18n/i18n';
import { SETTINGS_QUERY } from '../settings/SecuritySection';
import { UserCell } from './EntriesTable';

/** The thresholds in force when the flags were computed (the defaults until they are read). */
function useThresholds(): Pick<
  SettingsSnapshot,
  'audit.afterHours' | 'audit.rapidAccess' | 'audit.bulkExport'
> {
  const client = useClient();
  const settings = useQuery({ queryKey: SETTINGS_QUERY, queryFn: () => client.settings.get() });
  return {
    'audit.afterHours':
      settings.data?.['audit.afterHours'] ?? settingDefinitions['audit.afterHours'].default,
    'audit.rapidAccess':
      settings.data?.['audit.rapidAccess'] ?? settingDefinitions['audit.rapidAccess'].default,
    'audit.bulkExport':
      settings.data?.['audit.bulkExport'] ?? settingDefinitions['audit.bulkExport'].default,
  };
}

function explanation(
  i18n: I18n,
  flag: SuspiciousFlag,
  thresholds: ReturnType<typeof useThresholds>,
): string {
  switch (flag.kind) {
    case 'after_hours_access':
      return i18n.t('audit.flagExplain.after_hours_access', {
        count: flag.count,
        start: thresholds['audit.afterHours'].startHour,
        end: thresholds['audit.afterHours'].endHour,
      });
    case 'rapid_access':
      return i18n.t('audit.flagExplain.rapid_access', {
        count: flag.count,
        patients: thresholds['audit.rapidAccess'].patients,
        window: thresholds['audit.rapidAccess'].windowMinutes,
      });
    case 'bulk_export':
      return i18n.t('audit.flagExplain.bulk_export', {
        count: flag.count,
        actions: thresholds['audit.bulkExport'].actions,
        window: thresholds['audit.bulkExport'].windowMinutes,
      });
  }
}

/** Suspicious patterns, each with what it means, who, how many and when. */
export function FlagList({
  flags,
  users,
  headingLevel,
}: {
  flags: readonly SuspiciousFlag[];
  users: ReadonlyMap<string, UserSummary>;
  /** The level of each flag's title under the section's own heading. */
  headingLevel: 'h3' | 'h4';
}) {
  const i18n = useI18n();
  const thresholds = useThresholds();
  return (
    <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 1.5 }}>
      {flags.map((flag) => (
        <li key={`${flag.kind}-${flag.userId ?? ''}-${flag.seqs[0] ?? flag.firstAt}`}>
          <Alert severity="warning" variant="outlined" sx={{ bgcolor: 'background.paper' }}>
            <AlertTitle component={headingLevel} sx={{ fontSize: '1rem', fontWeight: 700 }}>
              {i18n.t(`audit.flag.${flag.kind}`)}
            </AlertTitle>
            <Typography variant="body2" sx={{ mb: 1 }}>
              {explanation(i18n, flag, thresholds)}
            </Typography>
            <Box
              component="dl"
              sx={{
                display: 'grid',
                gridTemplateColumns: 'max-content 1fr',
                columnGap: 2,
                rowGap: 0.5,
                m: 0,
                '& dt': { color: 'text.secondary' },
                '& dd': { m: 0 },
              }}
            >
              <Typography component="dt" variant="body2">
                {i18n.t('audit.flag.user')}
              </Typography>
              <Typography component="dd" variant="body2">
                <UserCell userId={flag.userId} username={flag.username} users={users} />
              </Typography>
              <Typography component="dt" variant="body2">
                {i18n.t('audit.flag.period')}
              </Typography>
              <Typography component="dd" variant="body2">
                {i18n.t('audit.flag.range', { from: flag.firstAt, to: flag.lastAt })}
              </Typography>
              <Typography component="dt" variant="body2">
                {i18n.t('audit.flag.entries')}
              </Typography>
              <Typography component="dd" variant="body2">
                {i18n.digits(flag.seqs.length)}
              </Typography>
            </Box>
          </Alert>
        </li>
      ))}
    </Box>
  );
}

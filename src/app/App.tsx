import { CacheProvider } from '@emotion/react';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { HashRouter, Navigate, Route, Routes } from 'react-router';
import { useClient } from '../api/client';
import { JalaliLocalization } from '../components/JalaliDates';
import { Loading } from '../components/QueryState';
import { I18nProvider, useI18nFor } from '../i18n/i18n';
import { AccessLogScreen } from '../screens/audit/AccessLogScreen';
import { LaterScreen } from '../screens/LaterScreen';
import { patientRoutes } from '../screens/patients/routes';
import { SettingsScreen } from '../screens/settings/SettingsScreen';
import { CalendarScreen } from '../screens/calendar/CalendarScreen';
import { ConsultationScreen } from '../screens/recording/ConsultationScreen';
import { RecordingOverlay } from '../screens/recording/RecordingOverlay';
import { ReportScreen } from '../screens/report/ReportScreen';
import { TodayScreen } from '../screens/today/TodayScreen';
import { Layout } from './Layout';
import { SessionGate } from './SessionGate';
import { PREFS_QUERY } from './session';
import { appTheme, emotionCache } from './theme';

/**
 * Language first: the workstation's language decides the direction (Persian right-to-left), the
 * theme, the date pickers' calendar (Jalali, week from Saturday) and every text.
 */
export function App() {
  const client = useClient();
  const prefs = useQuery({ queryKey: PREFS_QUERY, queryFn: () => client.prefs.get() });
  const language = prefs.data?.language ?? 'fa';
  const i18n = useI18nFor(language);
  const theme = useMemo(() => appTheme(language), [language]);
  useEffect(() => {
    document.documentElement.lang = language;
    document.documentElement.dir = i18n.dir;
    document.title = i18n.t('app.name');
  }, [language, i18n]);
  return (
    <CacheProvider value={emotionCache(i18n.dir)}>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        <I18nProvider i18n={i18n}>
          <JalaliLocalization>
            {prefs.isPending ? (
              <Loading />
            ) : (
              <HashRouter>
                <SessionGate>
                  <Routes>
                    <Route element={<Layout />}>
                      <Route index element={<Navigate to="/today" replace />} />
                      <Route path="today" element={<TodayScreen />} />
                      <Route path="calendar" element={<CalendarScreen />} />
                      {patientRoutes}
                      <Route path="visits" element={<LaterScreen section="nav.visits" />} />
                      <Route path="visits/:visitId/consultation" element={<ConsultationScreen />} />
                      <Route path="visits/:visitId/report" element={<ReportScreen />} />
                      <Route path="reports" element={<LaterScreen section="nav.reports" />} />
                      <Route path="sync" element={<LaterScreen section="nav.sync" />} />
                      <Route path="settings/*" element={<SettingsScreen />} />
                      <Route path="access-log/*" element={<AccessLogScreen />} />
                      <Route path="*" element={<Navigate to="/today" replace />} />
                    </Route>
                  </Routes>
                </SessionGate>
                <RecordingOverlay />
              </HashRouter>
            )}
          </JalaliLocalization>
        </I18nProvider>
      </ThemeProvider>
    </CacheProvider>
  );
}

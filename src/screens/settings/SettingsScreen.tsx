import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useCan } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/i18n';
import { ChecklistSection } from './ChecklistSection';
import { ExceptionsSection } from './ExceptionsSection';
import { HoursSection } from './HoursSection';
import { LanguageSection } from './LanguageSection';
import { ModelsSection } from './ModelsSection';
import { NotAllowed } from './NotAllowed';
import { SectionTabs, sectionOf, type Section } from './SectionTabs';
import { SecuritySection } from './SecuritySection';
import { TemplatesSection } from './TemplatesSection';
import { TranscriptionSection } from './TranscriptionSection';
import { UsersSection } from './UsersSection';
import { VisitTypesSection } from './VisitTypesSection';

const BASE = '/settings';

/**
 * Settings: the workstation's language and the speech models for everyone; users, the clinic's
 * security settings, doctors' hours, exceptions, visit types and transcription for
 * administrators. Each section has its own address (/settings/language, /users, /security,
 * /hours, /exceptions, /visit-types, /transcription, /models).
 */
export function SettingsScreen() {
  const i18n = useI18n();
  const { pathname } = useLocation();
  const canManageUsers = useCan('user.manage');
  const canUpdateSettings = useCan('settings.update');
  const canManageSchedule = useCan('schedule.manage');
  const canManageVisitTypes = useCan('visit_type.manage');
  const canManageChecklist = useCan('checklist.manage');
  const sections: Section[] = [
    { segment: 'language', label: i18n.t('settings.section.language') },
    ...(canManageUsers ? [{ segment: 'users', label: i18n.t('settings.section.users') }] : []),
    ...(canUpdateSettings
      ? [{ segment: 'security', label: i18n.t('settings.section.security') }]
      : []),
    ...(canManageSchedule
      ? [
          { segment: 'hours', label: i18n.t('settings.section.hours') },
          { segment: 'exceptions', label: i18n.t('settings.section.exceptions') },
        ]
      : []),
    ...(canManageVisitTypes
      ? [{ segment: 'visit-types', label: i18n.t('settings.section.visitTypes') }]
      : []),
    ...(canUpdateSettings
      ? [{ segment: 'transcription', label: i18n.t('speech.section.transcription') }]
      : []),
    { segment: 'models', label: i18n.t('speech.section.models') },
    ...(canManageChecklist
      ? [
          { segment: 'checklist', label: i18n.t('settings.section.checklist') },
          { segment: 'templates', label: i18n.t('settings.section.templates') },
        ]
      : []),
  ];
  const current = sectionOf(pathname, BASE);
  const notAllowed = (
    <NotAllowed
      title={i18n.t('settings.notAllowed.title')}
      body={i18n.t('settings.notAllowed.body')}
    />
  );
  return (
    <>
      <PageHeader title={i18n.t('settings.title')} />
      <Paper sx={{ display: 'flex', alignItems: 'stretch', minHeight: 320 }}>
        <SectionTabs
          base={BASE}
          sections={sections}
          current={current}
          label={i18n.t('settings.sections')}
          idPrefix="settings"
          orientation="vertical"
        />
        <Box
          role="tabpanel"
          id="settings-panel"
          aria-labelledby={current ? `settings-tab-${current}` : undefined}
          sx={{ flexGrow: 1, minWidth: 0, p: 3 }}
        >
          <Routes>
            <Route index element={<Navigate to={`${BASE}/language`} replace />} />
            <Route path="language" element={<LanguageSection />} />
            <Route path="users" element={canManageUsers ? <UsersSection /> : notAllowed} />
            <Route path="security" element={canUpdateSettings ? <SecuritySection /> : notAllowed} />
            <Route path="hours" element={canManageSchedule ? <HoursSection /> : notAllowed} />
            <Route
              path="exceptions"
              element={canManageSchedule ? <ExceptionsSection /> : notAllowed}
            />
            <Route
              path="visit-types"
              element={canManageVisitTypes ? <VisitTypesSection /> : notAllowed}
            />
            <Route
              path="transcription"
              element={canUpdateSettings ? <TranscriptionSection /> : notAllowed}
            />
            <Route path="models" element={<ModelsSection />} />
            <Route
              path="checklist"
              element={canManageChecklist ? <ChecklistSection /> : notAllowed}
            />
            <Route
              path="templates"
              element={canManageChecklist ? <TemplatesSection /> : notAllowed}
            />
            <Route path="*" element={<Navigate to={`${BASE}/language`} replace />} />
          </Routes>
        </Box>
      </Paper>
    </>
  );
}

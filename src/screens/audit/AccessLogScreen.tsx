import Box from '@mui/material/Box';
import { useState } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useCan } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/i18n';
import { NotAllowed } from '../settings/NotAllowed';
import { SectionTabs, sectionOf, type Section } from '../settings/SectionTabs';
import { LogTab, NO_FILTERS, type LogFilters } from './LogTab';
import { PatientReportTab } from './PatientReportTab';
import { SuspiciousTab } from './SuspiciousTab';
import { VerifyTab } from './VerifyTab';

const BASE = '/access-log';

/**
 * The access log for administrators: the entries with filters, one patient's report, the
 * suspicious activity of a period and the check of the hash chain, each at its own address
 * (/access-log/log, /patient/<id>, /suspicious, /verify).
 */
export function AccessLogScreen() {
  const i18n = useI18n();
  const { pathname } = useLocation();
  const canView = useCan('access_log.view');
  const canVerify = useCan('access_log.verify');
  // Kept here so the filters survive a visit to another section (e.g. a patient's report).
  const [filters, setFilters] = useState<LogFilters>(NO_FILTERS);
  const notAllowed = (
    <NotAllowed title={i18n.t('audit.notAllowed.title')} body={i18n.t('audit.notAllowed.body')} />
  );
  if (!canView) {
    return (
      <>
        <PageHeader title={i18n.t('audit.title')} />
        {notAllowed}
      </>
    );
  }
  const sections: Section[] = [
    { segment: 'log', label: i18n.t('audit.tab.log') },
    { segment: 'patient', label: i18n.t('audit.tab.patient') },
    { segment: 'suspicious', label: i18n.t('audit.tab.suspicious') },
    ...(canVerify ? [{ segment: 'verify', label: i18n.t('audit.tab.verify') }] : []),
  ];
  const current = sectionOf(pathname, BASE);
  return (
    <>
      <PageHeader title={i18n.t('audit.title')} />
      <SectionTabs
        base={BASE}
        sections={sections}
        current={current}
        label={i18n.t('audit.sections')}
        idPrefix="audit"
      />
      <Box
        role="tabpanel"
        id="audit-panel"
        aria-labelledby={current ? `audit-tab-${current}` : undefined}
      >
        <Routes>
          <Route index element={<Navigate to={`${BASE}/log`} replace />} />
          <Route path="log" element={<LogTab applied={filters} onApply={setFilters} />} />
          <Route path="patient" element={<PatientReportTab />} />
          <Route path="patient/:patientId" element={<PatientReportTab />} />
          <Route path="suspicious" element={<SuspiciousTab />} />
          <Route path="verify" element={canVerify ? <VerifyTab /> : notAllowed} />
          <Route path="*" element={<Navigate to={`${BASE}/log`} replace />} />
        </Routes>
      </Box>
    </>
  );
}

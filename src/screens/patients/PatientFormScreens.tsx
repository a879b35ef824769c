import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useParams } from 'react-router';
import { useClient } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useI18n } from '../../i18n/i18n';
import { fullName, patientKeys } from './format';
import { PatientForm } from './PatientForm';

/** A form opens at its top, wherever the previous screen was scrolled to. */
function useScrollToTop() {
  useEffect(() => {
    window.scrollTo(0, 0);
  }, []);
}

export function NewPatientScreen() {
  const i18n = useI18n();
  useScrollToTop();
  return (
    <>
      <PageHeader title={i18n.t('patients.new.title')} />
      <PatientForm />
    </>
  );
}

export function EditPatientScreen() {
  const { id = '' } = useParams();
  const client = useClient();
  const i18n = useI18n();
  useScrollToTop();
  const patient = useQuery({
    queryKey: patientKeys.patient(id),
    queryFn: () => client.patients.get({ id }),
    // The form starts from what the core has now, not from a copy cached a while ago.
    refetchOnMount: 'always',
  });
  return (
    <>
      <PageHeader
        title={
          patient.data
            ? i18n.t('patients.edit.title', { name: fullName(patient.data) })
            : i18n.t('common.edit')
        }
      />
      <QueryState query={patient}>
        {(data) => <PatientForm key={data.id} patient={data} />}
      </QueryState>
    </>
  );
}

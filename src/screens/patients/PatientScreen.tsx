import ArrowBack from '@mui/icons-material/ArrowBack';
import ArrowForward from '@mui/icons-material/ArrowForward';
import Delete from '@mui/icons-material/Delete';
import Edit from '@mui/icons-material/Edit';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link as RouterLink, useLocation, useNavigate, useParams } from 'react-router';
import type { Patient } from '../../../electron/shared/patients/patient';
import { useClient } from '../../api/client';
import { useCan } from '../../app/session';
import { ErrorAlert, shapeOf } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { Loading } from '../../components/QueryState';
import { useI18n } from '../../i18n/i18n';
import { ageText, fullName, isolateLtr, latinName, patientKeys, safeDate } from './format';
import { Digits } from './parts';
import { searchPath } from './searchMemory';
import type { SearchNotice } from './PatientSearchScreen';
import { VisitHistory } from './VisitHistory';

/** What the form may say when it brings the user here. */
export interface PatientNotice {
  notice?: 'created' | 'updated' | 'unchanged';
}

export function PatientScreen() {
  const { id = '' } = useParams();
  const client = useClient();
  const i18n = useI18n();
  const patient = useQuery({
    queryKey: patientKeys.patient(id),
    queryFn: () => client.patients.get({ id }),
  });
  if (patient.data) return <PatientView key={patient.data.id} patient={patient.data} />;
  return (
    <>
      <BackLink />
      <PageHeader title={i18n.t('patients.title')} />
      {patient.isPending ? (
        <Loading />
      ) : (
        <ErrorAlert
          error={patient.error}
          onRetry={
            shapeOf(patient.error).code === 'not_found' ? undefined : () => void patient.refetch()
          }
        />
      )}
    </>
  );
}

function BackLink() {
  const i18n = useI18n();
  return (
    <Button
      component={RouterLink}
      to={searchPath()}
      size="small"
      startIcon={i18n.dir === 'rtl' ? <ArrowForward /> : <ArrowBack />}
      sx={{ mb: 1 }}
    >
      {i18n.t('patients.backToSearch')}
    </Button>
  );
}

/** Label and value pairs, as a description list. */
function Facts({ items }: { items: readonly (readonly [string, ReactNode])[] }) {
  return (
    <Box
      component="dl"
      sx={{
        display: 'grid',
        gridTemplateColumns: { xs: '1fr', sm: 'max-content 1fr' },
        columnGap: 3,
        rowGap: 1,
        m: 0,
        '& dt': { color: 'text.secondary' },
        '& dd': { m: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
      }}
    >
      {items.map(([label, value]) => (
        <Box key={label} sx={{ display: 'contents' }}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </Box>
      ))}
    </Box>
  );
}

function PatientView({ patient }: { patient: Patient }) {
  const i18n = useI18n();
  const location = useLocation();
  const canUpdate = useCan('patient.update');
  const canDelete = useCan('patient.delete');
  const [notice, setNotice] = useState((location.state as PatientNotice | null)?.notice);
  const [confirming, setConfirming] = useState(false);
  const headerRef = useRef<HTMLDivElement>(null);
  const none = i18n.t('patients.notRecorded');
  const latin = latinName(patient);
  const age = patient.birthDate ? ageText(i18n, patient.birthDate) : null;

  // Opening a patient from the keyboard leaves the focus nowhere; put it on the page's heading
  // so the next Tab reaches this page's actions, and a screen reader reads the name.
  useEffect(() => {
    window.scrollTo(0, 0);
    if (document.activeElement && document.activeElement !== document.body) return;
    const heading = headerRef.current?.querySelector('h1');
    if (!heading) return;
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  }, []);

  return (
    <>
      <BackLink />
      <Box ref={headerRef} sx={{ '& h1:focus': { outline: 'none' } }}>
        <PageHeader
          title={fullName(patient)}
          actions={
            <>
              {canUpdate ? (
                <Button
                  variant="contained"
                  component={RouterLink}
                  to={`/patients/${patient.id}/edit`}
                  startIcon={<Edit />}
                >
                  {i18n.t('common.edit')}
                </Button>
              ) : null}
              {canDelete ? (
                <Button
                  variant="outlined"
                  color="error"
                  startIcon={<Delete />}
                  onClick={() => setConfirming(true)}
                >
                  {i18n.t('common.delete')}
                </Button>
              ) : null}
            </>
          }
        />
      </Box>
      {notice ? (
        <Alert
          severity={notice === 'unchanged' ? 'info' : 'success'}
          sx={{ mb: 2 }}
          onClose={() => setNotice(undefined)}
        >
          {i18n.t(`patients.${notice}`)}
        </Alert>
      ) : null}
      <Stack spacing={3}>
        <Paper variant="outlined" component="section" aria-labelledby="patient-details-heading">
          <Box sx={{ p: 2 }}>
            <Typography id="patient-details-heading" variant="h6" component="h2" sx={{ mb: 1 }}>
              {i18n.t('patients.demographics')}
            </Typography>
            <Facts
              items={[
                [i18n.t('patients.field.mrn'), <Digits value={patient.mrn} />],
                [
                  i18n.t('patients.field.nationalId'),
                  patient.nationalId ? <Digits value={patient.nationalId} /> : none,
                ],
                [
                  i18n.t('patients.field.birthDate'),
                  patient.birthDate ? (
                    <>
                      <span className="ltr">{safeDate(i18n, patient.birthDate)}</span>
                      {age ? ` (${i18n.t('patients.field.age')}: ${age})` : null}
                    </>
                  ) : (
                    none
                  ),
                ],
                [i18n.t('patients.field.sex'), patient.sex ? i18n.t(`sex.${patient.sex}`) : none],
                [i18n.t('patients.field.fatherName'), patient.fatherName ?? none],
                [
                  i18n.t('patients.field.latinName'),
                  latin ? (
                    <span dir="ltr" className="ltr">
                      {latin}
                    </span>
                  ) : (
                    none
                  ),
                ],
                [
                  i18n.t('patients.field.phone'),
                  patient.phone ? <Digits value={patient.phone} /> : none,
                ],
                [i18n.t('patients.field.address'), patient.address ?? none],
                [i18n.t('patients.field.createdAt'), i18n.dateTime(patient.createdAt)],
              ]}
            />
          </Box>
        </Paper>
        {patient.clinical ? (
          <Paper variant="outlined" component="section" aria-labelledby="patient-clinical-heading">
            <Box sx={{ p: 2 }}>
              <Typography id="patient-clinical-heading" variant="h6" component="h2" sx={{ mb: 1 }}>
                {i18n.t('patients.section.clinical')}
              </Typography>
              <Facts
                items={[
                  [
                    i18n.t('patients.field.allergies'),
                    patient.clinical.allergies ? (
                      <Box component="span" sx={{ color: 'error.main', fontWeight: 600 }}>
                        {patient.clinical.allergies}
                      </Box>
                    ) : (
                      none
                    ),
                  ],
                  [i18n.t('patients.field.notes'), patient.clinical.notes || none],
                ]}
              />
            </Box>
          </Paper>
        ) : null}
        <VisitHistory patientId={patient.id} />
      </Stack>
      {canDelete ? (
        <DeleteDialog patient={patient} open={confirming} onClose={() => setConfirming(false)} />
      ) : null}
    </>
  );
}

function DeleteDialog({
  patient,
  open,
  onClose,
}: {
  patient: Patient;
  open: boolean;
  onClose: () => void;
}) {
  const client = useClient();
  const i18n = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => client.patients.remove({ id: patient.id }),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: patientKeys.patient(patient.id) });
      await queryClient.invalidateQueries({ queryKey: patientKeys.searches });
      const state: SearchNotice = { notice: 'deleted' };
      await navigate(searchPath(), { replace: true, state });
    },
  });
  const close = () => {
    if (remove.isPending) return;
    remove.reset();
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      aria-labelledby="delete-patient-title"
      aria-describedby="delete-patient-body"
    >
      <DialogTitle id="delete-patient-title">{i18n.t('patients.delete.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText id="delete-patient-body">
          {i18n.t('patients.delete.body', {
            name: fullName(patient),
            mrn: isolateLtr(patient.mrn),
          })}
        </DialogContentText>
        {remove.error ? (
          <Box sx={{ mt: 2 }}>
            <ErrorAlert error={remove.error} />
          </Box>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={close} autoFocus disabled={remove.isPending}>
          {i18n.t('common.cancel')}
        </Button>
        <Button
          color="error"
          variant="contained"
          onClick={() => remove.mutate()}
          disabled={remove.isPending}
        >
          {i18n.t('patients.delete.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

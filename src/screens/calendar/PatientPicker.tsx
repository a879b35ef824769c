import PersonAdd from '@mui/icons-material/PersonAdd';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { PatientListItem } from '../../../electron/shared/patients/patient';
import { useClient } from '../../api/client';
import { useCan } from '../../app/session';
import { shapeOf } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';
import { fullName, isolateLtr, patientKeys } from '../patients/format';

const DEBOUNCE_MS = 250;
const MIN_CHARACTERS = 3;

function useDebounced(value: string): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [value]);
  return debounced;
}

const EMPTY_NEW = { firstName: '', lastName: '', phone: '', nationalId: '' };

/**
 * Choose the patient of a booking: search as you type (name, phone, national ID or file number,
 * in either digits), or register a new patient in place with the few fields reception has.
 */
export function PatientPicker({
  value,
  onChange,
  error,
  autoFocus,
}: {
  value: PatientListItem | null;
  onChange: (patient: PatientListItem | null) => void;
  error?: string | undefined;
  autoFocus?: boolean;
}) {
  const client = useClient();
  const i18n = useI18n();
  const canCreate = useCan('patient.create');
  const [input, setInput] = useState(value ? fullName(value) : '');
  const [creating, setCreating] = useState(false);
  const [draft, setDraft] = useState(EMPTY_NEW);
  const query = useDebounced(input.trim());
  const searching = query.length >= MIN_CHARACTERS && (!value || input !== fullName(value));
  const results = useQuery({
    queryKey: patientKeys.search(query),
    queryFn: () => client.patients.search({ query, limit: 10 }),
    enabled: searching,
    placeholderData: keepPreviousData,
  });
  const create = useMutation({
    mutationFn: () =>
      client.patients.create({
        firstName: draft.firstName,
        lastName: draft.lastName,
        ...(draft.phone.trim() ? { phone: draft.phone } : {}),
        ...(draft.nationalId.trim() ? { nationalId: draft.nationalId } : {}),
      }),
    onSuccess: (patient) => {
      onChange(patient);
      setInput(fullName(patient));
      setCreating(false);
      setDraft(EMPTY_NEW);
    },
  });
  const fieldErrors = create.error ? i18n.fieldErrors(shapeOf(create.error)) : {};
  const generalError =
    create.error && Object.keys(fieldErrors).length === 0
      ? i18n.errorText(shapeOf(create.error))
      : null;
  const options = searching ? (results.data?.items ?? []) : value ? [value] : [];
  const set = (name: keyof typeof EMPTY_NEW) => (text: string) =>
    setDraft((current) => ({ ...current, [name]: text }));

  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
        <Autocomplete
          sx={{ flexGrow: 1 }}
          options={options}
          value={value}
          inputValue={input}
          onInputChange={(_event, text) => setInput(text)}
          onChange={(_event, patient) => onChange(patient)}
          filterOptions={(items) => items}
          getOptionLabel={fullName}
          isOptionEqualToValue={(option, chosen) => option.id === chosen.id}
          loading={searching && results.isFetching}
          noOptionsText={
            query.length < MIN_CHARACTERS
              ? i18n.t('calendar.patient.typeMore')
              : i18n.t('calendar.patient.none')
          }
          loadingText={i18n.t('common.loading')}
          renderOption={(props, patient) => {
            const { key, ...rest } = props as typeof props & { key: string };
            return (
              <Box component="li" key={key} {...rest}>
                <Box>
                  <Typography>{fullName(patient)}</Typography>
                  <Typography variant="caption" color="text.secondary">
                    {i18n.t('calendar.patient.option', {
                      mrn: isolateLtr(i18n.digits(patient.mrn)),
                      phone: patient.phone ? isolateLtr(i18n.digits(patient.phone)) : '—',
                    })}
                  </Typography>
                </Box>
              </Box>
            );
          }}
          renderInput={(params) => (
            <TextField
              {...params}
              id="booking-patient"
              label={i18n.t('calendar.patient.label')}
              placeholder={i18n.t('calendar.patient.placeholder')}
              required
              autoFocus={autoFocus}
              error={Boolean(error)}
              helperText={error}
            />
          )}
        />
        {canCreate ? (
          <Button
            startIcon={<PersonAdd />}
            onClick={() => setCreating((open) => !open)}
            aria-expanded={creating}
            sx={{ mt: 1, whiteSpace: 'nowrap' }}
          >
            {i18n.t('calendar.patient.new')}
          </Button>
        ) : null}
      </Stack>
      {creating ? (
        <Paper variant="outlined" sx={{ p: 2 }}>
          <Typography variant="subtitle2" component="h3" sx={{ mb: 1.5 }}>
            {i18n.t('calendar.patient.newTitle')}
          </Typography>
          <Box
            sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, gap: 1.5 }}
          >
            <TextField
              id="new-patient-firstName"
              label={i18n.t('patients.field.firstName')}
              required
              value={draft.firstName}
              onChange={(event) => set('firstName')(event.target.value)}
              error={Boolean(fieldErrors['firstName'])}
              helperText={fieldErrors['firstName']}
            />
            <TextField
              id="new-patient-lastName"
              label={i18n.t('patients.field.lastName')}
              required
              value={draft.lastName}
              onChange={(event) => set('lastName')(event.target.value)}
              error={Boolean(fieldErrors['lastName'])}
              helperText={fieldErrors['lastName']}
            />
            <TextField
              id="new-patient-phone"
              label={i18n.t('patients.field.phone')}
              value={draft.phone}
              onChange={(event) => set('phone')(event.target.value)}
              error={Boolean(fieldErrors['phone'])}
              helperText={fieldErrors['phone']}
              slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'tel' } }}
            />
            <TextField
              id="new-patient-nationalId"
              label={i18n.t('patients.field.nationalId')}
              value={draft.nationalId}
              onChange={(event) => set('nationalId')(event.target.value)}
              error={Boolean(fieldErrors['nationalId'])}
              helperText={fieldErrors['nationalId']}
              slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'numeric' } }}
            />
          </Box>
          {generalError ? (
            <Typography color="error" role="alert" sx={{ mt: 1 }}>
              {generalError}
            </Typography>
          ) : null}
          <Stack direction="row" spacing={1} sx={{ mt: 1.5 }}>
            <Button variant="contained" onClick={() => create.mutate()} loading={create.isPending}>
              {i18n.t('calendar.patient.register')}
            </Button>
            <Button onClick={() => setCreating(false)}>{i18n.t('common.cancel')}</Button>
          </Stack>
        </Paper>
      ) : null}
    </Stack>
  );
}

import Save from '@mui/icons-material/Save';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  useEffect,
  useRef,
  useState,
  type ClipboardEvent,
  type FormEventHandler,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import type { ErrorShape } from '../../../electron/shared/errors';
import type { Patient } from '../../../electron/shared/patients/patient';
import {
  newPatientSchema,
  parseBirthDate,
  sexes,
  type NewPatientInput,
  type PatientUpdateInput,
  type Sex,
} from '../../../electron/shared/patients/patient-input';
import { fieldErrorsOf } from '../../../electron/shared/validation';
import { useClient } from '../../api/client';
import { useCan } from '../../app/session';
import { shapeOf } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';
import type { UiStringKey } from '../../i18n/strings';
import { isoOfPickedDate, patientKeys, pickerDateOf } from './format';
import type { PatientNotice } from './PatientScreen';

const textFields = [
  'firstName',
  'lastName',
  'fatherName',
  'firstNameLatin',
  'lastNameLatin',
  'nationalId',
  'phone',
  'address',
  'allergies',
  'notes',
  'mrn',
] as const;
type TextFieldName = (typeof textFields)[number];
type FieldName = TextFieldName | 'birthDate' | 'sex';

/** The order fields appear in, for putting the focus on the first one with an error. */
const fieldOrder: readonly FieldName[] = [
  'firstName',
  'lastName',
  'fatherName',
  'nationalId',
  'birthDate',
  'sex',
  'firstNameLatin',
  'lastNameLatin',
  'mrn',
  'phone',
  'address',
  'allergies',
  'notes',
];

type Values = Record<TextFieldName, string> & { sex: Sex | ''; birthDate: Date | null };

const labels: Record<FieldName, UiStringKey> = {
  firstName: 'patients.field.firstName',
  lastName: 'patients.field.lastName',
  fatherName: 'patients.field.fatherName',
  firstNameLatin: 'patients.field.firstNameLatin',
  lastNameLatin: 'patients.field.lastNameLatin',
  nationalId: 'patients.field.nationalId',
  phone: 'patients.field.phone',
  address: 'patients.field.address',
  allergies: 'patients.field.allergies',
  notes: 'patients.field.notes',
  mrn: 'patients.field.mrn',
  birthDate: 'patients.field.birthDate',
  sex: 'patients.field.sex',
};

function initialValues(patient: Patient | undefined): Values {
  return {
    firstName: patient?.firstName ?? '',
    lastName: patient?.lastName ?? '',
    fatherName: patient?.fatherName ?? '',
    firstNameLatin: patient?.firstNameLatin ?? '',
    lastNameLatin: patient?.lastNameLatin ?? '',
    nationalId: patient?.nationalId ?? '',
    phone: patient?.phone ?? '',
    address: patient?.address ?? '',
    allergies: patient?.clinical?.allergies ?? '',
    notes: patient?.clinical?.notes ?? '',
    mrn: '',
    sex: patient?.sex ?? '',
    birthDate: pickerDateOf(patient?.birthDate ?? null),
  };
}

const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/** The picker's value as the core takes it; undefined for a date typed only in part. */
function birthDateOf(date: Date | null): string | null | undefined {
  if (date === null) return null;
  return Number.isNaN(date.getTime()) ? undefined : isoOfPickedDate(date);
}

/** The empty date field's sections, in Persian: سال/ماه/روز rather than YYYY/MM/DD. */
/** Where the calendar opens for an empty birth date: an adult's birth year, not today. */
const birthDateReference = (() => {
  const today = new Date();
  return new Date(today.getFullYear() - 30, 0, 1, 12);
})();

/** Field errors by field name; an update's come as `changes.<field>`. */
function errorsByField(i18n: ReturnType<typeof useI18n>, shape: ErrorShape | null) {
  const errors: Record<string, string> = {};
  for (const [field, text] of Object.entries(i18n.fieldErrors(shape))) {
    errors[field.replace(/^changes\./, '')] = text;
  }
  return errors;
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper variant="outlined" component="section" aria-labelledby={id} sx={{ p: 2 }}>
      <Typography id={id} variant="h6" component="h2" sx={{ mb: 2 }}>
        {title}
      </Typography>
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))',
          gap: 2,
          alignItems: 'start',
        }}
      >
        {children}
      </Box>
    </Paper>
  );
}

/** The new-patient and edit-patient form: one form, two ways to save. */
export function PatientForm({ patient }: { patient?: Patient }) {
  const client = useClient();
  const i18n = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const canEditClinical =
    useCan('patient.clinical.update') && (patient === undefined || patient.clinical !== null);
  const [initial] = useState(() => initialValues(patient));
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ErrorShape | null>(null);
  const [focusFirstError, setFocusFirstError] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const editing = patient !== undefined;

  const save = useMutation({
    mutationFn: (
      request:
        { kind: 'create'; input: NewPatientInput } | { kind: 'update'; input: PatientUpdateInput },
    ) =>
      request.kind === 'create'
        ? client.patients.create(request.input)
        : client.patients.update({ id: patient!.id, changes: request.input }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(patientKeys.patient(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: patientKeys.searches });
      const state: PatientNotice = { notice: editing ? 'updated' : 'created' };
      await navigate(`/patients/${saved.id}`, { replace: true, state });
    },
    onError: (error) => {
      const shape = shapeOf(error);
      setFailure(shape);
      setErrors(errorsByField(i18n, shape));
      setFocusFirstError((n) => n + 1);
    },
  });

  // After a refused save (and only then), the first field with a message gets the focus.
  useEffect(() => {
    if (focusFirstError === 0) return;
    const first = fieldOrder.find((field) => errors[field]);
    if (!first) return;
    const element = document.getElementById(`patient-${first}`);
    // The date field is a group of sections (year, month, day); its first one takes the focus.
    const section = element
      ?.closest('.MuiFormControl-root')
      ?.querySelector<HTMLElement>('[role="spinbutton"]');
    (section ?? element)?.focus();
  }, [focusFirstError]);

  const set = <K extends keyof Values>(field: K, value: Values[K]) => {
    setValues((current) => ({ ...current, [field]: value }));
    if (errors[field]) {
      setErrors(({ [field]: _gone, ...rest }) => rest);
    }
  };

  /** A quick check when leaving a filled-in field, with the same rules the core applies. */
  const checkField = (field: TextFieldName) => {
    const value = values[field];
    if (value.trim() === '') return;
    const result = newPatientSchema.shape[field].safeParse(value);
    if (result.success) return;
    const [first] = fieldErrorsOf(result.error);
    if (first)
      setErrors((current) => ({
        ...current,
        [field]: i18n.message(first.messageKey, first.params),
      }));
  };

  const createInput = (birthDate: string | null): NewPatientInput => ({
    firstName: values.firstName.trim(),
    lastName: values.lastName.trim(),
    fatherName: orNull(values.fatherName),
    firstNameLatin: orNull(values.firstNameLatin),
    lastNameLatin: orNull(values.lastNameLatin),
    nationalId: orNull(values.nationalId),
    phone: orNull(values.phone),
    address: orNull(values.address),
    birthDate,
    sex: values.sex === '' ? null : values.sex,
    mrn: orNull(values.mrn),
    ...(canEditClinical
      ? { allergies: orNull(values.allergies), notes: orNull(values.notes) }
      : {}),
  });

  /** Only what changed; a cleared optional field is sent as null. */
  const changes = (birthDate: string | null): PatientUpdateInput => {
    const changed: Record<string, string | null> = {};
    const editable = textFields.filter(
      (field) =>
        field !== 'mrn' && (canEditClinical || (field !== 'allergies' && field !== 'notes')),
    );
    for (const field of editable) {
      if (values[field].trim() === initial[field].trim()) continue;
      const required = field === 'firstName' || field === 'lastName';
      changed[field] = required ? values[field].trim() : orNull(values[field]);
    }
    if (birthDate !== (patient?.birthDate ?? null)) changed.birthDate = birthDate;
    if (values.sex !== initial.sex) changed.sex = values.sex === '' ? null : values.sex;
    return changed;
  };

  const submit: FormEventHandler = (event) => {
    event.preventDefault();
    if (save.isPending) return;
    const birthDate = birthDateOf(values.birthDate);
    if (birthDate === undefined) {
      setFailure(null);
      setErrors((current) => ({
        ...current,
        birthDate: i18n.message('patient.birthDate.invalid'),
      }));
      setFocusFirstError((n) => n + 1);
      return;
    }
    setFailure(null);
    setErrors({});
    if (!editing) {
      save.mutate({ kind: 'create', input: createInput(birthDate) });
      return;
    }
    const input = changes(birthDate);
    if (Object.keys(input).length === 0) {
      const state: PatientNotice = { notice: 'unchanged' };
      void navigate(`/patients/${patient.id}`, { replace: true, state });
      return;
    }
    save.mutate({ kind: 'update', input });
  };

  // Ctrl+Enter (or Ctrl+S) saves from any field, the multi-line ones included.
  const onFormKey = (event: KeyboardEvent<HTMLFormElement>) => {
    const mod = event.ctrlKey || event.metaKey;
    if (mod && (event.key === 'Enter' || event.code === 'KeyS')) {
      event.preventDefault();
      formRef.current?.requestSubmit();
    }
  };

  const onDatePaste = (event: ClipboardEvent<HTMLElement>) => {
    const iso = parseBirthDate(event.clipboardData.getData('text'));
    if (iso === null) return;
    event.preventDefault();
    event.stopPropagation();
    set('birthDate', pickerDateOf(iso));
  };

  const field = (
    name: TextFieldName,
    props: Partial<TextFieldProps> & { help?: string; ltr?: boolean } = {},
  ) => {
    const { help, ltr, slotProps, ...rest } = props;
    return (
      <TextField
        id={`patient-${name}`}
        name={name}
        label={i18n.t(labels[name])}
        value={values[name]}
        onChange={(event) => set(name, event.target.value)}
        onBlur={() => checkField(name)}
        error={Boolean(errors[name])}
        helperText={errors[name] ?? help}
        autoComplete="off"
        slotProps={{
          ...slotProps,
          htmlInput: {
            // Latin text and numbers run left to right, but line up with the form's other fields.
            ...(ltr
              ? { dir: 'ltr', style: { textAlign: i18n.dir === 'rtl' ? 'right' : 'left' } }
              : {}),
            spellCheck: false,
            ...(slotProps?.htmlInput as object),
          },
        }}
        {...rest}
      />
    );
  };

  const unshown = Object.entries(errors).filter(
    ([name]) => !fieldOrder.includes(name as FieldName),
  );
  const cancelTo = editing ? `/patients/${patient.id}` : '/patients';

  return (
    <Box
      component="form"
      ref={formRef}
      onSubmit={submit}
      onKeyDown={onFormKey}
      noValidate
      // A field that gets the focus is scrolled clear of the fixed top bar, label included.
      sx={{
        '& input, & textarea, & [role="combobox"], & [role="spinbutton"]': {
          scrollMarginTop: '100px',
          scrollMarginBottom: '48px',
        },
      }}
    >
      <Stack spacing={3}>
        <Typography color="text.secondary">{i18n.t('patients.form.required')}</Typography>
        <Section id="patient-form-identity" title={i18n.t('patients.section.identity')}>
          {field('firstName', { required: true, autoFocus: true })}
          {field('lastName', { required: true })}
          {field('fatherName')}
          {field('nationalId', {
            ltr: true,
            help: i18n.t('patients.help.nationalId'),
            slotProps: { htmlInput: { inputMode: 'numeric', maxLength: 20 } },
          })}
          <Box onPasteCapture={onDatePaste}>
            <DatePicker
              label={i18n.t(labels.birthDate)}
              value={values.birthDate}
              onChange={(value) => set('birthDate', value)}
              format="yyyy/MM/dd"
              views={['year', 'month', 'day']}
              openTo={values.birthDate ? 'day' : 'year'}
              disableFuture
              referenceDate={birthDateReference}
              minDate={new Date(1900, 0, 1, 12)}
              slotProps={{
                textField: {
                  id: 'patient-birthDate',
                  name: 'birthDate',
                  fullWidth: true,
                  size: 'small',
                  error: Boolean(errors.birthDate),
                  helperText: errors.birthDate ?? i18n.t('patients.help.birthDate'),
                },
              }}
            />
          </Box>
          <TextField
            id="patient-sex"
            select
            label={i18n.t(labels.sex)}
            value={values.sex}
            onChange={(event) => set('sex', event.target.value as Sex | '')}
            error={Boolean(errors.sex)}
            helperText={errors.sex}
          >
            <MenuItem value="">{i18n.t('patients.field.sexUnspecified')}</MenuItem>
            {sexes.map((sex) => (
              <MenuItem key={sex} value={sex}>
                {i18n.t(`sex.${sex}`)}
              </MenuItem>
            ))}
          </TextField>
          {field('firstNameLatin', { ltr: true, help: i18n.t('patients.help.latin') })}
          {field('lastNameLatin', { ltr: true })}
          {editing
            ? null
            : field('mrn', {
                ltr: true,
                help: i18n.t('patients.help.mrn'),
                slotProps: { htmlInput: { maxLength: 20 } },
              })}
        </Section>
        <Section id="patient-form-contact" title={i18n.t('patients.section.contact')}>
          {field('phone', {
            ltr: true,
            type: 'tel',
            help: i18n.t('patients.help.phone'),
            slotProps: { htmlInput: { maxLength: 20 } },
          })}
          <Box sx={{ gridColumn: { sm: 'span 2' } }}>
            {field('address', { multiline: true, minRows: 2 })}
          </Box>
        </Section>
        {canEditClinical ? (
          <Section id="patient-form-clinical" title={i18n.t('patients.section.clinical')}>
            <Box sx={{ gridColumn: '1 / -1' }}>
              {field('allergies', { multiline: true, minRows: 2 })}
            </Box>
            <Box sx={{ gridColumn: '1 / -1' }}>
              {field('notes', { multiline: true, minRows: 3 })}
            </Box>
          </Section>
        ) : null}
        {failure ? (
          <Alert severity="error" role="alert">
            {i18n.errorText(failure)}
            {unshown.length > 0 ? (
              <Box component="ul" sx={{ m: 0, mt: 1, ps: 3 }}>
                {unshown.map(([name, text]) => (
                  <li key={name}>{text}</li>
                ))}
              </Box>
            ) : null}
          </Alert>
        ) : null}
        <Box sx={{ display: 'flex', gap: 1 }}>
          <Button
            type="submit"
            variant="contained"
            size="large"
            startIcon={<Save />}
            disabled={save.isPending}
            aria-keyshortcuts="Control+Enter Control+S"
          >
            {save.isPending ? i18n.t('patients.form.saving') : i18n.t('common.save')}
          </Button>
          <Button component={RouterLink} to={cancelTo} size="large">
            {i18n.t('common.cancel')}
          </Button>
        </Box>
      </Stack>
    </Box>
  );
}

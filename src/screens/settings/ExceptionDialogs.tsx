import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Add from '@mui/icons-material/Add';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import type { DoctorSummary, ScheduleException } from '../../../electron/shared/scheduling';
import { useClient } from '../../api/client';
import { ErrorAlert, shapeOf } from '../../components/ErrorAlert';
import { useI18n, type I18n } from '../../i18n/i18n';
import { doctorLabel } from './schedule-queries';
import { newDraftId, PeriodRow, type PeriodDraft, type PeriodErrors } from './PeriodFields';
import { isoOfPickerDate, parseTimeText } from './schedule-format';
import { FormDialog } from '../../components/FormDialog';

type Kind = ScheduleException['kind'];
const KINDS: readonly Kind[] = ['closed', 'changed'];
/** The "whole clinic" choice of the doctor list (the core takes null). */
const CLINIC = 'clinic';

interface Form {
  who: string;
  date: Date | null;
  kind: Kind;
  periods: PeriodDraft[];
  note: string;
}

const emptyForm = (): Form => ({ who: CLINIC, date: null, kind: 'closed', periods: [], note: '' });
const emptyPeriod = (): PeriodDraft => ({ id: newDraftId(), start: '', end: '' });

interface FormErrors {
  fields: Record<string, string>;
  periods: Record<string, PeriodErrors>;
  general: string | null;
}
const NO_ERRORS: FormErrors = { fields: {}, periods: {}, general: null };

/** What the form can tell before asking the core: a missing date, times that are not times. */
function typingErrors(i18n: I18n, form: Form): FormErrors {
  const fields: Record<string, string> = {};
  const periods: Record<string, PeriodErrors> = {};
  if (form.date === null) fields['date'] = i18n.message('validation.required');
  else if (isoOfPickerDate(form.date) === null) {
    fields['date'] = i18n.message('scheduling.date.invalid');
  }
  if (form.kind === 'changed') {
    for (const period of form.periods) {
      const problem = (text: string) =>
        text.trim() === ''
          ? i18n.message('validation.required')
          : parseTimeText(text) === null
            ? i18n.message('scheduling.time.invalid')
            : undefined;
      const start = problem(period.start);
      const end = problem(period.end);
      if (start || end) {
        periods[period.id] = { ...(start ? { start } : {}), ...(end ? { end } : {}) };
      }
    }
  }
  return { fields, periods, general: null };
}

const KNOWN_FIELDS = ['doctorId', 'date', 'kind', 'periods', 'note'];

/** The core's answer on the fields it names ('periods.0.endMinute' on the first period). */
function coreErrors(i18n: I18n, error: unknown, form: Form): FormErrors {
  const shape = shapeOf(error);
  const fields: Record<string, string> = {};
  const periods: Record<string, PeriodErrors> = {};
  for (const [field, text] of Object.entries(i18n.fieldErrors(shape))) {
    const match = /^periods\.(\d+)(?:\.(\w+))?/.exec(field);
    const period = match ? form.periods[Number(match[1])] : undefined;
    if (period && match) {
      const part = match[2] === 'startMinute' ? 'start' : match[2] === 'endMinute' ? 'end' : 'row';
      periods[period.id] = { ...periods[period.id], [part]: text };
    } else if (KNOWN_FIELDS.includes(field)) {
      fields[field] = text;
    }
  }
  const explained = Object.keys(fields).length > 0 || Object.keys(periods).length > 0;
  return { fields, periods, general: explained ? null : i18n.errorText(shape) };
}

export function AddExceptionDialog({
  open,
  doctors,
  onClose,
  onAdded,
}: {
  open: boolean;
  doctors: readonly DoctorSummary[];
  onClose: () => void;
  onAdded: (exception: ScheduleException) => void;
}) {
  const client = useClient();
  const i18n = useI18n();
  const [form, setForm] = useState<Form>(emptyForm);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const add = useMutation({
    mutationFn: (input: Form) =>
      client.schedule.addException({
        doctorId: input.who === CLINIC ? null : input.who,
        date: isoOfPickerDate(input.date) ?? '',
        kind: input.kind,
        periods:
          input.kind === 'changed'
            ? input.periods.map((period) => ({
                startMinute: parseTimeText(period.start)!,
                endMinute: parseTimeText(period.end)!,
              }))
            : [],
        note: input.note,
      }),
    onSuccess: (exception) => {
      setForm(emptyForm());
      setErrors(NO_ERRORS);
      onAdded(exception);
    },
    onError: (error, input) => setErrors(coreErrors(i18n, error, input)),
  });
  const { reset } = add;
  useEffect(() => {
    if (open) reset();
  }, [open, reset]);

  const close = () => {
    setForm(emptyForm());
    setErrors(NO_ERRORS);
    onClose();
  };
  const change = (next: Partial<Form>) => {
    setForm({ ...form, ...next });
  };
  const setKind = (kind: Kind) =>
    change({
      kind,
      periods: kind === 'changed' && form.periods.length === 0 ? [emptyPeriod()] : form.periods,
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const typed = typingErrors(i18n, form);
    if (Object.keys(typed.fields).length > 0 || Object.keys(typed.periods).length > 0) {
      setErrors(typed);
      return;
    }
    setErrors(NO_ERRORS);
    add.mutate(form);
  };
  const { fields } = errors;
  return (
    <FormDialog
      open={open}
      titleId="add-exception-title"
      title={i18n.t('settings.exceptions.addTitle')}
      onClose={close}
      onSubmit={submit}
      saving={add.isPending}
      error={errors.general}
      submitLabel={i18n.t('settings.exceptions.create')}
    >
      <TextField
        select
        id="exception-who"
        label={i18n.t('settings.exceptions.who')}
        autoFocus
        value={form.who}
        onChange={(event) => change({ who: event.target.value })}
        error={Boolean(fields['doctorId'])}
        helperText={fields['doctorId']}
      >
        <MenuItem value={CLINIC}>{i18n.t('settings.exceptions.clinic')}</MenuItem>
        {doctors.map((doctor) => (
          <MenuItem key={doctor.id} value={doctor.id}>
            {doctorLabel(doctor)}
          </MenuItem>
        ))}
      </TextField>
      <DatePicker
        label={i18n.t('settings.exceptions.date')}
        value={form.date}
        onChange={(date) => change({ date })}
        format="yyyy/MM/dd"
        slotProps={{
          textField: {
            id: 'exception-date',
            required: true,
            fullWidth: true,
            error: Boolean(fields['date']),
            helperText: fields['date'] ?? i18n.t('settings.exceptions.dateHint'),
          },
        }}
      />
      <FormControl component="fieldset" error={Boolean(fields['kind'])}>
        <FormLabel component="legend">{i18n.t('settings.exceptions.kind')}</FormLabel>
        <RadioGroup
          name="exception-kind"
          value={form.kind}
          onChange={(event) => setKind(event.target.value as Kind)}
        >
          {KINDS.map((kind) => (
            <FormControlLabel
              key={kind}
              value={kind}
              control={<Radio />}
              sx={{ alignItems: 'flex-start', '& .MuiRadio-root': { mt: -0.75 } }}
              label={
                <span>
                  {i18n.t(`settings.exceptions.kind.${kind}`)}
                  <Box
                    component="span"
                    sx={{ display: 'block', color: 'text.secondary', fontSize: '0.875rem' }}
                  >
                    {i18n.t(`settings.exceptions.kindHint.${kind}`)}
                  </Box>
                </span>
              }
            />
          ))}
        </RadioGroup>
        {fields['kind'] ? <FormHelperText>{fields['kind']}</FormHelperText> : null}
      </FormControl>
      {form.kind === 'changed' ? (
        <FormControl component="fieldset" error={Boolean(fields['periods'])}>
          <FormLabel component="legend" sx={{ mb: 1 }}>
            {i18n.t('settings.exceptions.periods')}
          </FormLabel>
          <Stack spacing={1}>
            {form.periods.map((period, index) => {
              const label = i18n.t('settings.exceptions.period', { number: index + 1 });
              return (
                <PeriodRow
                  key={period.id}
                  draft={period}
                  groupLabel={label}
                  errors={errors.periods[period.id] ?? {}}
                  removeLabel={i18n.t('settings.hours.removeLabel', { period: label })}
                  onChange={(next) =>
                    change({
                      periods: form.periods.map((p) => (p.id === next.id ? next : p)),
                    })
                  }
                  onRemove={() =>
                    change({ periods: form.periods.filter((p) => p.id !== period.id) })
                  }
                />
              );
            })}
            <Box>
              <Button
                size="small"
                startIcon={<Add />}
                onClick={() => change({ periods: [...form.periods, emptyPeriod()] })}
              >
                {i18n.t('settings.exceptions.addPeriod')}
              </Button>
            </Box>
          </Stack>
          {fields['periods'] ? <FormHelperText>{fields['periods']}</FormHelperText> : null}
        </FormControl>
      ) : null}
      <TextField
        id="exception-note"
        label={i18n.t('settings.exceptions.note')}
        autoComplete="off"
        value={form.note}
        onChange={(event) => change({ note: event.target.value })}
        error={Boolean(fields['note'])}
        helperText={fields['note'] ?? i18n.t('settings.exceptions.noteHint')}
        slotProps={{ htmlInput: { maxLength: 100 } }}
      />
    </FormDialog>
  );
}

/** Asks before an exception goes: the weekly hours then apply on that day again. */
export function RemoveExceptionDialog({
  exception,
  who,
  onClose,
  onRemoved,
}: {
  exception: ScheduleException | null;
  /** Whom the exception is for, as the list shows it. */
  who: string;
  onClose: () => void;
  onRemoved: (exception: ScheduleException) => void;
}) {
  const client = useClient();
  const i18n = useI18n();
  // The exception last shown stays on screen while the dialog closes.
  const [shown, setShown] = useState<ScheduleException | null>(exception);
  if (exception !== null && exception !== shown) setShown(exception);
  const remove = useMutation({
    mutationFn: (target: ScheduleException) => client.schedule.removeException({ id: target.id }),
    onSuccess: (_done, target) => onRemoved(target),
  });
  const { reset } = remove;
  useEffect(() => {
    if (exception) reset();
  }, [exception, reset]);
  return (
    <Dialog
      open={exception !== null}
      onClose={onClose}
      aria-labelledby="remove-exception-title"
      aria-describedby="remove-exception-body"
    >
      <DialogTitle id="remove-exception-title">
        {i18n.t('settings.exceptions.removeTitle')}
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <DialogContentText id="remove-exception-body">
            {shown ? i18n.t('settings.exceptions.removeBody', { date: shown.date, who }) : null}
          </DialogContentText>
          {remove.error ? <ErrorAlert error={remove.error} /> : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          {i18n.t('common.cancel')}
        </Button>
        <Button
          color="error"
          variant="contained"
          disabled={remove.isPending || shown === null}
          onClick={() => shown && remove.mutate(shown)}
        >
          {i18n.t('common.delete')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

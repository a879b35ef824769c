import Box from '@mui/material/Box';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import type { VisitType, VisitTypeUpdate } from '../../../electron/shared/scheduling';
import { useClient } from '../../api/client';
import { shapeOf } from '../../components/ErrorAlert';
import { useI18n, type I18n } from '../../i18n/i18n';
import { groupedNumber, parseWholeNumber } from './schedule-format';
import { FormDialog } from '../../components/FormDialog';

interface Form {
  nameFa: string;
  nameEn: string;
  color: string;
  duration: string;
  fee: string;
  isActive: boolean;
}

const HEX_COLOR = /^#[0-9a-f]{6}$/;

function formOf(i18n: I18n, type: VisitType | null): Form {
  return {
    nameFa: type?.nameFa ?? '',
    nameEn: type?.nameEn ?? '',
    color: type?.color ?? '#0b6e69',
    duration: type ? i18n.digits(type.defaultDurationMinutes) : '',
    fee: type ? groupedNumber(i18n, type.defaultFee) : '',
    isActive: type?.isActive ?? true,
  };
}

/** The colour as the core takes it: '#' and six lower-case hex digits ('0B6E69' is accepted). */
function colorOf(text: string): string {
  const trimmed = text.trim().toLowerCase();
  return trimmed.startsWith('#') ? trimmed : `#${trimmed}`;
}

type Problems = Partial<Record<'duration' | 'fee', string>>;

/** Only what changed is sent; numbers that are not numbers are caught here. */
function changesOf(
  i18n: I18n,
  type: VisitType,
  form: Form,
): { changes: VisitTypeUpdate; problems: Problems } {
  const changes: VisitTypeUpdate = { code: type.code };
  const problems: Problems = {};
  if (form.nameFa !== type.nameFa) changes.nameFa = form.nameFa;
  if (form.nameEn !== type.nameEn) changes.nameEn = form.nameEn;
  const color = colorOf(form.color);
  if (color !== type.color) changes.color = color;
  const duration = parseWholeNumber(form.duration);
  if (duration === null) problems.duration = i18n.t('settings.visitTypes.wholeNumber');
  else if (duration !== type.defaultDurationMinutes) changes.defaultDurationMinutes = duration;
  const fee = parseWholeNumber(form.fee);
  if (fee === null) problems.fee = i18n.t('settings.visitTypes.wholeNumber');
  else if (fee !== type.defaultFee) changes.defaultFee = fee;
  if (form.isActive !== type.isActive) changes.isActive = form.isActive;
  return { changes, problems };
}

const FIELD_OF: Readonly<Record<string, keyof Form>> = {
  nameFa: 'nameFa',
  nameEn: 'nameEn',
  color: 'color',
  defaultDurationMinutes: 'duration',
  defaultFee: 'fee',
  isActive: 'isActive',
};

/** A visit type's names, colour, default duration and fee, and whether it can be booked. */
export function VisitTypeDialog({
  type,
  onClose,
  onSaved,
}: {
  type: VisitType | null;
  onClose: () => void;
  onSaved: (type: VisitType) => void;
}) {
  const client = useClient();
  const i18n = useI18n();
  const [form, setForm] = useState<Form>(() => formOf(i18n, type));
  const [problems, setProblems] = useState<Problems>({});
  // The type last shown stays on screen while the dialog closes.
  const [shown, setShown] = useState<VisitType | null>(type);
  const [previous, setPrevious] = useState<VisitType | null>(type);
  if (type !== previous) {
    setPrevious(type);
    if (type) {
      setShown(type);
      setForm(formOf(i18n, type));
      setProblems({});
    }
  }
  const save = useMutation({
    mutationFn: (changes: VisitTypeUpdate) => client.schedule.updateVisitType(changes),
    onSuccess: (saved) => onSaved(saved),
  });
  const { reset } = save;
  useEffect(() => {
    if (type) reset();
  }, [type, reset]);

  const coreFields: Partial<Record<keyof Form, string>> = {};
  let general: string | null = null;
  if (save.error) {
    const shape = shapeOf(save.error);
    for (const [field, text] of Object.entries(i18n.fieldErrors(shape))) {
      const name = FIELD_OF[field];
      if (name) coreFields[name] = text;
    }
    if (Object.keys(coreFields).length === 0) general = i18n.errorText(shape);
  }
  const errorOf = (name: keyof Form) =>
    name === 'duration' || name === 'fee' ? (problems[name] ?? coreFields[name]) : coreFields[name];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!shown) return;
    const { changes, problems: found } = changesOf(i18n, shown, form);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    if (Object.keys(changes).length === 1) {
      onClose();
      return;
    }
    save.mutate(changes);
  };
  const text = (name: 'nameFa' | 'nameEn' | 'color' | 'duration' | 'fee') => ({
    value: form[name],
    onChange: (event: { target: { value: string } }) => {
      setForm({ ...form, [name]: event.target.value });
      if (name === 'duration' || name === 'fee') setProblems({ ...problems, [name]: undefined });
    },
    error: Boolean(errorOf(name)),
  });
  const color = colorOf(form.color);
  const fee = parseWholeNumber(form.fee);
  return (
    <FormDialog
      open={type !== null}
      titleId="visit-type-title"
      title={i18n.t('settings.visitTypes.editTitle', {
        name: shown ? (i18n.language === 'fa' ? shown.nameFa : shown.nameEn) : '',
      })}
      onClose={onClose}
      onSubmit={submit}
      saving={save.isPending}
      error={general}
    >
      <TextField
        id="visit-type-nameFa"
        label={i18n.t('settings.visitTypes.nameFa')}
        autoFocus
        required
        autoComplete="off"
        {...text('nameFa')}
        helperText={errorOf('nameFa')}
        slotProps={{ htmlInput: { dir: 'rtl', lang: 'fa', maxLength: 60 } }}
      />
      <TextField
        id="visit-type-nameEn"
        label={i18n.t('settings.visitTypes.nameEn')}
        required
        autoComplete="off"
        {...text('nameEn')}
        helperText={errorOf('nameEn')}
        slotProps={{ htmlInput: { dir: 'ltr', lang: 'en', maxLength: 60 } }}
      />
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <TextField
          id="visit-type-color"
          label={i18n.t('settings.visitTypes.color')}
          autoComplete="off"
          {...text('color')}
          helperText={errorOf('color') ?? i18n.t('settings.visitTypes.colorHint')}
          sx={{ width: 248 }}
          slotProps={{ htmlInput: { dir: 'ltr', spellCheck: false, maxLength: 7 } }}
        />
        <Box
          component="input"
          type="color"
          // The swatch of the colour typed beside it, and a picker when clicked.
          aria-label={i18n.t('settings.visitTypes.colorPicker')}
          value={HEX_COLOR.test(color) ? color : '#000000'}
          onChange={(event: { target: { value: string } }) =>
            setForm({ ...form, color: event.target.value })
          }
          sx={{
            width: 56,
            height: 56,
            p: 0.5,
            border: 1,
            borderColor: 'divider',
            borderRadius: 1,
            bgcolor: 'background.paper',
            cursor: 'pointer',
          }}
        />
      </Box>
      <TextField
        id="visit-type-duration"
        label={i18n.t('settings.visitTypes.duration')}
        autoComplete="off"
        {...text('duration')}
        helperText={errorOf('duration') ?? i18n.t('settings.visitTypes.durationHint')}
        sx={{ maxWidth: 320 }}
        slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 4 } }}
      />
      <TextField
        id="visit-type-fee"
        label={i18n.t('settings.visitTypes.fee')}
        autoComplete="off"
        {...text('fee')}
        onBlur={() => {
          if (fee !== null) setForm({ ...form, fee: groupedNumber(i18n, fee) });
        }}
        helperText={
          errorOf('fee') ??
          (fee !== null
            ? i18n.t('settings.visitTypes.feeHint', { amount: groupedNumber(i18n, fee) })
            : ' ')
        }
        sx={{ maxWidth: 320 }}
        slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 24 } }}
      />
      <div>
        <FormControlLabel
          control={
            <Switch
              checked={form.isActive}
              onChange={(event) => setForm({ ...form, isActive: event.target.checked })}
              slotProps={{ input: { 'aria-describedby': 'visit-type-active-hint' } }}
            />
          }
          label={i18n.t('settings.visitTypes.activeSwitch')}
        />
        <FormHelperText id="visit-type-active-hint" error={Boolean(coreFields.isActive)}>
          {coreFields.isActive ?? i18n.t('settings.visitTypes.activeHint')}
        </FormHelperText>
      </div>
    </FormDialog>
  );
}

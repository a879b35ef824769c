import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useState, type FormEvent } from 'react';
import {
  ICD10_PATTERN,
  vitalKinds,
  vitalSchema,
  vitalUnits,
  type Diagnosis,
  type FollowUp,
  type LabOrder,
  type Medication,
  type SoapContent,
  type Vital,
  type VitalKind,
} from '../../../electron/shared/soap';
import { toAsciiDigits } from '../../../electron/shared/text/normalize';
import { useI18n } from '../../i18n/i18n';
import type { UiStringKey } from '../../i18n/strings';
import { newItemId, type ListKind } from './model';
import { FormDialog } from '../../components/FormDialog';

/** Which row is being edited; a null item id adds one. */
export interface EditTarget {
  readonly list: ListKind;
  readonly itemId: string | null;
}

type FieldName =
  | 'kind'
  | 'value'
  | 'icd10'
  | 'title'
  | 'name'
  | 'dose'
  | 'route'
  | 'frequency'
  | 'duration'
  | 'reason'
  | 'interval';
type Form = Partial<Record<FieldName, string>>;
type Problems = Partial<Record<FieldName, UiStringKey>>;

const FIELDS: Readonly<Record<ListKind, readonly FieldName[]>> = {
  vitals: ['kind', 'value'],
  diagnoses: ['icd10', 'title'],
  medications: ['name', 'dose', 'route', 'frequency', 'duration'],
  labOrders: ['name', 'reason'],
  followUp: ['interval', 'reason'],
};

const REQUIRED: Readonly<Record<ListKind, FieldName>> = {
  vitals: 'value',
  diagnoses: 'title',
  medications: 'name',
  labOrders: 'name',
  followUp: 'interval',
};

type Item = Vital | Diagnosis | Medication | LabOrder | FollowUp;

function currentItem(content: SoapContent, target: EditTarget): Item | null {
  if (target.list === 'followUp') return content.followUp;
  if (target.itemId === null) return null;
  const list: readonly Item[] = content[target.list];
  return list.find((item) => 'id' in item && item.id === target.itemId) ?? null;
}

function formOf(item: Item | null, list: ListKind): Form {
  const form: Form = {};
  for (const field of FIELDS[list]) {
    const value = item ? (item as unknown as Record<string, unknown>)[field] : undefined;
    form[field] = typeof value === 'string' ? value : '';
  }
  if (list === 'vitals' && !form['kind']) form['kind'] = 'blood_pressure';
  return form;
}

/** A vital's value as stored: ASCII digits and a dot, whatever the doctor typed. */
function vitalValue(text: string): string {
  return toAsciiDigits(text)
    .trim()
    .replace(/[٫,]/g, '.')
    .replace(/\s*\/\s*/g, '/');
}

/** The content with the edited row put back (or added, or the follow-up set). */
function withItem(content: SoapContent, target: EditTarget, form: Form): Partial<SoapContent> {
  const previous = currentItem(content, target);
  const evidence = previous?.evidence ?? [];
  const id = previous && 'id' in previous ? previous.id : newItemId();
  const text = (field: FieldName) => (form[field] ?? '').trim();
  const replace = <T extends { id: string }>(list: readonly T[], item: T): T[] =>
    list.some((candidate) => candidate.id === item.id)
      ? list.map((candidate) => (candidate.id === item.id ? item : candidate))
      : [...list, item];
  switch (target.list) {
    case 'vitals': {
      const kind = text('kind') as VitalKind;
      const item: Vital = {
        id,
        kind,
        value: vitalValue(text('value')),
        unit: vitalUnits[kind],
        evidence,
      };
      return { vitals: replace(content.vitals, item) };
    }
    case 'diagnoses':
      return {
        diagnoses: replace(content.diagnoses, {
          id,
          icd10: toAsciiDigits(text('icd10')).toUpperCase(),
          title: text('title'),
          evidence,
        }),
      };
    case 'medications':
      return {
        medications: replace(content.medications, {
          id,
          name: text('name'),
          dose: text('dose'),
          route: text('route'),
          frequency: text('frequency'),
          duration: text('duration'),
          evidence,
        }),
      };
    case 'labOrders':
      return {
        labOrders: replace(content.labOrders, {
          id,
          name: text('name'),
          reason: text('reason'),
          evidence,
        }),
      };
    case 'followUp':
      return { followUp: { interval: text('interval'), reason: text('reason'), evidence } };
  }
}

function problemsOf(list: ListKind, form: Form): Problems {
  const problems: Problems = {};
  const required = REQUIRED[list];
  if (!(form[required] ?? '').trim()) problems[required] = 'report.item.required';
  if (list === 'vitals' && !problems['value']) {
    const kind = form['kind'] as VitalKind;
    const value = vitalValue(form['value'] ?? '');
    const parsed = vitalSchema.shape.value.safeParse(value);
    if (!parsed.success || (kind === 'blood_pressure') !== value.includes('/')) {
      problems['value'] =
        kind === 'blood_pressure' ? 'report.item.vitalPressure' : 'report.item.vitalNumber';
    }
  }
  if (list === 'diagnoses') {
    const code = toAsciiDigits(form['icd10'] ?? '')
      .trim()
      .toUpperCase();
    if (code !== '' && !ICD10_PATTERN.test(code)) problems['icd10'] = 'report.item.icd10Invalid';
  }
  return problems;
}

const LATIN_FIELDS = new Set<FieldName>(['icd10', 'value', 'dose']);

/**
 * Adds or edits one row of a structured list (a vital, a diagnosis, a medication, a lab order, the
 * follow-up). The row keeps the evidence it had; a flagged row the doctor changes counts as
 * resolved by editing once saved.
 */
export function ItemDialog({
  target,
  content,
  onSave,
  onClose,
}: {
  target: EditTarget;
  content: SoapContent;
  onSave: (part: Partial<SoapContent>) => void;
  onClose: () => void;
}) {
  const i18n = useI18n();
  const [form, setForm] = useState<Form>(() => formOf(currentItem(content, target), target.list));
  const [problems, setProblems] = useState<Problems>({});
  const adding = currentItem(content, target) === null;
  const title = i18n.t(
    adding ? `report.item.add.${target.list}` : `report.item.edit.${target.list}`,
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = problemsOf(target.list, form);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    onSave(withItem(content, target, form));
  };
  const field = (name: FieldName) => {
    const problem = problems[name];
    return {
      id: `report-item-field-${name}`,
      name,
      label: i18n.t(`report.item.field.${name}`),
      value: form[name] ?? '',
      onChange: (event: { target: { value: string } }) => {
        setForm({ ...form, [name]: event.target.value });
        if (problem) setProblems({ ...problems, [name]: undefined });
      },
      error: Boolean(problem),
      helperText: problem ? i18n.t(problem) : undefined,
      required: REQUIRED[target.list] === name,
      autoComplete: 'off',
      slotProps: {
        htmlInput: {
          dir: LATIN_FIELDS.has(name) ? 'ltr' : 'auto',
          maxLength: name === 'icd10' ? 8 : 500,
        },
      },
    };
  };
  const kind = (form['kind'] ?? 'blood_pressure') as VitalKind;
  return (
    <FormDialog titleId="report-item-title" title={title} onClose={onClose} onSubmit={submit}>
      {target.list === 'vitals' ? (
        <>
          <TextField select {...field('kind')} autoFocus>
            {vitalKinds.map((option) => (
              <MenuItem key={option} value={option}>
                {i18n.t(`report.vital.${option}`)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            {...field('value')}
            slotProps={{
              htmlInput: { dir: 'ltr', inputMode: 'decimal', maxLength: 12 },
              input: {
                endAdornment: (
                  <InputAdornment position="end">
                    <span dir="ltr">{vitalUnits[kind]}</span>
                  </InputAdornment>
                ),
              },
            }}
          />
        </>
      ) : (
        FIELDS[target.list].map((name, index) => (
          <TextField key={name} {...field(name)} autoFocus={index === 0} />
        ))
      )}
    </FormDialog>
  );
}

import MenuItem from '@mui/material/MenuItem';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import type { DoctorSummary, VisitType } from '../../../electron/shared/scheduling';
import { useI18n } from '../../i18n/i18n';
import { visitTypeLabel } from './model';

type SelectProps = Omit<TextFieldProps, 'select' | 'onChange' | 'value' | 'label' | 'children'> & {
  readonly id: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
};

/** Choose a doctor; `anyLabel` adds a first choice with the value '' ("any doctor"). */
export function DoctorField({
  doctors,
  anyLabel,
  onChange,
  ...props
}: SelectProps & { readonly doctors: readonly DoctorSummary[]; readonly anyLabel?: string }) {
  const i18n = useI18n();
  return (
    <TextField
      {...props}
      select
      label={i18n.t('calendar.doctor')}
      onChange={(event) => onChange(event.target.value)}
    >
      {anyLabel ? <MenuItem value="">{anyLabel}</MenuItem> : null}
      {doctors.map((doctor) => (
        <MenuItem key={doctor.id} value={doctor.id}>
          {doctor.name}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** Choose one of the active visit types. */
export function VisitTypeField({
  types,
  onChange,
  ...props
}: SelectProps & { readonly types: readonly VisitType[] }) {
  const i18n = useI18n();
  return (
    <TextField
      {...props}
      select
      label={i18n.t('calendar.type')}
      onChange={(event) => onChange(event.target.value)}
    >
      {types
        .filter((type) => type.isActive)
        .map((type) => (
          <MenuItem key={type.code} value={type.code}>
            {visitTypeLabel(i18n, type)}
          </MenuItem>
        ))}
    </TextField>
  );
}

import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { overrideReasons, type OverrideReason } from '../../../electron/shared/scheduling';
import { useCan } from '../../app/session';
import { shapeOf } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';

export interface OverrideChoice {
  readonly reason: OverrideReason | '';
  readonly note: string;
}
export const NO_OVERRIDE: OverrideChoice = { reason: '', note: '' };

export function isConflict(error: unknown): boolean {
  return Boolean(error) && shapeOf(error).messageKey === 'scheduling.conflict';
}

/** The override to send: only after a conflict was shown and a reason chosen. */
export function overrideOf(error: unknown, choice: OverrideChoice) {
  if (!isConflict(error) || choice.reason === '') return undefined;
  return { reason: choice.reason, note: choice.note.trim() || null };
}

/**
 * A refused booking or move: the core's message and each conflict it names ("Dr X already has a
 * visit 09:00–09:20"). Those allowed to override choose a reason; it goes to the access log.
 */
export function ScheduleError({
  error,
  choice,
  onChoice,
}: {
  error: unknown;
  choice?: OverrideChoice;
  onChoice?: (choice: OverrideChoice) => void;
}) {
  const i18n = useI18n();
  const canOverride = useCan('encounter.override');
  if (!error) return null;
  const shape = shapeOf(error);
  const details = (shape.fields ?? []).map((field) => i18n.message(field.messageKey, field.params));
  const offerOverride = isConflict(error) && canOverride && choice && onChoice;
  return (
    <Stack spacing={1.5}>
      <Alert severity="error" role="alert">
        {details.length > 0 ? <AlertTitle>{i18n.errorText(shape)}</AlertTitle> : null}
        {details.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: '1.2em' }}>
            {details.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        ) : (
          i18n.errorText(shape)
        )}
      </Alert>
      {offerOverride ? (
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5}>
          <TextField
            select
            id="override-reason"
            label={i18n.t('calendar.override.reason')}
            helperText={i18n.t('calendar.override.help')}
            value={choice.reason}
            onChange={(event) =>
              onChoice({ ...choice, reason: event.target.value as OverrideReason })
            }
            sx={{ minWidth: 220 }}
          >
            {overrideReasons.map((reason) => (
              <MenuItem key={reason} value={reason}>
                {i18n.t(`calendar.override.${reason}`)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            id="override-note"
            label={i18n.t('calendar.override.note')}
            value={choice.note}
            onChange={(event) => onChoice({ ...choice, note: event.target.value })}
            fullWidth
          />
        </Stack>
      ) : null}
    </Stack>
  );
}

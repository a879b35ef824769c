import Box from '@mui/material/Box';
import FormHelperText from '@mui/material/FormHelperText';
import IconButton from '@mui/material/IconButton';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import { minuteText, parseTimeText } from './schedule-format';

/** A period being edited: the times as typed, so a half-typed time is kept as it is. */
export interface PeriodDraft {
  readonly id: string;
  readonly start: string;
  readonly end: string;
}

/** What is wrong with a period, by part ('row' when the core names the period as a whole). */
export type PeriodErrors = Partial<Record<'start' | 'end' | 'row', string>>;

let lastDraftId = 0;
/** A key for a new period row (stable while the row is on screen). */
export function newDraftId(): string {
  lastDraftId += 1;
  return `period-${lastDraftId}`;
}

/**
 * A time of day typed as text ('08:30'; Persian or Latin digits). When the field is left, a time
 * it understands is rewritten the way it is read ('8' → '۰۸:۰۰').
 */
export function TimeField({
  id,
  label,
  value,
  onChange,
  invalid,
  describedBy,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
  describedBy?: string | undefined;
}) {
  const i18n = useI18n();
  return (
    <TextField
      id={id}
      label={label}
      size="small"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      onBlur={() => {
        const minute = parseTimeText(value);
        if (minute !== null) {
          const text = minuteText(i18n, minute);
          if (text !== value) onChange(text);
        }
      }}
      error={invalid}
      placeholder={i18n.t('settings.time.placeholder')}
      sx={{ width: 112, flexShrink: 0 }}
      slotProps={{
        htmlInput: {
          dir: 'ltr',
          inputMode: 'numeric',
          autoComplete: 'off',
          spellCheck: false,
          maxLength: 8,
          'aria-invalid': invalid,
          ...(describedBy ? { 'aria-describedby': describedBy } : {}),
          style: { textAlign: 'center' },
        },
      }}
    />
  );
}

/**
 * One period (from – to) as a labelled group with a remove button; its errors show under the
 * row, full width, and the fields that are wrong are marked and point to them.
 */
export function PeriodRow({
  draft,
  groupLabel,
  leading,
  errors,
  removeLabel,
  onChange,
  onRemove,
  indent = false,
}: {
  draft: PeriodDraft;
  /** The row's accessible name, e.g. 'ساعت کاری ۱، شنبه'. */
  groupLabel: string;
  /** What stands before the times (the kind of period). */
  leading?: ReactNode;
  errors: PeriodErrors;
  removeLabel: string;
  onChange: (next: PeriodDraft) => void;
  onRemove: () => void;
  indent?: boolean;
}) {
  const i18n = useI18n();
  const errorId = `${draft.id}-error`;
  const messages = [...new Set([errors.row, errors.start, errors.end].filter(Boolean))];
  const describedBy = messages.length > 0 ? errorId : undefined;
  return (
    <Box role="group" aria-label={groupLabel}>
      <Box
        sx={{
          display: 'flex',
          alignItems: 'center',
          gap: 1,
          flexWrap: 'wrap',
          paddingInlineStart: indent ? 4 : 0,
        }}
      >
        {leading}
        <TimeField
          id={`${draft.id}-start`}
          label={i18n.t('settings.time.start')}
          value={draft.start}
          onChange={(start) => onChange({ ...draft, start })}
          invalid={Boolean(errors.start ?? errors.row)}
          describedBy={describedBy}
        />
        <TimeField
          id={`${draft.id}-end`}
          label={i18n.t('settings.time.end')}
          value={draft.end}
          onChange={(end) => onChange({ ...draft, end })}
          invalid={Boolean(errors.end ?? errors.row)}
          describedBy={describedBy}
        />
        <Tooltip title={removeLabel}>
          <IconButton aria-label={removeLabel} onClick={onRemove} size="small">
            <DeleteOutlined fontSize="small" />
          </IconButton>
        </Tooltip>
      </Box>
      {messages.length > 0 ? (
        <FormHelperText id={errorId} error sx={{ paddingInlineStart: indent ? 4 : 0, mx: 0 }}>
          {messages.join(' ')}
        </FormHelperText>
      ) : null}
    </Box>
  );
}

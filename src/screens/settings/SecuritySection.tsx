import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { SettingKey, SettingsSnapshot } from '../../../electron/shared/settings';
import { toAsciiDigits } from '../../../electron/shared/text/normalize';
import { useClient } from '../../api/client';
import { SESSION_QUERY } from '../../app/session';
import { shapeOf } from '../../components/ErrorAlert';
import { QueryState } from '../../components/QueryState';
import { useI18n } from '../../i18n/i18n';
import type { UiStringKey } from '../../i18n/strings';

export const SETTINGS_QUERY = ['settings'] as const;

interface NumberSpec {
  readonly name: string;
  readonly label: UiStringKey;
  readonly min: number;
  readonly max: number;
}

/** One clinic setting as a small form of whole numbers, saved on its own. */
interface SettingSpec {
  readonly key: SettingKey;
  readonly title: UiStringKey;
  readonly explain: UiStringKey;
  readonly fields: readonly NumberSpec[];
  read(snapshot: SettingsSnapshot): Record<string, number>;
  build(values: Record<string, number | string>): unknown;
}

const WINDOW: Omit<NumberSpec, 'name'> = {
  label: 'settings.security.window',
  min: 1,
  max: 24 * 60,
};

const specs: readonly SettingSpec[] = [
  {
    key: 'security.autoLockMinutes',
    title: 'settings.security.autoLock.title',
    explain: 'settings.security.autoLock.explain',
    fields: [{ name: 'minutes', label: 'settings.security.autoLock.minutes', min: 1, max: 240 }],
    read: (snapshot) => ({ minutes: snapshot['security.autoLockMinutes'] }),
    build: (values) => values['minutes'],
  },
  {
    key: 'audit.afterHours',
    title: 'settings.security.afterHours.title',
    explain: 'settings.security.afterHours.explain',
    fields: [
      { name: 'startHour', label: 'settings.security.afterHours.start', min: 0, max: 23 },
      { name: 'endHour', label: 'settings.security.afterHours.end', min: 0, max: 23 },
    ],
    read: (snapshot) => ({ ...snapshot['audit.afterHours'] }),
    build: (values) => ({ startHour: values['startHour'], endHour: values['endHour'] }),
  },
  {
    key: 'audit.rapidAccess',
    title: 'settings.security.rapid.title',
    explain: 'settings.security.rapid.explain',
    fields: [
      { name: 'patients', label: 'settings.security.rapid.patients', min: 2, max: 10_000 },
      { name: 'windowMinutes', ...WINDOW },
    ],
    read: (snapshot) => ({ ...snapshot['audit.rapidAccess'] }),
    build: (values) => ({ patients: values['patients'], windowMinutes: values['windowMinutes'] }),
  },
  {
    key: 'audit.bulkExport',
    title: 'settings.security.bulk.title',
    explain: 'settings.security.bulk.explain',
    fields: [
      { name: 'actions', label: 'settings.security.bulk.actions', min: 2, max: 10_000 },
      { name: 'windowMinutes', ...WINDOW },
    ],
    read: (snapshot) => ({ ...snapshot['audit.bulkExport'] }),
    build: (values) => ({ actions: values['actions'], windowMinutes: values['windowMinutes'] }),
  },
];

/** What was typed, as a number when it is one (Persian digits too); otherwise as typed. */
function parseWhole(text: string): number | string {
  const ascii = toAsciiDigits(text).trim();
  return /^\d{1,9}$/.test(ascii) ? Number(ascii) : ascii;
}

function outOfRange(value: number | string, spec: NumberSpec): boolean {
  return typeof value !== 'number' || value < spec.min || value > spec.max;
}

function SettingForm({ spec, snapshot }: { spec: SettingSpec; snapshot: SettingsSnapshot }) {
  const client = useClient();
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const id = useId();
  const titleId = `${id}-title`;
  const textsOf = (values: Record<string, number>) =>
    Object.fromEntries(spec.fields.map((field) => [field.name, i18n.digits(values[field.name]!)]));
  const [texts, setTexts] = useState<Record<string, string>>(() => textsOf(spec.read(snapshot)));
  const save = useMutation({
    mutationFn: (value: unknown) => client.settings.set({ key: spec.key, value }),
    onSuccess: (next) => {
      queryClient.setQueryData(SETTINGS_QUERY, next);
      setTexts(textsOf(spec.read(next)));
      if (spec.key === 'security.autoLockMinutes') {
        void queryClient.invalidateQueries({ queryKey: SESSION_QUERY });
      }
    },
  });
  const values = Object.fromEntries(
    spec.fields.map((field) => [field.name, parseWhole(texts[field.name] ?? '')]),
  );
  const error = save.error ? shapeOf(save.error) : null;
  const message = error ? (i18n.fieldErrors(error)[spec.key] ?? i18n.errorText(error)) : null;
  // The core names the setting, not the part of it: mark the parts that are out of range, or all.
  const badFields = spec.fields.filter((field) => outOfRange(values[field.name]!, field));
  const isBad = (field: NumberSpec) =>
    Boolean(error) && (badFields.length === 0 || badFields.includes(field));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(spec.build(values));
  };
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <form onSubmit={submit} noValidate aria-labelledby={titleId}>
        <Stack spacing={1.5}>
          <Typography variant="subtitle1" component="h3" id={titleId} sx={{ fontWeight: 700 }}>
            {i18n.t(spec.title)}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {i18n.t(spec.explain)}
          </Typography>
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
            {spec.fields.map((field) => (
              <TextField
                key={field.name}
                label={i18n.t(field.label)}
                value={texts[field.name] ?? ''}
                onChange={(event) => {
                  if (save.isSuccess || save.isError) save.reset();
                  setTexts({ ...texts, [field.name]: event.target.value });
                }}
                error={isBad(field)}
                helperText={i18n.t('settings.security.range', { min: field.min, max: field.max })}
                sx={{ width: 240 }}
                slotProps={{ htmlInput: { inputMode: 'numeric', autoComplete: 'off' } }}
              />
            ))}
            <Button type="submit" variant="contained" disabled={save.isPending} sx={{ mt: 0.25 }}>
              {i18n.t('common.save')}
            </Button>
          </Box>
          {message ? (
            <Alert severity="error" role="alert">
              {message}
            </Alert>
          ) : null}
          {save.isSuccess ? (
            <Alert severity="success" role="status">
              {i18n.t('settings.security.saved')}
            </Alert>
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}

export function SecuritySection() {
  const client = useClient();
  const i18n = useI18n();
  const settings = useQuery({ queryKey: SETTINGS_QUERY, queryFn: () => client.settings.get() });
  return (
    <Stack spacing={2} component="section" aria-labelledby="settings-security-title">
      <Typography variant="h6" component="h2" id="settings-security-title">
        {i18n.t('settings.security.title')}
      </Typography>
      <Typography color="text.secondary">{i18n.t('settings.security.intro')}</Typography>
      <QueryState query={settings}>
        {(snapshot) => (
          <Stack spacing={2}>
            {specs.map((spec) => (
              <SettingForm key={spec.key} spec={spec} snapshot={snapshot} />
            ))}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}

import CheckCircle from '@mui/icons-material/CheckCircle';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { formatMinute, parseMinute, toInstant } from '../../../electron/shared/dates/clinic-time';
import {
  consentGivers,
  consentMethods,
  type ConsentGivenBy,
  type ConsentMethod,
  type ConsentSummary,
} from '../../../electron/shared/recording';
import { useClient } from '../../api/client';
import { ErrorAlert, shapeOf } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';
import { calendarKeys } from '../calendar/model';
import { recordingKeys } from './model';

/** "Verbal consent from the patient, 28 Azar 1405, 09:12". */
export function ConsentLine({ consent }: { consent: ConsentSummary }) {
  const i18n = useI18n();
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <CheckCircle color="success" fontSize="small" aria-hidden />
      <Typography variant="body2">
        {i18n.t('recording.consent.given', {
          method: i18n.t(`recording.consent.method.${consent.method}`),
          givenBy: i18n.t(`recording.consent.givenBy.${consent.givenBy}`),
          at: consent.consentedAt,
        })}
        {consent.note ? ` — ${consent.note}` : ''}
      </Typography>
    </Stack>
  );
}

/**
 * Consent before anything is recorded: how it was given, by whom, and when — now by default, or
 * an earlier time today (taken at reception); a note. The core refuses to start a recording
 * without it.
 */
export function ConsentForm({ encounterId }: { encounterId: string }) {
  const client = useClient();
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const now = useQuery({ queryKey: calendarKeys.now, queryFn: () => client.schedule.now() });
  const [method, setMethod] = useState<ConsentMethod>('verbal');
  const [givenBy, setGivenBy] = useState<ConsentGivenBy>('patient');
  const [time, setTime] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [timeError, setTimeError] = useState(false);
  const nowText = now.data ? formatMinute(now.data.minute) : '';
  const shownTime = time ?? i18n.digits(nowText);
  const record = useMutation({
    mutationFn: (consentedAt: string | undefined) =>
      client.recording.consent({
        encounterId,
        method,
        givenBy,
        ...(consentedAt ? { consentedAt } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    onSuccess: (consent) => {
      queryClient.setQueryData(recordingKeys.consents(encounterId), [consent]);
      void queryClient.invalidateQueries({ queryKey: recordingKeys.consents(encounterId) });
    },
  });
  const fields = record.error ? i18n.fieldErrors(shapeOf(record.error)) : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    let consentedAt: string | undefined;
    // Left as it was: "now" by the core's clock. Changed: that time today in the clinic's zone.
    if (time !== null && now.data) {
      const minute = parseMinute(time);
      if (minute === null) {
        setTimeError(true);
        return;
      }
      if (minute !== now.data.minute) {
        consentedAt = toInstant(now.data.date, minute, now.data.timeZone);
      }
    }
    setTimeError(false);
    record.mutate(consentedAt);
  };
  return (
    <Paper component="section" aria-labelledby="consent-title" sx={{ p: 2 }}>
      <form onSubmit={submit} noValidate>
        <Typography id="consent-title" variant="h6" component="h2">
          {i18n.t('recording.consent.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {i18n.t('recording.consent.intro')}
        </Typography>
        <Stack spacing={2}>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={3}>
            <FormControl>
              <FormLabel id="consent-method-label">{i18n.t('recording.consent.method')}</FormLabel>
              <RadioGroup
                row
                aria-labelledby="consent-method-label"
                name="consent-method"
                value={method}
                onChange={(event) => setMethod(event.target.value as ConsentMethod)}
              >
                {consentMethods.map((value) => (
                  <FormControlLabel
                    key={value}
                    value={value}
                    control={<Radio />}
                    label={i18n.t(`recording.consent.method.${value}`)}
                  />
                ))}
              </RadioGroup>
            </FormControl>
            <FormControl>
              <FormLabel id="consent-given-by-label">
                {i18n.t('recording.consent.givenBy')}
              </FormLabel>
              <RadioGroup
                row
                aria-labelledby="consent-given-by-label"
                name="consent-given-by"
                value={givenBy}
                onChange={(event) => setGivenBy(event.target.value as ConsentGivenBy)}
              >
                {consentGivers.map((value) => (
                  <FormControlLabel
                    key={value}
                    value={value}
                    control={<Radio />}
                    label={i18n.t(`recording.consent.givenBy.${value}`)}
                  />
                ))}
              </RadioGroup>
            </FormControl>
          </Stack>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            <TextField
              id="consent-time"
              label={i18n.t('recording.consent.time')}
              value={shownTime}
              onChange={(event) => setTime(event.target.value)}
              error={timeError || Boolean(fields['consentedAt'])}
              helperText={
                timeError
                  ? i18n.t('recording.consent.timeInvalid')
                  : (fields['consentedAt'] ?? i18n.t('recording.consent.timeHelp'))
              }
              slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'numeric' } }}
              sx={{ minWidth: { sm: '16rem' } }}
            />
            <TextField
              id="consent-note"
              label={i18n.t('recording.consent.note')}
              value={note}
              onChange={(event) => setNote(event.target.value)}
              error={Boolean(fields['note'])}
              helperText={fields['note']}
              fullWidth
              multiline
              maxRows={4}
            />
          </Stack>
          {record.error && Object.keys(fields).length === 0 ? (
            <ErrorAlert error={record.error} />
          ) : null}
          <div>
            <Button
              type="submit"
              variant="contained"
              loading={record.isPending}
              disabled={!now.data}
            >
              {i18n.t('recording.consent.submit')}
            </Button>
          </div>
        </Stack>
      </form>
    </Paper>
  );
}

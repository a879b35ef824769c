import Alert from '@mui/material/Alert';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Preferences } from '../../../electron/shared/preferences';
import { useClient } from '../../api/client';
import { PREFS_QUERY } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryState } from '../../components/QueryState';
import { useI18n } from '../../i18n/i18n';

type Language = Preferences['language'];

/**
 * The workstation's language. Saving writes the answer into the preferences cache, so the whole
 * app (text, direction, calendar) switches at once.
 */
export function LanguageSection() {
  const client = useClient();
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const prefs = useQuery({ queryKey: PREFS_QUERY, queryFn: () => client.prefs.get() });
  // The choice shows at once (a controlled radio would otherwise wait for the answer).
  const [chosen, setChosen] = useState<Language | null>(null);
  const save = useMutation({
    mutationFn: (language: Language) => client.prefs.set({ language }),
    onSuccess: (next) => queryClient.setQueryData(PREFS_QUERY, next),
    onSettled: () => setChosen(null),
  });
  return (
    <Stack spacing={2} component="section" aria-labelledby="settings-language-title">
      <Typography variant="h6" component="h2" id="settings-language-title">
        {i18n.t('settings.language.title')}
      </Typography>
      <Typography color="text.secondary">{i18n.t('settings.language.intro')}</Typography>
      <QueryState query={prefs}>
        {(data) => (
          <FormControl component="fieldset">
            <FormLabel component="legend">{i18n.t('settings.language.legend')}</FormLabel>
            <RadioGroup
              name="language"
              value={chosen ?? data.language}
              onChange={(event) => {
                const language = event.target.value as Language;
                setChosen(language);
                save.mutate(language);
              }}
            >
              <FormControlLabel value="fa" control={<Radio />} label={i18n.t('language.fa')} />
              <FormControlLabel value="en" control={<Radio />} label={i18n.t('language.en')} />
            </RadioGroup>
          </FormControl>
        )}
      </QueryState>
      {save.isSuccess ? (
        <Alert severity="success" role="status">
          {i18n.t('settings.language.saved')}
        </Alert>
      ) : null}
      {save.error ? <ErrorAlert error={save.error} /> : null}
    </Stack>
  );
}

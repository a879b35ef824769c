import Paper from '@mui/material/Paper';
import { Empty } from '../components/QueryState';
import { PageHeader } from '../components/PageHeader';
import { useI18n } from '../i18n/i18n';
import type { UiStringKey } from '../i18n/strings';

/** A section of the navigation that a later release fills in; it says so instead of pretending. */
export function LaterScreen({ section }: { section: UiStringKey }) {
  const i18n = useI18n();
  const name = i18n.t(section);
  return (
    <>
      <PageHeader title={name} />
      <Paper>
        <Empty title={i18n.t('later.title')}>{i18n.t('later.body', { section: name })}</Empty>
      </Paper>
    </>
  );
}

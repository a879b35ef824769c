import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { ErrorAlert } from './ErrorAlert';

export function Loading({ label }: { label?: string }) {
  const i18n = useI18n();
  return (
    <Box
      role="status"
      aria-live="polite"
      sx={{ display: 'flex', alignItems: 'center', gap: 2, p: 3 }}
    >
      <CircularProgress size={24} aria-hidden />
      <Typography>{label ?? i18n.t('common.loading')}</Typography>
    </Box>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Box sx={{ p: 4, textAlign: 'center', color: 'text.secondary' }}>
      <Typography variant="h6" component="p">
        {title}
      </Typography>
      {children}
    </Box>
  );
}

/** Loading, error and ready states of one query, the same way on every screen. */
export function QueryState<T>({
  query,
  children,
}: {
  query: { isPending: boolean; error: unknown; data: T | undefined; refetch: () => unknown };
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.error || query.data === undefined) {
    return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  }
  return <>{children(query.data)}</>;
}

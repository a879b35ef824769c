import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { Empty, QueryState } from '../../components/QueryState';

/**
 * One list-and-edit section of the settings screen: a heading with its main action, a line on
 * what the list is for, the notice of the last change (closable, announced), then the content.
 */
export function SettingsSection({
  id,
  title,
  intro,
  action,
  notice,
  onNoticeClose,
  children,
}: {
  /** Names the section's heading element, `settings-<id>-title`. */
  id: string;
  title: string;
  intro: string;
  action?: { label: string; icon: ReactNode; onClick: () => void; disabled?: boolean };
  notice: string | null;
  onNoticeClose: () => void;
  children: ReactNode;
}) {
  const titleId = `settings-${id}-title`;
  return (
    <Stack spacing={2} component="section" aria-labelledby={titleId}>
      <Box
        sx={{
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          gap: 2,
          flexWrap: 'wrap',
        }}
      >
        <Typography variant="h6" component="h2" id={titleId}>
          {title}
        </Typography>
        {action ? (
          <Button
            variant="contained"
            startIcon={action.icon}
            disabled={action.disabled ?? false}
            onClick={action.onClick}
          >
            {action.label}
          </Button>
        ) : null}
      </Box>
      <Typography color="text.secondary">{intro}</Typography>
      {notice ? (
        <Alert severity="success" role="status" onClose={onNoticeClose}>
          {notice}
        </Alert>
      ) : null}
      {children}
    </Stack>
  );
}

/**
 * A settings list as a table, through its loading, error and empty states: one header cell per
 * column, one row per item (`row` gives the whole `TableRow`).
 */
export function SettingsTable<T>({
  query,
  label,
  empty,
  columns,
  row,
}: {
  query: { isPending: boolean; error: unknown; data: T[] | undefined; refetch: () => unknown };
  /** The table's accessible name. */
  label: string;
  /** What an empty list says. */
  empty: string;
  columns: readonly string[];
  row: (item: T) => ReactNode;
}) {
  return (
    <QueryState query={query}>
      {(list) =>
        list.length === 0 ? (
          <Empty title={empty} />
        ) : (
          <TableContainer>
            <Table size="small" aria-label={label}>
              <TableHead>
                <TableRow>
                  {columns.map((column) => (
                    <TableCell key={column}>{column}</TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>{list.map(row)}</TableBody>
            </Table>
          </TableContainer>
        )
      }
    </QueryState>
  );
}

/** Whether an item is in use, as a small outlined chip (green when active). */
export function ActiveChip({ active, label }: { active: boolean; label: string }) {
  return (
    <Chip size="small" variant="outlined" color={active ? 'success' : 'default'} label={label} />
  );
}

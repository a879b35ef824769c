import Add from '@mui/icons-material/Add';
import Delete from '@mui/icons-material/Delete';
import Edit from '@mui/icons-material/Edit';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Fragment, type ReactNode } from 'react';
import type { EvidenceFlag, Evidence, SoapContent } from '../../../electron/shared/soap';
import { useI18n } from '../../i18n/i18n';
import type { UiStringKey } from '../../i18n/strings';
import { EvidenceLinks } from './evidence';
import { FlagNotes } from './flags';
import type { EditTarget } from './ItemDialog';
import { flagsOfItem, rowElementId, vitalText, type ListKind } from './model';

/** Read by screen readers, not shown (the actions column's header). */
const visuallyHidden = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

interface Row {
  readonly id: string;
  /** What the row is called in the names of its buttons ("Amoxicillin", "J02.9 Pharyngitis"). */
  readonly name: string;
  readonly cells: readonly ReactNode[];
  readonly evidence: readonly Evidence[];
}

interface ListProps {
  readonly flags: readonly EvidenceFlag[];
  readonly editable: boolean;
  readonly onEdit: (target: EditTarget) => void;
  readonly onDelete: (list: ListKind, itemId: string) => void;
}

const TITLES: Readonly<Record<ListKind, UiStringKey>> = {
  vitals: 'report.list.vitals',
  diagnoses: 'report.list.diagnoses',
  medications: 'report.list.medications',
  labOrders: 'report.list.labOrders',
  followUp: 'report.list.followUp',
};

function ListTable({
  list,
  columns,
  rows,
  flags,
  editable,
  onEdit,
  onDelete,
  canAdd,
}: ListProps & {
  list: ListKind;
  columns: readonly UiStringKey[];
  rows: readonly Row[];
  canAdd: boolean;
}) {
  const i18n = useI18n();
  const titleId = `report-list-${list}-title`;
  const span = columns.length + (editable ? 1 : 0);
  return (
    <Box component="section" aria-labelledby={titleId}>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography id={titleId} variant="subtitle1" component="h3" sx={{ fontWeight: 700 }}>
          {i18n.t(TITLES[list])}
        </Typography>
        {editable && canAdd ? (
          <Button
            size="small"
            startIcon={<Add />}
            onClick={() => onEdit({ list, itemId: null })}
            aria-label={i18n.t(`report.item.add.${list}`)}
          >
            {i18n.t('report.list.add')}
          </Button>
        ) : null}
      </Stack>
      {rows.length === 0 ? (
        <Typography variant="body2" color="text.secondary" sx={{ py: 0.5 }}>
          {i18n.t('report.list.empty')}
        </Typography>
      ) : (
        <Table size="small" aria-labelledby={titleId} sx={{ '& td, & th': { px: 1 } }}>
          <TableHead>
            <TableRow>
              {columns.map((column) => (
                <TableCell key={column}>{i18n.t(column)}</TableCell>
              ))}
              {editable ? (
                <TableCell sx={{ width: 88 }}>
                  <Box component="span" sx={visuallyHidden}>
                    {i18n.t('report.list.actions')}
                  </Box>
                </TableCell>
              ) : null}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row) => {
              const rowFlags = flagsOfItem(flags, list, row.id);
              const open = rowFlags.some((flag) => flag.resolution === null);
              const details = row.evidence.length > 0 || rowFlags.length > 0;
              return (
                <Fragment key={row.id}>
                  <TableRow
                    id={rowElementId(list, row.id)}
                    tabIndex={-1}
                    sx={{
                      '& > td': details ? { borderBottom: 0 } : {},
                      bgcolor: open ? 'rgba(237, 108, 2, 0.04)' : undefined,
                      scrollMarginBlock: '5rem',
                    }}
                  >
                    {row.cells.map((cell, index) => (
                      <TableCell key={index} sx={{ verticalAlign: 'top' }}>
                        {cell}
                      </TableCell>
                    ))}
                    {editable ? (
                      <TableCell sx={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                        <IconButton
                          size="small"
                          onClick={() => onEdit({ list, itemId: row.id })}
                          aria-label={i18n.t('report.list.editLabel', { name: row.name })}
                        >
                          <Edit fontSize="small" />
                        </IconButton>
                        <IconButton
                          size="small"
                          onClick={() => onDelete(list, row.id)}
                          aria-label={i18n.t('report.list.deleteLabel', {
                            name: row.name,
                          })}
                        >
                          <Delete fontSize="small" />
                        </IconButton>
                      </TableCell>
                    ) : null}
                  </TableRow>
                  {details ? (
                    <TableRow>
                      <TableCell colSpan={span} sx={{ pt: 0 }}>
                        <Stack spacing={0.5}>
                          <EvidenceLinks evidence={row.evidence} />
                          <FlagNotes flags={rowFlags} />
                        </Stack>
                      </TableCell>
                    </TableRow>
                  ) : null}
                </Fragment>
              );
            })}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}

/** Latin text (drug names, doses, codes) kept in its own direction inside a Persian table. */
function Latin({ children }: { children: string }) {
  return (
    <span dir="auto" style={{ unicodeBidi: 'isolate' }}>
      {children}
    </span>
  );
}

/**
 * The structured part of the report, each list editable row by row: vitals, diagnoses with their
 * ICD-10 codes, the prescription (name, dose, route, frequency, duration), lab orders and the
 * follow-up. Every row shows the transcript evidence behind it and any flag about it.
 */
export function StructuredLists({
  content,
  ...props
}: ListProps & {
  content: SoapContent;
}) {
  const i18n = useI18n();
  const dash = i18n.t('common.none');
  const orDash = (text: string) => (text.trim() === '' ? dash : <Latin>{text}</Latin>);
  const follow = content.followUp;
  return (
    <Paper component="section" aria-labelledby="report-lists-title" sx={{ p: 2 }}>
      <Typography id="report-lists-title" variant="h6" component="h2" sx={{ mb: 1 }}>
        {i18n.t('report.lists.title')}
      </Typography>
      <Stack spacing={2.5}>
        <ListTable
          list="vitals"
          columns={['report.col.vital', 'report.col.value']}
          rows={content.vitals.map((vital) => ({
            id: vital.id,
            name: i18n.t(`report.vital.${vital.kind}`),
            evidence: vital.evidence,
            cells: [i18n.t(`report.vital.${vital.kind}`), vitalText(i18n, vital.value, vital.unit)],
          }))}
          canAdd
          {...props}
        />
        <ListTable
          list="diagnoses"
          columns={['report.col.icd10', 'report.col.diagnosis']}
          rows={content.diagnoses.map((diagnosis) => ({
            id: diagnosis.id,
            name: [diagnosis.icd10, diagnosis.title].filter(Boolean).join(' '),
            evidence: diagnosis.evidence,
            cells: [
              diagnosis.icd10 ? <bdi dir="ltr">{diagnosis.icd10}</bdi> : dash,
              orDash(diagnosis.title),
            ],
          }))}
          canAdd
          {...props}
        />
        <ListTable
          list="medications"
          columns={[
            'report.col.drug',
            'report.col.dose',
            'report.col.route',
            'report.col.frequency',
            'report.col.duration',
          ]}
          rows={content.medications.map((medication) => ({
            id: medication.id,
            name: medication.name,
            evidence: medication.evidence,
            cells: [
              orDash(medication.name),
              orDash(medication.dose),
              orDash(medication.route),
              orDash(medication.frequency),
              orDash(medication.duration),
            ],
          }))}
          canAdd
          {...props}
        />
        <ListTable
          list="labOrders"
          columns={['report.col.test', 'report.col.reason']}
          rows={content.labOrders.map((order) => ({
            id: order.id,
            name: order.name,
            evidence: order.evidence,
            cells: [orDash(order.name), orDash(order.reason)],
          }))}
          canAdd
          {...props}
        />
        <ListTable
          list="followUp"
          columns={['report.col.interval', 'report.col.reason']}
          rows={
            follow
              ? [
                  {
                    id: 'follow_up',
                    name: follow.interval,
                    evidence: follow.evidence,
                    cells: [orDash(follow.interval), orDash(follow.reason)],
                  },
                ]
              : []
          }
          canAdd={follow === null}
          {...props}
        />
      </Stack>
    </Paper>
  );
}

import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { VisitType } from '../../../electron/shared/scheduling';
import { useClient } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { groupedNumber } from './schedule-format';
import { scheduleKeys, SCHEDULE_QUERY } from './schedule-queries';
import { ActiveChip, SettingsSection, SettingsTable } from './SettingsTable';
import { VisitTypeDialog } from './VisitTypeDialog';

/** The clinic's visit types: names, colour, default duration and fee, active or not. */
export function VisitTypesSection() {
  const client = useClient();
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const types = useQuery({
    queryKey: scheduleKeys.visitTypes,
    queryFn: () => client.schedule.visitTypes(),
  });
  const [editing, setEditing] = useState<VisitType | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const nameOf = (type: VisitType) => (i18n.language === 'fa' ? type.nameFa : type.nameEn);

  return (
    <SettingsSection
      id="visit-types"
      title={i18n.t('settings.visitTypes.title')}
      intro={i18n.t('settings.visitTypes.intro')}
      notice={notice}
      onNoticeClose={() => setNotice(null)}
    >
      <SettingsTable
        query={types}
        label={i18n.t('settings.visitTypes.table')}
        empty={i18n.t('settings.visitTypes.empty')}
        columns={[
          i18n.t('settings.visitTypes.col.nameFa'),
          i18n.t('settings.visitTypes.col.nameEn'),
          i18n.t('settings.visitTypes.col.color'),
          i18n.t('settings.visitTypes.col.duration'),
          i18n.t('settings.visitTypes.col.fee'),
          i18n.t('settings.visitTypes.col.status'),
          i18n.t('settings.visitTypes.col.actions'),
        ]}
        row={(type) => (
          <TableRow key={type.code} hover>
            <TableCell component="th" scope="row">
              <span lang="fa" dir="rtl">
                {type.nameFa}
              </span>
            </TableCell>
            <TableCell>
              <span lang="en" dir="ltr">
                {type.nameEn}
              </span>
            </TableCell>
            <TableCell>
              <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                <Swatch color={type.color} />
                <span className="ltr">{type.color}</span>
              </Box>
            </TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>
              {i18n.t('settings.visitTypes.minutes', { count: type.defaultDurationMinutes })}
            </TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>
              {i18n.t('settings.visitTypes.rials', {
                amount: groupedNumber(i18n, type.defaultFee),
              })}
            </TableCell>
            <TableCell>
              <ActiveChip
                active={type.isActive}
                label={i18n.t(
                  type.isActive ? 'settings.visitTypes.active' : 'settings.visitTypes.inactive',
                )}
              />
            </TableCell>
            <TableCell>
              <Button
                size="small"
                aria-label={i18n.t('settings.visitTypes.editLabel', { name: nameOf(type) })}
                onClick={() => {
                  setNotice(null);
                  setEditing(type);
                }}
              >
                {i18n.t('common.edit')}
              </Button>
            </TableCell>
          </TableRow>
        )}
      />
      <VisitTypeDialog
        type={editing}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          setEditing(null);
          setNotice(i18n.t('settings.visitTypes.saved', { name: nameOf(saved) }));
          queryClient.setQueryData<VisitType[]>(scheduleKeys.visitTypes, (list) =>
            list?.map((type) => (type.code === saved.code ? saved : type)),
          );
          void queryClient.invalidateQueries({ queryKey: scheduleKeys.visitTypes });
          void queryClient.invalidateQueries({ queryKey: SCHEDULE_QUERY });
        }}
      />
    </SettingsSection>
  );
}

/** A small square of the colour (decorative: the code is written beside it). */
function Swatch({ color }: { color: string }) {
  return (
    <Box
      component="span"
      aria-hidden
      sx={{
        display: 'inline-block',
        width: 18,
        height: 18,
        borderRadius: 0.5,
        bgcolor: color,
        border: 1,
        borderColor: 'divider',
        flexShrink: 0,
        verticalAlign: 'middle',
      }}
    />
  );
}

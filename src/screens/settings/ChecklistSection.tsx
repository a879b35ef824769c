import Add from '@mui/icons-material/Add';
import Autocomplete from '@mui/material/Autocomplete';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type { checklistItemInputSchema } from '../../../electron/shared/reports';
import {
  checklistCategories,
  checklistPriorities,
  type ChecklistItem,
} from '../../../electron/shared/soap';
import { useClient } from '../../api/client';
import { shapeOf } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';
import { isolate } from '../patients/format';
import { itemTitle, PriorityChip } from '../report/ChecklistPanel';
import { reportKeys } from '../report/model';
import { ActiveChip, SettingsSection, SettingsTable } from './SettingsTable';
import { FormDialog } from '../../components/FormDialog';

type ItemInput = z.input<typeof checklistItemInputSchema>;

const CODE = /^[a-z0-9_]{1,64}$/;
const KEYWORDS_SHOWN = 4;

/**
 * Words typed as chips: Enter, a comma or leaving the field adds the word; each chip can be
 * removed. Used for the checklist's keywords, Persian and English alike.
 */
export function ChipInput({
  id,
  label,
  helperText,
  value,
  onChange,
}: {
  id: string;
  label: string;
  helperText: string;
  value: readonly string[];
  onChange: (value: string[]) => void;
}) {
  const [typing, setTyping] = useState('');
  const add = (words: string[]) => {
    const next = [...value];
    for (const word of words.map((w) => w.trim()).filter(Boolean)) {
      if (!next.includes(word)) next.push(word.slice(0, 100));
    }
    onChange(next);
  };
  return (
    <Autocomplete<string, true, false, true>
      multiple
      freeSolo
      autoSelect
      id={id}
      options={[]}
      value={[...value]}
      inputValue={typing}
      onInputChange={(_event, text) => {
        // A comma (Latin or Persian) ends a word, as Enter does.
        if (/[,،]/.test(text)) {
          add(text.split(/[,،]/));
          setTyping('');
        } else setTyping(text);
      }}
      onChange={(_event, next) => onChange(next.map((word) => word.trim()).filter(Boolean))}
      renderValue={(words, itemProps) =>
        words.map((word, index) => {
          const { key, ...props } = itemProps({ index });
          // Each word in its own direction: "#number" must not turn into "number#".
          return <Chip key={key} size="small" label={<bdi>{word}</bdi>} {...props} />;
        })
      }
      renderInput={(params) => <TextField {...params} label={label} helperText={helperText} />}
    />
  );
}

/** The first few keywords, each in its own direction, and how many more there are. */
function Keywords({ words }: { words: readonly string[] }) {
  const i18n = useI18n();
  if (words.length === 0) return <>{i18n.t('common.none')}</>;
  const shown = words.slice(0, KEYWORDS_SHOWN);
  return (
    <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5, alignItems: 'center' }}>
      {shown.map((word) => (
        <Chip key={word} size="small" variant="outlined" label={<bdi>{word}</bdi>} />
      ))}
      {words.length > shown.length ? (
        <Typography variant="caption" color="text.secondary">
          {i18n.t('settings.checklist.moreKeywords', { count: words.length - shown.length })}
        </Typography>
      ) : null}
    </Stack>
  );
}

function inputOf(item: ChecklistItem | null): ItemInput {
  return item
    ? {
        id: item.id,
        code: item.code,
        title: item.title,
        titleEn: item.titleEn,
        description: item.description,
        category: item.category,
        priority: item.priority,
        keywords: { any: [...item.keywords.any], details: [...item.keywords.details] },
        questionTemplate: item.questionTemplate,
        isActive: item.isActive,
      }
    : {
        code: '',
        title: '',
        titleEn: '',
        description: '',
        category: 'subjective',
        priority: 'medium',
        keywords: { any: [], details: [] },
        questionTemplate: '',
        isActive: true,
      };
}

/** One catalog item: what it is, when it counts as covered, what to ask when it is not. */
function CatalogItemDialog({
  item,
  onClose,
  onSaved,
}: {
  item: ChecklistItem | null;
  onClose: () => void;
  onSaved: (item: ChecklistItem) => void;
}) {
  const client = useClient();
  const i18n = useI18n();
  const [form, setForm] = useState<ItemInput>(() => inputOf(item));
  const [tried, setTried] = useState(false);
  const save = useMutation({
    mutationFn: (input: ItemInput) => client.checklist.saveItem(input),
    onSuccess: onSaved,
  });
  const core = save.error ? i18n.fieldErrors(shapeOf(save.error)) : {};
  const general =
    save.error && Object.keys(core).length === 0 ? i18n.errorText(shapeOf(save.error)) : null;
  const codeProblem = tried && !CODE.test(form.code) ? i18n.t('settings.checklist.codeHint') : null;
  const titleProblem = tried && !form.title.trim() ? i18n.t('settings.checklist.required') : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!CODE.test(form.code) || !form.title.trim()) return;
    save.mutate(form);
  };
  const set = (part: Partial<ItemInput>) => setForm({ ...form, ...part });
  return (
    <FormDialog
      titleId="checklist-item-title"
      title={
        item
          ? i18n.t('settings.checklist.editTitle', { title: isolate(item.title) })
          : i18n.t('settings.checklist.addTitle')
      }
      maxWidth="md"
      onClose={onClose}
      onSubmit={submit}
      saving={save.isPending}
      error={general}
    >
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <TextField
          id="checklist-item-title-fa"
          label={i18n.t('settings.checklist.field.title')}
          value={form.title}
          onChange={(event) => set({ title: event.target.value })}
          required
          autoFocus
          error={Boolean(titleProblem ?? core['title'])}
          helperText={titleProblem ?? core['title'] ?? ' '}
          slotProps={{ htmlInput: { lang: 'fa', dir: 'rtl', maxLength: 500 } }}
        />
        <TextField
          id="checklist-item-title-en"
          label={i18n.t('settings.checklist.field.titleEn')}
          value={form.titleEn}
          onChange={(event) => set({ titleEn: event.target.value })}
          helperText={core['titleEn'] ?? ' '}
          slotProps={{ htmlInput: { lang: 'en', dir: 'ltr', maxLength: 500 } }}
        />
      </Stack>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <TextField
          id="checklist-item-code"
          label={i18n.t('settings.checklist.field.code')}
          value={form.code}
          onChange={(event) => set({ code: event.target.value.toLowerCase() })}
          required
          error={Boolean(codeProblem ?? core['code'])}
          helperText={codeProblem ?? core['code'] ?? i18n.t('settings.checklist.codeHint')}
          slotProps={{ htmlInput: { dir: 'ltr', spellCheck: false, maxLength: 64 } }}
        />
        <TextField
          select
          id="checklist-item-category"
          label={i18n.t('settings.checklist.field.category')}
          value={form.category}
          onChange={(event) => set({ category: event.target.value as ItemInput['category'] })}
          helperText=" "
        >
          {checklistCategories.map((category) => (
            <MenuItem key={category} value={category}>
              {i18n.t(`settings.checklist.category.${category}`)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          id="checklist-item-priority"
          label={i18n.t('settings.checklist.field.priority')}
          value={form.priority}
          onChange={(event) => set({ priority: event.target.value as ItemInput['priority'] })}
          helperText=" "
        >
          {checklistPriorities.map((priority) => (
            <MenuItem key={priority} value={priority}>
              {i18n.t(`report.checklist.priority.${priority}`)}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      <TextField
        id="checklist-item-description"
        label={i18n.t('settings.checklist.field.description')}
        value={form.description}
        onChange={(event) => set({ description: event.target.value })}
        multiline
        minRows={2}
        slotProps={{ htmlInput: { maxLength: 2000 } }}
      />
      <ChipInput
        id="checklist-item-keywords"
        label={i18n.t('settings.checklist.field.keywords')}
        helperText={i18n.t('settings.checklist.keywordsHint')}
        value={form.keywords.any}
        onChange={(any) => set({ keywords: { ...form.keywords, any } })}
      />
      <ChipInput
        id="checklist-item-details"
        label={i18n.t('settings.checklist.field.details')}
        helperText={i18n.t('settings.checklist.detailsHint')}
        value={form.keywords.details}
        onChange={(details) => set({ keywords: { ...form.keywords, details } })}
      />
      <TextField
        id="checklist-item-question"
        label={i18n.t('settings.checklist.field.question')}
        value={form.questionTemplate}
        onChange={(event) => set({ questionTemplate: event.target.value })}
        helperText={i18n.t('settings.checklist.questionHint')}
        multiline
        slotProps={{ htmlInput: { maxLength: 1000 } }}
      />
      <FormControlLabel
        control={
          <Switch
            checked={form.isActive ?? true}
            onChange={(event) => set({ isActive: event.target.checked })}
          />
        }
        label={i18n.t('settings.checklist.field.active')}
      />
    </FormDialog>
  );
}

/**
 * The clinic's checklist catalog (administrators): the items every visit is checked against,
 * with their keywords, priority and the question to ask when one is missing.
 */
export function ChecklistSection() {
  const client = useClient();
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const items = useQuery({
    queryKey: reportKeys.items,
    queryFn: () => client.checklist.items(),
  });
  const [editing, setEditing] = useState<ChecklistItem | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <SettingsSection
      id="checklist"
      title={i18n.t('settings.checklist.title')}
      intro={i18n.t('settings.checklist.intro')}
      action={{
        label: i18n.t('settings.checklist.add'),
        icon: <Add />,
        onClick: () => {
          setNotice(null);
          setEditing('new');
        },
      }}
      notice={notice}
      onNoticeClose={() => setNotice(null)}
    >
      <SettingsTable
        query={items}
        label={i18n.t('settings.checklist.table')}
        empty={i18n.t('settings.checklist.empty')}
        columns={[
          i18n.t('settings.checklist.col.title'),
          i18n.t('settings.checklist.col.category'),
          i18n.t('settings.checklist.col.priority'),
          i18n.t('settings.checklist.col.keywords'),
          i18n.t('settings.checklist.col.status'),
          i18n.t('settings.checklist.col.actions'),
        ]}
        row={(item) => (
          <TableRow key={item.id} hover>
            <TableCell component="th" scope="row">
              <Typography variant="body2">{itemTitle(i18n, item)}</Typography>
              <Typography variant="caption" color="text.secondary" className="ltr">
                {item.code}
              </Typography>
            </TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>
              {i18n.t(`settings.checklist.category.${item.category}`)}
            </TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>
              {item.priority === 'low' || item.priority === 'medium' ? (
                i18n.t(`settings.checklist.priority.${item.priority}`)
              ) : (
                <PriorityChip priority={item.priority} />
              )}
            </TableCell>
            <TableCell>
              <Keywords words={item.keywords.any} />
            </TableCell>
            <TableCell>
              <ActiveChip
                active={item.isActive}
                label={i18n.t(
                  item.isActive ? 'settings.checklist.active' : 'settings.checklist.inactive',
                )}
              />
            </TableCell>
            <TableCell>
              <Button
                size="small"
                onClick={() => {
                  setNotice(null);
                  setEditing(item);
                }}
                aria-label={i18n.t('settings.checklist.editLabel', {
                  title: itemTitle(i18n, item),
                })}
              >
                {i18n.t('common.edit')}
              </Button>
            </TableCell>
          </TableRow>
        )}
      />
      {editing ? (
        <CatalogItemDialog
          item={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setNotice(i18n.t('settings.checklist.saved', { title: itemTitle(i18n, saved) }));
            queryClient.setQueryData<ChecklistItem[]>(reportKeys.items, (list) =>
              list?.some((item) => item.id === saved.id)
                ? list.map((item) => (item.id === saved.id ? saved : item))
                : [...(list ?? []), saved],
            );
            void queryClient.invalidateQueries({ queryKey: reportKeys.items });
          }}
        />
      ) : null}
    </SettingsSection>
  );
}

import Add from '@mui/icons-material/Add';
import Autocomplete from '@mui/material/Autocomplete';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type {
  SpecialtyTemplate,
  specialtyTemplateInputSchema,
} from '../../../electron/shared/reports';
import { soapSections, type ChecklistItem, type SoapSection } from '../../../electron/shared/soap';
import { useClient } from '../../api/client';
import { shapeOf } from '../../components/ErrorAlert';
import { useI18n, type I18n } from '../../i18n/i18n';
import { isolate } from '../patients/format';
import { itemTitle } from '../report/ChecklistPanel';
import { reportKeys } from '../report/model';
import { ActiveChip, SettingsSection, SettingsTable } from './SettingsTable';
import { FormDialog } from '../../components/FormDialog';

type TemplateInput = z.input<typeof specialtyTemplateInputSchema>;

const CODE = /^[a-z0-9_]{1,64}$/;

function inputOf(template: SpecialtyTemplate | null): TemplateInput {
  return template
    ? {
        id: template.id,
        code: template.code,
        name: template.name,
        nameEn: template.nameEn,
        specialty: template.specialty,
        description: template.description,
        isDefault: template.isDefault,
        prompt: template.prompt,
        sections: [...template.sections],
        itemIds: [...template.itemIds],
        isActive: template.isActive,
      }
    : {
        code: '',
        name: '',
        nameEn: '',
        specialty: '',
        description: '',
        isDefault: false,
        prompt: '',
        sections: [...soapSections],
        itemIds: [],
        isActive: true,
      };
}

function templateName(i18n: I18n, template: Pick<SpecialtyTemplate, 'name' | 'nameEn'>): string {
  return i18n.language === 'en' && template.nameEn ? template.nameEn : template.name;
}

/** A specialty template: its prompt to the model, the sections it writes, the checklist items. */
function TemplateDialog({
  template,
  items,
  onClose,
  onSaved,
}: {
  template: SpecialtyTemplate | null;
  items: readonly ChecklistItem[];
  onClose: () => void;
  onSaved: (template: SpecialtyTemplate) => void;
}) {
  const client = useClient();
  const i18n = useI18n();
  const [form, setForm] = useState<TemplateInput>(() => inputOf(template));
  const [tried, setTried] = useState(false);
  const save = useMutation({
    mutationFn: (input: TemplateInput) => client.templates.save(input),
    onSuccess: onSaved,
  });
  const set = (part: Partial<TemplateInput>) => setForm({ ...form, ...part });
  const core = save.error ? i18n.fieldErrors(shapeOf(save.error)) : {};
  const general =
    save.error && Object.keys(core).length === 0 ? i18n.errorText(shapeOf(save.error)) : null;
  const problems = {
    code: !CODE.test(form.code) ? i18n.t('settings.checklist.codeHint') : null,
    name: !form.name.trim() ? i18n.t('settings.checklist.required') : null,
    specialty: !form.specialty.trim() ? i18n.t('settings.checklist.required') : null,
    sections: form.sections.length === 0 ? i18n.t('settings.templates.sectionsRequired') : null,
  };
  const problem = (name: keyof typeof problems) => (tried ? problems[name] : null) ?? core[name];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (Object.values(problems).some(Boolean)) return;
    save.mutate(form);
  };
  const toggleSection = (section: SoapSection, on: boolean) =>
    set({
      sections: soapSections.filter((candidate) =>
        candidate === section ? on : form.sections.includes(candidate),
      ),
    });
  const chosen = items.filter((item) => form.itemIds.includes(item.id));
  return (
    <FormDialog
      titleId="template-title"
      title={
        template
          ? i18n.t('settings.templates.editTitle', { name: isolate(template.name) })
          : i18n.t('settings.templates.addTitle')
      }
      maxWidth="md"
      onClose={onClose}
      onSubmit={submit}
      saving={save.isPending}
      error={general}
    >
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <TextField
          id="template-name"
          label={i18n.t('settings.templates.field.name')}
          value={form.name}
          onChange={(event) => set({ name: event.target.value })}
          required
          autoFocus
          error={Boolean(problem('name'))}
          helperText={problem('name') ?? ' '}
          slotProps={{ htmlInput: { lang: 'fa', dir: 'rtl', maxLength: 200 } }}
        />
        <TextField
          id="template-name-en"
          label={i18n.t('settings.templates.field.nameEn')}
          value={form.nameEn}
          onChange={(event) => set({ nameEn: event.target.value })}
          helperText=" "
          slotProps={{ htmlInput: { lang: 'en', dir: 'ltr', maxLength: 200 } }}
        />
      </Stack>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <TextField
          id="template-specialty"
          label={i18n.t('settings.templates.field.specialty')}
          value={form.specialty}
          onChange={(event) => set({ specialty: event.target.value })}
          required
          error={Boolean(problem('specialty'))}
          helperText={problem('specialty') ?? ' '}
          slotProps={{ htmlInput: { maxLength: 100 } }}
        />
        <TextField
          id="template-code"
          label={i18n.t('settings.checklist.field.code')}
          value={form.code}
          onChange={(event) => set({ code: event.target.value.toLowerCase() })}
          required
          error={Boolean(problem('code'))}
          helperText={problem('code') ?? i18n.t('settings.checklist.codeHint')}
          slotProps={{ htmlInput: { dir: 'ltr', spellCheck: false, maxLength: 64 } }}
        />
      </Stack>
      <TextField
        id="template-description"
        label={i18n.t('settings.templates.field.description')}
        value={form.description}
        onChange={(event) => set({ description: event.target.value })}
        multiline
        slotProps={{ htmlInput: { maxLength: 2000 } }}
      />
      <TextField
        id="template-prompt"
        label={i18n.t('settings.templates.field.prompt')}
        value={form.prompt}
        onChange={(event) => set({ prompt: event.target.value })}
        helperText={core['prompt'] ?? i18n.t('settings.templates.promptHint')}
        multiline
        minRows={4}
        slotProps={{ htmlInput: { maxLength: 8000 } }}
      />
      <FormControl component="fieldset" error={Boolean(problem('sections'))}>
        <FormLabel component="legend">{i18n.t('settings.templates.field.sections')}</FormLabel>
        <FormGroup row>
          {soapSections.map((section) => (
            <FormControlLabel
              key={section}
              control={
                <Checkbox
                  checked={form.sections.includes(section)}
                  onChange={(event) => toggleSection(section, event.target.checked)}
                />
              }
              label={i18n.t(`report.section.${section}`)}
            />
          ))}
        </FormGroup>
        {problem('sections') ? <FormHelperText>{problem('sections')}</FormHelperText> : null}
      </FormControl>
      <Autocomplete<ChecklistItem, true>
        multiple
        id="template-items"
        options={[...items]}
        value={chosen}
        onChange={(_event, next) => set({ itemIds: next.map((item) => item.id) })}
        getOptionLabel={(item) => itemTitle(i18n, item)}
        isOptionEqualToValue={(option, value) => option.id === value.id}
        filterSelectedOptions
        renderInput={(params) => (
          <TextField
            {...params}
            label={i18n.t('settings.templates.field.items')}
            helperText={i18n.t('settings.templates.itemsHint')}
          />
        )}
      />
      <Stack direction="row" spacing={3}>
        <FormControlLabel
          control={
            <Switch
              checked={form.isDefault ?? false}
              onChange={(event) => set({ isDefault: event.target.checked })}
            />
          }
          label={i18n.t('settings.templates.field.default')}
        />
        <FormControlLabel
          control={
            <Switch
              checked={form.isActive ?? true}
              onChange={(event) => set({ isActive: event.target.checked })}
            />
          }
          label={i18n.t('settings.templates.field.active')}
        />
      </Stack>
    </FormDialog>
  );
}

/**
 * Specialty templates (administrators): for each specialty, what the model is told, which SOAP
 * sections it writes and which checklist items a visit of that kind is checked against.
 */
export function TemplatesSection() {
  const client = useClient();
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const templates = useQuery({
    queryKey: reportKeys.templates,
    queryFn: () => client.templates.list(),
  });
  const items = useQuery({
    queryKey: reportKeys.items,
    queryFn: () => client.checklist.items(),
  });
  const [editing, setEditing] = useState<SpecialtyTemplate | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <SettingsSection
      id="templates"
      title={i18n.t('settings.templates.title')}
      intro={i18n.t('settings.templates.intro')}
      action={{
        label: i18n.t('settings.templates.add'),
        icon: <Add />,
        disabled: !items.data,
        onClick: () => {
          setNotice(null);
          setEditing('new');
        },
      }}
      notice={notice}
      onNoticeClose={() => setNotice(null)}
    >
      <SettingsTable
        query={templates}
        label={i18n.t('settings.templates.table')}
        empty={i18n.t('settings.templates.empty')}
        columns={[
          i18n.t('settings.templates.col.name'),
          i18n.t('settings.templates.col.specialty'),
          i18n.t('settings.templates.col.sections'),
          i18n.t('settings.templates.col.items'),
          i18n.t('settings.templates.col.status'),
          i18n.t('settings.checklist.col.actions'),
        ]}
        row={(template) => (
          <TableRow key={template.id} hover>
            <TableCell component="th" scope="row">
              {templateName(i18n, template)}
              {template.isDefault ? (
                <Chip
                  size="small"
                  color="primary"
                  variant="outlined"
                  label={i18n.t('settings.templates.default')}
                  sx={{ marginInlineStart: 1 }}
                />
              ) : null}
            </TableCell>
            <TableCell>{template.specialty}</TableCell>
            <TableCell>
              {template.sections
                .map((section) => i18n.t(`settings.templates.letter.${section}`))
                .join(' ')}
            </TableCell>
            <TableCell>{i18n.digits(template.itemIds.length)}</TableCell>
            <TableCell>
              <ActiveChip
                active={template.isActive}
                label={i18n.t(
                  template.isActive ? 'settings.checklist.active' : 'settings.checklist.inactive',
                )}
              />
            </TableCell>
            <TableCell>
              <Button
                size="small"
                disabled={!items.data}
                onClick={() => {
                  setNotice(null);
                  setEditing(template);
                }}
                aria-label={i18n.t('settings.templates.editLabel', {
                  name: templateName(i18n, template),
                })}
              >
                {i18n.t('common.edit')}
              </Button>
            </TableCell>
          </TableRow>
        )}
      />
      {editing && items.data ? (
        <TemplateDialog
          template={editing === 'new' ? null : editing}
          items={items.data}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setNotice(i18n.t('settings.templates.saved', { name: templateName(i18n, saved) }));
            void queryClient.invalidateQueries({ queryKey: reportKeys.templates });
          }}
        />
      ) : null}
    </SettingsSection>
  );
}

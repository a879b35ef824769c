import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import MenuItem from '@mui/material/MenuItem';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import type { UserSummary, UserUpdateInput } from '../../../electron/shared/accounts';
import { roles, type Role } from '../../../electron/shared/roles';
import { useClient } from '../../api/client';
import { shapeOf } from '../../components/ErrorAlert';
import { PasswordField } from '../../components/PasswordField';
import { useI18n, type I18n } from '../../i18n/i18n';
import { FormDialog } from '../../components/FormDialog';

/** The core's field errors of a refused call, and its message when no field explains it. */
function errorsOf(i18n: I18n, error: unknown, known: readonly string[]) {
  if (!error) return { fields: {} as Record<string, string>, general: null };
  const shape = shapeOf(error);
  const raw = i18n.fieldErrors(shape);
  // users:update nests the changes: the contract reports 'changes.displayName'.
  const fields = Object.fromEntries(
    Object.entries(raw).map(([name, text]) => [name.replace(/^changes\./, ''), text]),
  );
  const explained = Object.keys(fields).some((name) => known.includes(name));
  return { fields, general: explained ? null : i18n.errorText(shape) };
}

function RoleSelect({
  value,
  onChange,
  error,
  disabled,
  helperText,
}: {
  value: Role;
  onChange: (role: Role) => void;
  error?: string | undefined;
  disabled?: boolean;
  helperText?: string | undefined;
}) {
  const i18n = useI18n();
  return (
    <TextField
      select
      id="user-role"
      label={i18n.t('settings.users.role')}
      required
      value={value}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value as Role)}
      error={Boolean(error)}
      helperText={error ?? helperText}
    >
      {roles.map((role) => (
        <MenuItem key={role} value={role}>
          {i18n.t(`role.${role}`)}
        </MenuItem>
      ))}
    </TextField>
  );
}

const EMPTY_NEW_USER = {
  username: '',
  displayName: '',
  role: 'staff' as Role,
  specialty: '',
  medicalCouncilNo: '',
  password: '',
  confirm: '',
};
const NEW_USER_FIELDS = [
  'username',
  'displayName',
  'role',
  'specialty',
  'medicalCouncilNo',
  'password',
] as const;

export function AddUserDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (user: UserSummary) => void;
}) {
  const client = useClient();
  const i18n = useI18n();
  const [form, setForm] = useState(EMPTY_NEW_USER);
  const [mismatch, setMismatch] = useState(false);
  const create = useMutation({
    mutationFn: () => {
      const { confirm: _confirm, ...user } = form;
      return client.users.create(user);
    },
    onSuccess: (user) => {
      setForm(EMPTY_NEW_USER);
      onCreated(user);
    },
  });
  const { fields, general } = errorsOf(i18n, create.error, NEW_USER_FIELDS);
  const close = () => {
    create.reset();
    setForm(EMPTY_NEW_USER);
    setMismatch(false);
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const differ = form.password !== form.confirm;
    setMismatch(differ);
    if (!differ) create.mutate();
  };
  const text = (name: keyof typeof form) => ({
    value: form[name],
    onChange: (event: { target: { value: string } }) =>
      setForm({ ...form, [name]: event.target.value }),
  });
  return (
    <FormDialog
      open={open}
      titleId="add-user-title"
      title={i18n.t('settings.users.addTitle')}
      onClose={close}
      onSubmit={submit}
      saving={create.isPending}
      error={general}
      submitLabel={i18n.t('settings.users.create')}
    >
      <TextField
        label={i18n.t('settings.users.username')}
        autoFocus
        required
        autoComplete="off"
        {...text('username')}
        error={Boolean(fields['username'])}
        helperText={fields['username'] ?? i18n.t('settings.users.usernameHint')}
        slotProps={{ htmlInput: { dir: 'ltr', autoCapitalize: 'off', spellCheck: false } }}
      />
      <TextField
        label={i18n.t('settings.users.displayName')}
        required
        autoComplete="off"
        {...text('displayName')}
        error={Boolean(fields['displayName'])}
        helperText={fields['displayName']}
      />
      <RoleSelect
        value={form.role}
        onChange={(role) => setForm({ ...form, role })}
        error={fields['role']}
      />
      <TextField
        label={i18n.t('settings.users.specialty')}
        autoComplete="off"
        {...text('specialty')}
        error={Boolean(fields['specialty'])}
        helperText={fields['specialty']}
      />
      <TextField
        label={i18n.t('settings.users.council')}
        autoComplete="off"
        {...text('medicalCouncilNo')}
        error={Boolean(fields['medicalCouncilNo'])}
        helperText={fields['medicalCouncilNo']}
      />
      <PasswordField
        label={i18n.t('settings.users.password')}
        required
        autoComplete="new-password"
        {...text('password')}
        error={Boolean(fields['password'])}
        helperText={fields['password'] ?? i18n.t('setup.passwordHint')}
      />
      <PasswordField
        label={i18n.t('settings.users.confirm')}
        required
        autoComplete="new-password"
        {...text('confirm')}
        error={mismatch}
        helperText={mismatch ? i18n.t('setup.mismatch') : ' '}
      />
    </FormDialog>
  );
}

interface EditForm {
  displayName: string;
  role: Role;
  specialty: string;
  medicalCouncilNo: string;
  isActive: boolean;
}
const EDIT_FIELDS = ['displayName', 'role', 'specialty', 'medicalCouncilNo', 'isActive'] as const;

function formOf(user: UserSummary | null): EditForm {
  return {
    displayName: user?.displayName ?? '',
    role: user?.role ?? 'staff',
    specialty: user?.specialty ?? '',
    medicalCouncilNo: user?.medicalCouncilNo ?? '',
    isActive: user?.isActive ?? true,
  };
}

/** Only what was changed is sent, so an untouched field is never rewritten. */
function changesOf(user: UserSummary, form: EditForm): UserUpdateInput {
  const before = formOf(user);
  const changes: UserUpdateInput = {};
  if (form.displayName !== before.displayName) changes.displayName = form.displayName;
  if (form.role !== before.role) changes.role = form.role;
  if (form.specialty !== before.specialty) changes.specialty = form.specialty;
  if (form.medicalCouncilNo !== before.medicalCouncilNo) {
    changes.medicalCouncilNo = form.medicalCouncilNo;
  }
  if (form.isActive !== before.isActive) changes.isActive = form.isActive;
  return changes;
}

export function EditUserDialog({
  user,
  self,
  onClose,
  onSaved,
}: {
  user: UserSummary | null;
  /** The signed-in administrator's own account: role and active state are not theirs to change. */
  self: boolean;
  onClose: () => void;
  onSaved: (user: UserSummary) => void;
}) {
  const client = useClient();
  const i18n = useI18n();
  const [form, setForm] = useState<EditForm>(() => formOf(user));
  // The user last shown stays on screen while the dialog closes.
  const [shown, setShown] = useState<UserSummary | null>(user);
  const [previous, setPrevious] = useState<UserSummary | null>(user);
  if (user !== previous) {
    // Opened (again): start from the user's saved values.
    setPrevious(user);
    if (user) {
      setShown(user);
      setForm(formOf(user));
    }
  }
  const save = useMutation({
    mutationFn: (input: { id: string; changes: UserUpdateInput }) => client.users.update(input),
    onSuccess: (saved) => onSaved(saved),
  });
  const { reset } = save;
  useEffect(() => {
    if (user) reset();
  }, [user, reset]);
  const { fields, general } = errorsOf(i18n, save.error, EDIT_FIELDS);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!shown) return;
    const changes = changesOf(shown, form);
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    save.mutate({ id: shown.id, changes });
  };
  const text = (name: 'displayName' | 'specialty' | 'medicalCouncilNo') => ({
    value: form[name],
    onChange: (event: { target: { value: string } }) =>
      setForm({ ...form, [name]: event.target.value }),
    error: Boolean(fields[name]),
    helperText: fields[name],
  });
  return (
    <FormDialog
      open={user !== null}
      titleId="edit-user-title"
      title={i18n.t('settings.users.editTitle', { name: shown?.displayName ?? '' })}
      onClose={onClose}
      onSubmit={submit}
      saving={save.isPending}
      error={general}
    >
      <TextField
        label={i18n.t('settings.users.displayName')}
        autoFocus
        required
        autoComplete="off"
        {...text('displayName')}
      />
      <RoleSelect
        value={form.role}
        onChange={(role) => setForm({ ...form, role })}
        error={fields['role']}
        disabled={self}
        helperText={self ? i18n.t('settings.users.selfHint') : undefined}
      />
      <TextField
        label={i18n.t('settings.users.specialty')}
        autoComplete="off"
        {...text('specialty')}
      />
      <TextField
        label={i18n.t('settings.users.council')}
        autoComplete="off"
        {...text('medicalCouncilNo')}
      />
      <div>
        <FormControlLabel
          control={
            <Switch
              checked={form.isActive}
              disabled={self}
              onChange={(event) => setForm({ ...form, isActive: event.target.checked })}
              slotProps={{ input: { 'aria-describedby': 'user-active-hint' } }}
            />
          }
          label={i18n.t('settings.users.activeSwitch')}
        />
        <FormHelperText id="user-active-hint" error={Boolean(fields['isActive'])}>
          {fields['isActive'] ??
            i18n.t(self ? 'settings.users.selfHint' : 'settings.users.activeHint')}
        </FormHelperText>
      </div>
    </FormDialog>
  );
}

import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import type { ReportView } from '../../../electron/shared/reports';
import { useClient } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PasswordField } from '../../components/PasswordField';
import { useI18n } from '../../i18n/i18n';
import { reportKeys } from './model';

/**
 * Approval: the visit's doctor types their password again; the report is then locked and signed
 * with their key. A wrong password leaves the report as it was and says so.
 */
export function ApproveDialog({
  view,
  onApproved,
  onClose,
}: {
  view: ReportView;
  onApproved: (view: ReportView) => void;
  onClose: () => void;
}) {
  const client = useClient();
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState('');
  const field = useRef<HTMLInputElement>(null);
  const approve = useMutation({
    mutationFn: () => client.report.approve({ encounterId: view.encounterId, password }),
    onSuccess: (approved) => {
      setPassword('');
      queryClient.setQueryData(reportKeys.view(view.encounterId), approved);
      onApproved(approved);
    },
    onError: () => {
      setPassword('');
      field.current?.focus();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (password === '' || approve.isPending) return;
    approve.mutate();
  };
  const version = view.approvedVersion + 1;
  return (
    <Dialog
      open
      onClose={approve.isPending ? undefined : onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="report-approve-title"
      aria-describedby="report-approve-explain"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="report-approve-title">{i18n.t('report.approve.title')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            <DialogContentText id="report-approve-explain">
              {view.amendmentReason !== null
                ? i18n.t('report.approve.explainAmendment', { version })
                : i18n.t('report.approve.explain')}
            </DialogContentText>
            <PasswordField
              id="report-approve-password"
              inputRef={field}
              label={i18n.t('report.approve.password')}
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              autoFocus
              autoComplete="current-password"
              required
              error={Boolean(approve.error)}
            />
            {approve.error ? <ErrorAlert error={approve.error} /> : null}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={approve.isPending}>
            {i18n.t('common.cancel')}
          </Button>
          <Button
            type="submit"
            variant="contained"
            loading={approve.isPending}
            disabled={password === ''}
          >
            {i18n.t('report.approve.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

const REASON_MIN = 3;

/**
 * An amendment of an approved report: a reason is required; the report opens as a draft again and
 * its next approval signs a new version that points back to this one.
 */
export function AmendDialog({ view, onClose }: { view: ReportView; onClose: () => void }) {
  const client = useClient();
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const amend = useMutation({
    mutationFn: () => client.report.amend({ encounterId: view.encounterId, reason: reason.trim() }),
    onSuccess: (amended) => {
      queryClient.setQueryData(reportKeys.view(view.encounterId), amended);
      onClose();
    },
  });
  const short = reason.trim().length < REASON_MIN;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!short) amend.mutate();
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="report-amend-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="report-amend-title">{i18n.t('report.amend.title')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            <DialogContentText>
              {i18n.t('report.amend.explain', {
                version: view.approvedVersion,
                next: view.approvedVersion + 1,
              })}
            </DialogContentText>
            <TextField
              id="report-amend-reason"
              label={i18n.t('report.amend.reason')}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              multiline
              minRows={2}
              required
              autoFocus
              error={tried && short}
              helperText={tried && short ? i18n.t('report.amend.reasonShort') : ' '}
              slotProps={{ htmlInput: { maxLength: 2000 } }}
            />
            {amend.error ? <ErrorAlert error={amend.error} /> : null}
            <Alert severity="info">{i18n.t('report.amend.keeps')}</Alert>
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{i18n.t('common.cancel')}</Button>
          <Button type="submit" variant="contained" loading={amend.isPending}>
            {i18n.t('report.amend.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

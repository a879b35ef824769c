import ArrowBack from '@mui/icons-material/ArrowBack';
import AutoAwesome from '@mui/icons-material/AutoAwesome';
import Description from '@mui/icons-material/Description';
import Draw from '@mui/icons-material/Draw';
import EditNote from '@mui/icons-material/EditNote';
import Mic from '@mui/icons-material/Mic';
import PictureAsPdf from '@mui/icons-material/PictureAsPdf';
import Print from '@mui/icons-material/Print';
import Save from '@mui/icons-material/Save';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import type { DraftingJob, ReportView, StartDraftInput } from '../../../electron/shared/reports';
import type { VisitTranscript } from '../../../electron/shared/recording';
import type { Visit } from '../../../electron/shared/scheduling';
import type { Evidence, SoapContent, SoapSection } from '../../../electron/shared/soap';
import { useClient } from '../../api/client';
import { useCan, useSignedIn } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useI18n, type I18n } from '../../i18n/i18n';
import { calendarKeys, dayTitle, timeText } from '../calendar/model';
import { consultationPath, recordingKeys } from '../recording/model';
import { NotAllowed } from '../settings/NotAllowed';
import { AmendDialog, ApproveDialog } from './ApprovalDialogs';
import { ChecklistPanel } from './ChecklistPanel';
import { useLeaveGuard, useReportDraft, type DraftEditor } from './draft-editing';
import { DraftDialog } from './DraftDialog';
import { DraftingProgress } from './DraftingProgress';
import { ShowEvidenceContext } from './evidence';
import { FlagActionsContext, FlagBanner, type FlagActions } from './flags';
import { ItemDialog, type EditTarget } from './ItemDialog';
import { downloadBlob, listOfFlag, reportKeys, type ListKind } from './model';
import { ReportSummary } from './ReportSummary';
import { ReportTranscript, type Highlight } from './ReportTranscript';
import { SectionEditors } from './SectionEditors';
import { PdfDialog, SignedReport } from './SignedReport';
import { StructuredLists } from './StructuredLists';

const JOB_POLL_MS = 1_000;

/** Why «تأیید و امضا» cannot be pressed yet, in the doctor's words. */
function approveBlocker(i18n: I18n, view: ReportView, draft: DraftEditor): string | null {
  if (view.job?.status === 'running') return i18n.t('report.approve.blocked.job');
  if (draft.dirty) return i18n.t('report.approve.blocked.unsaved');
  if (view.unresolvedFlags > 0) {
    return i18n.t('report.approve.blocked.flags', { count: view.unresolvedFlags });
  }
  if (view.status === 'none') return i18n.t('report.approve.blocked.empty');
  if (!view.canApprove) return i18n.t('report.approve.blocked.other');
  return null;
}

function SaveState({ draft }: { draft: DraftEditor }) {
  const i18n = useI18n();
  const text = draft.saving
    ? i18n.t('report.save.saving')
    : draft.error
      ? i18n.t('report.save.failed')
      : draft.dirty
        ? i18n.t('report.save.unsaved')
        : i18n.t('report.save.saved');
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <Typography
        variant="body2"
        role="status"
        color={draft.error ? 'error' : 'text.secondary'}
        sx={{ whiteSpace: 'nowrap' }}
      >
        {text}
      </Typography>
      <Button
        size="small"
        startIcon={<Save />}
        onClick={() => void draft.saveNow()}
        disabled={!draft.dirty || draft.saving}
      >
        {i18n.t('common.save')}
      </Button>
    </Stack>
  );
}

function ReportWorkspace({
  visit,
  view,
  transcript,
}: {
  visit: Visit;
  view: ReportView;
  transcript: VisitTranscript | undefined;
}) {
  const client = useClient();
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const { user } = useSignedIn();
  const canWrite = useCan('report.write');
  const canExport = useCan('report.export');
  const draft = useReportDraft(view);
  const guard = useLeaveGuard(draft.dirty && draft.error !== null);
  const [highlight, setHighlight] = useState<Highlight | null>(null);
  const [editing, setEditing] = useState<EditTarget | null>(null);
  const [dialog, setDialog] = useState<'draft' | 'approve' | 'amend' | null>(null);
  const [pdf, setPdf] = useState<{ version: number; print: boolean } | null>(null);
  const [approvedNow, setApprovedNow] = useState(false);
  const lastStart = useRef<StartDraftInput | null>(null);
  const encounterId = view.encounterId;
  const running = view.job?.status === 'running';
  const editable = view.canEdit && !running;
  const isVisitDoctor = user.role === 'doctor' && user.id === view.doctorId;

  // When a run ends, the checklist and the options it changed are read again.
  const wasRunning = useRef(running);
  useEffect(() => {
    if (wasRunning.current && !running) {
      void queryClient.invalidateQueries({ queryKey: reportKeys.checklist(encounterId) });
      void queryClient.invalidateQueries({ queryKey: reportKeys.options(encounterId) });
    }
    wasRunning.current = running;
  }, [running, encounterId, queryClient]);

  const showJob = useCallback(
    (job: DraftingJob) => {
      queryClient.setQueryData<ReportView>(reportKeys.view(encounterId), (current) =>
        current ? { ...current, job } : current,
      );
      void queryClient.invalidateQueries({ queryKey: reportKeys.view(encounterId) });
    },
    [encounterId, queryClient],
  );
  const startDraft = useMutation({
    mutationFn: async (input: StartDraftInput) => {
      if (!(await draft.saveNow())) throw draft.error;
      return client.drafting.start(input);
    },
    onSuccess: showJob,
  });
  const regenerate = useMutation({
    mutationFn: async (section: SoapSection) => {
      // The section's pending edit is saved first, so the new text is not hidden behind it.
      if (!(await draft.saveNow())) throw draft.error;
      return client.drafting.section({ encounterId, section });
    },
    onSuccess: showJob,
  });
  const markdown = useMutation({
    mutationFn: () => client.report.markdown({ encounterId, version: view.approvedVersion }),
    onSuccess: (file) =>
      downloadBlob(new Blob([file.text], { type: 'text/markdown;charset=utf-8' }), file.fileName),
  });
  const retry = (job: DraftingJob) => {
    if (job.kind === 'section' && job.section) regenerate.mutate(job.section);
    else {
      const templateId = lastStart.current?.templateId ?? view.templateId;
      startDraft.mutate({ encounterId, method: job.method, ...(templateId ? { templateId } : {}) });
    }
  };

  const showEvidence = useCallback(
    (evidence: Evidence) => setHighlight((last) => ({ evidence, seq: (last?.seq ?? 0) + 1 })),
    [],
  );
  const flagActions = useMemo<FlagActions>(
    () => ({
      encounterId,
      canEdit: editable,
      edit: (flag) => setEditing({ list: listOfFlag(flag.kind), itemId: flag.itemId }),
    }),
    [encounterId, editable],
  );
  const deleteRow = (list: ListKind, itemId: string) => {
    const content = draft.content;
    const part: Partial<SoapContent> =
      list === 'followUp'
        ? { followUp: null }
        : { [list]: (content[list] as { id: string }[]).filter((item) => item.id !== itemId) };
    draft.change(part, { immediate: true });
  };

  const blocker = approveBlocker(i18n, view, draft);
  const approved = view.status === 'approved';
  const mayDraft = view.canEdit && !running;
  const sectionJob = running && view.job?.kind === 'section' ? view.job.section : null;

  return (
    <ShowEvidenceContext.Provider value={showEvidence}>
      <FlagActionsContext.Provider value={flagActions}>
        <Stack spacing={2}>
          <Paper sx={{ p: 2 }} component="section" aria-label={i18n.t('report.summary.label')}>
            <Stack spacing={1.5}>
              <ReportSummary view={view} />
              <Stack
                direction="row"
                sx={{ flexWrap: 'wrap', gap: 1, alignItems: 'center' }}
                role="group"
                aria-label={i18n.t('report.actions')}
              >
                {mayDraft ? (
                  <Button
                    variant={view.status === 'none' ? 'contained' : 'outlined'}
                    startIcon={<AutoAwesome />}
                    onClick={() => setDialog('draft')}
                    loading={startDraft.isPending}
                  >
                    {i18n.t(view.status === 'none' ? 'report.draft.open' : 'report.draft.again')}
                  </Button>
                ) : null}
                {isVisitDoctor && !approved ? (
                  <Button
                    variant="contained"
                    color="success"
                    startIcon={<Draw />}
                    onClick={() => setDialog('approve')}
                    disabled={blocker !== null}
                    aria-describedby={blocker ? 'report-approve-blocker' : undefined}
                  >
                    {i18n.t('report.approve.open')}
                  </Button>
                ) : null}
                {approved && canExport ? (
                  <>
                    <Button
                      variant="outlined"
                      startIcon={<PictureAsPdf />}
                      onClick={() => setPdf({ version: view.approvedVersion, print: false })}
                    >
                      {i18n.t('report.export.pdf')}
                    </Button>
                    <Button
                      variant="outlined"
                      startIcon={<Print />}
                      onClick={() => setPdf({ version: view.approvedVersion, print: true })}
                    >
                      {i18n.t('report.export.print')}
                    </Button>
                    <Button
                      variant="outlined"
                      startIcon={<Description />}
                      onClick={() => markdown.mutate()}
                      loading={markdown.isPending}
                    >
                      {i18n.t('report.export.markdown')}
                    </Button>
                  </>
                ) : null}
                {view.canAmend ? (
                  <Button
                    variant="outlined"
                    color="secondary"
                    startIcon={<EditNote />}
                    onClick={() => setDialog('amend')}
                  >
                    {i18n.t('report.amend.open')}
                  </Button>
                ) : null}
                <Box sx={{ flex: 1 }} />
                {view.canEdit && (view.status !== 'none' || draft.dirty || draft.saving) ? (
                  <SaveState draft={draft} />
                ) : null}
              </Stack>
              {isVisitDoctor && !approved && blocker ? (
                <Typography id="report-approve-blocker" variant="body2" color="text.secondary">
                  {blocker}
                </Typography>
              ) : null}
              {!isVisitDoctor && !approved && view.canEdit ? (
                <Typography variant="body2" color="text.secondary">
                  {i18n.t('report.approve.onlyDoctor', { doctor: visit.doctorName })}
                </Typography>
              ) : null}
            </Stack>
          </Paper>
          {draft.error ? (
            <ErrorAlert error={draft.error} onRetry={() => void draft.saveNow()} />
          ) : null}
          {startDraft.error ? <ErrorAlert error={startDraft.error} /> : null}
          {regenerate.error ? <ErrorAlert error={regenerate.error} /> : null}
          {markdown.error ? <ErrorAlert error={markdown.error} /> : null}
          {approvedNow && approved ? (
            <Alert severity="success" role="status" onClose={() => setApprovedNow(false)}>
              {i18n.t('report.approve.done', { version: view.approvedVersion })}
            </Alert>
          ) : null}
          {view.amendmentReason !== null ? (
            <Alert severity="warning">
              <AlertTitle>
                {i18n.t('report.amend.inProgress', { version: view.approvedVersion + 1 })}
              </AlertTitle>
              {i18n.t('report.amend.reasonShown', { reason: view.amendmentReason })}
            </Alert>
          ) : null}
          <DraftingProgress view={view} onRetry={retry} />
          {view.status === 'none' && !running ? (
            <Alert severity="info">
              {i18n.t(view.canEdit ? 'report.none.explain' : 'report.none.readOnly')}
            </Alert>
          ) : null}
          <FlagBanner view={view} content={draft.content} />
          <Box
            sx={{
              display: 'grid',
              gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 3fr) minmax(0, 2fr)' },
              gap: 2,
              alignItems: 'start',
            }}
          >
            <Stack spacing={2} sx={{ minWidth: 0 }}>
              <SectionEditors
                content={draft.content}
                editable={editable}
                onChange={(part) => draft.change(part)}
                onRegenerate={(section) => regenerate.mutate(section)}
                regenerating={sectionJob ?? (regenerate.isPending ? regenerate.variables : null)}
                canRegenerate={!running && !regenerate.isPending}
              />
              <StructuredLists
                content={draft.content}
                flags={view.flags}
                editable={editable}
                onEdit={setEditing}
                onDelete={deleteRow}
              />
              <ChecklistPanel encounterId={encounterId} canSet={canWrite && view.canEdit} />
              {view.versions.length > 0 ? (
                <SignedReport
                  view={view}
                  canExport={canExport}
                  onPdf={(version) => setPdf({ version, print: false })}
                />
              ) : null}
            </Stack>
            <Box
              sx={{
                position: { lg: 'sticky' },
                top: { lg: 80 },
                height: { lg: 'calc(100vh - 96px)' },
                maxHeight: { xs: '70vh', lg: 'none' },
                display: 'flex',
                flexDirection: 'column',
              }}
            >
              {transcript ? (
                <ReportTranscript transcript={transcript} highlight={highlight} />
              ) : (
                <Paper sx={{ p: 2 }}>
                  <Typography color="text.secondary">{i18n.t('common.loading')}</Typography>
                </Paper>
              )}
            </Box>
          </Box>
        </Stack>
      </FlagActionsContext.Provider>
      {editing ? (
        <ItemDialog
          target={editing}
          content={draft.content}
          onClose={() => setEditing(null)}
          onSave={(part) => {
            draft.change(part, { immediate: true });
            setEditing(null);
          }}
        />
      ) : null}
      {dialog === 'draft' ? (
        <DraftDialog
          encounterId={encounterId}
          replacing={view.status !== 'none'}
          onClose={() => setDialog(null)}
          onStarted={(job, input) => {
            lastStart.current = input;
            setDialog(null);
            showJob(job);
          }}
        />
      ) : null}
      {dialog === 'approve' ? (
        <ApproveDialog
          view={view}
          onClose={() => setDialog(null)}
          onApproved={() => {
            setDialog(null);
            setApprovedNow(true);
          }}
        />
      ) : null}
      {dialog === 'amend' ? <AmendDialog view={view} onClose={() => setDialog(null)} /> : null}
      {pdf ? (
        <PdfDialog
          encounterId={encounterId}
          version={pdf.version}
          printOnOpen={pdf.print}
          onClose={() => setPdf(null)}
        />
      ) : null}
      <Dialog
        open={guard.leaving !== null}
        onClose={guard.stay}
        aria-labelledby="report-leave-title"
      >
        <DialogTitle id="report-leave-title">{i18n.t('report.leave.title')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{i18n.t('report.leave.body')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button color="error" onClick={guard.leave}>
            {i18n.t('report.leave.discard')}
          </Button>
          <Button variant="contained" onClick={guard.stay} autoFocus>
            {i18n.t('report.leave.stay')}
          </Button>
        </DialogActions>
      </Dialog>
    </ShowEvidenceContext.Provider>
  );
}

function ReportLoader({ visit }: { visit: Visit }) {
  const client = useClient();
  const report = useQuery({
    queryKey: reportKeys.view(visit.id),
    queryFn: () => client.report.get({ encounterId: visit.id }),
    refetchInterval: (query) => (query.state.data?.job?.status === 'running' ? JOB_POLL_MS : false),
  });
  const transcript = useQuery({
    queryKey: recordingKeys.transcript(visit.id),
    queryFn: () => client.transcript.get({ encounterId: visit.id }),
    refetchInterval: (query) => {
      const progress = query.state.data?.progress;
      return progress && progress.pending + progress.processing > 0 ? 5_000 : false;
    },
  });
  return (
    <QueryState query={report}>
      {(view) => <ReportWorkspace visit={visit} view={view} transcript={transcript.data} />}
    </QueryState>
  );
}

/**
 * The SOAP report of a visit (`/visits/:visitId/report`): drafting from the transcript, the four
 * sections and the structured lists beside the transcript with every claim's evidence, the flags
 * the doctor must resolve, the checklist, approval with a signature, amendments and the PDF.
 */
export function ReportScreen() {
  const { visitId = '' } = useParams();
  const client = useClient();
  const i18n = useI18n();
  const canView = useCan('report.view');
  const canRecord = useCan('recording.capture');
  const visit = useQuery({
    queryKey: calendarKeys.visit(visitId),
    queryFn: () => client.visits.get({ id: visitId }),
    enabled: canView,
  });
  const back = (
    <>
      {canRecord ? (
        <Button component={RouterLink} to={consultationPath(visitId)} startIcon={<Mic />}>
          {i18n.t('report.toConsultation')}
        </Button>
      ) : null}
      <Button
        component={RouterLink}
        to="/today"
        startIcon={<ArrowBack sx={i18n.dir === 'rtl' ? { transform: 'scaleX(-1)' } : undefined} />}
      >
        {i18n.t('recording.back')}
      </Button>
    </>
  );
  if (!canView) {
    return (
      <>
        <PageHeader title={i18n.t('report.open')} actions={back} />
        <NotAllowed title={i18n.t('report.open')} body={i18n.t('report.notAllowed')} />
      </>
    );
  }
  return (
    <QueryState query={visit}>
      {(data) => (
        <>
          <PageHeader title={i18n.t('report.title', { name: data.patientName })} actions={back} />
          <Typography color="text.secondary" sx={{ mt: -1, mb: 2 }}>
            {i18n.t('recording.visitLine', {
              day: dayTitle(i18n, data.date),
              time: timeText(i18n, data.startMinute),
              doctor: data.doctorName,
            })}
          </Typography>
          <ReportLoader visit={data} />
        </>
      )}
    </QueryState>
  );
}

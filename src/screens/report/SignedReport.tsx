import Download from '@mui/icons-material/Download';
import Print from '@mui/icons-material/Print';
import VerifiedUser from '@mui/icons-material/VerifiedUser';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { ReportView, SignatureCheck } from '../../../electron/shared/reports';
import { useClient } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/QueryState';
import { useI18n, type I18n } from '../../i18n/i18n';
import { isolate } from '../patients/format';
import { base64Blob, fingerprintText } from './model';

/**
 * A signed version as a PDF, shown in the app: the core renders it, it lives here only as a Blob
 * behind an object URL (revoked when the dialog closes), with a download link and printing.
 */
export function PdfDialog({
  encounterId,
  version,
  printOnOpen,
  onClose,
}: {
  encounterId: string;
  version: number;
  /** Opened from «چاپ»: the print dialog comes up as soon as the PDF is shown. */
  printOnOpen: boolean;
  onClose: () => void;
}) {
  const client = useClient();
  const i18n = useI18n();
  const frame = useRef<HTMLIFrameElement>(null);
  const printed = useRef(false);
  const pdf = useQuery({
    queryKey: ['report', 'pdf', encounterId, version],
    queryFn: () => client.report.pdf({ encounterId, version }),
    // The PDF holds the patient's data: never kept after the dialog closes, never re-asked.
    gcTime: 0,
    staleTime: Infinity,
    retry: false,
    refetchOnWindowFocus: false,
  });
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!pdf.data) return;
    const created = URL.createObjectURL(base64Blob(pdf.data.base64, 'application/pdf'));
    setUrl(created);
    return () => {
      URL.revokeObjectURL(created);
      setUrl(null);
    };
  }, [pdf.data]);
  const print = () => frame.current?.contentWindow?.print();
  const title = i18n.t('report.pdf.title', { version });
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="lg" aria-labelledby="report-pdf-title">
      <DialogTitle id="report-pdf-title">{title}</DialogTitle>
      <DialogContent dividers sx={{ p: 0, height: '75vh', display: 'flex' }}>
        {url ? (
          <Box
            component="iframe"
            ref={frame}
            src={url}
            title={i18n.t('report.pdf.frame', { version })}
            onLoad={() => {
              if (printOnOpen && !printed.current) {
                printed.current = true;
                print();
              }
            }}
            sx={{ border: 0, flex: 1, width: '100%', height: '100%' }}
          />
        ) : pdf.error ? (
          <Box sx={{ p: 2, flex: 1 }}>
            <ErrorAlert error={pdf.error} onRetry={() => void pdf.refetch()} />
          </Box>
        ) : (
          <Loading label={i18n.t('report.pdf.loading')} />
        )}
      </DialogContent>
      <DialogActions>
        {pdf.data ? (
          <Typography variant="body2" color="text.secondary" sx={{ flex: 1, px: 1 }}>
            {i18n.t('report.pdf.pages', { count: pdf.data.pages })}
          </Typography>
        ) : null}
        <Button startIcon={<Print />} onClick={print} disabled={!url}>
          {i18n.t('report.export.print')}
        </Button>
        {url && pdf.data ? (
          <Button
            component="a"
            href={url}
            download={pdf.data.fileName}
            startIcon={<Download />}
            aria-label={i18n.t('report.pdf.downloadLabel', { file: pdf.data.fileName })}
          >
            {i18n.t('report.pdf.download')}
          </Button>
        ) : null}
        <Button onClick={onClose} variant="contained">
          {i18n.t('common.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function checkProblem(i18n: I18n, reason: string | null): string {
  if (!reason) return '';
  const text = i18n.message(reason);
  return text === reason ? i18n.t('report.verify.technical', { reason: isolate(reason) }) : text;
}

function VerifyResult({ check }: { check: SignatureCheck }) {
  const i18n = useI18n();
  if (check.ok) {
    return (
      <Alert severity="success" role="status">
        {i18n.t('report.verify.ok', { count: check.versions.length })}
      </Alert>
    );
  }
  return (
    <Alert severity="error" role="alert">
      {i18n.t('report.verify.failed')}
      <Box component="ul" sx={{ m: 0, paddingInlineStart: 2 }}>
        {check.versions
          .filter((version) => !version.ok)
          .map((version) => (
            <li key={version.version}>
              {i18n.t('report.verify.versionFailed', {
                version: version.version,
                reason: checkProblem(i18n, version.reason),
              })}
            </li>
          ))}
      </Box>
    </Alert>
  );
}

/**
 * The signed report: its version, who signed it and when, the signing key's fingerprint, a check
 * of every signature in the chain, and every version with the reason it was amended.
 */
export function SignedReport({
  view,
  canExport,
  onPdf,
}: {
  view: ReportView;
  canExport: boolean;
  onPdf: (version: number) => void;
}) {
  const client = useClient();
  const i18n = useI18n();
  const verify = useMutation({
    mutationFn: () => client.report.verify({ encounterId: view.encounterId }),
  });
  const latest = view.versions.at(-1);
  if (!latest) return null;
  const verifyResult = verify.data?.versions ?? [];
  return (
    <Paper component="section" aria-labelledby="report-signed-title" sx={{ p: 2 }}>
      <Stack spacing={1.5}>
        <Stack
          direction="row"
          sx={{ alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap', gap: 1 }}
        >
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <VerifiedUser color="success" aria-hidden />
            <Typography id="report-signed-title" variant="h6" component="h2">
              {i18n.t('report.signed.title')}
            </Typography>
          </Stack>
          <Button variant="outlined" onClick={() => verify.mutate()} loading={verify.isPending}>
            {i18n.t('report.verify.button')}
          </Button>
        </Stack>
        {view.status === 'approved' ? (
          <Box>
            <Typography>
              {i18n.t('report.signed.line', {
                version: latest.version,
                doctor: isolate(latest.doctorName),
                at: latest.signedAt,
              })}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {i18n.t('report.signed.fingerprint')}{' '}
              <Box component="code" sx={{ fontFamily: 'monospace', color: 'text.primary' }}>
                {fingerprintText(latest.fingerprint)}
              </Box>
            </Typography>
          </Box>
        ) : null}
        {verify.error ? <ErrorAlert error={verify.error} /> : null}
        {verify.data ? <VerifyResult check={verify.data} /> : null}
        <Box component="section" aria-labelledby="report-versions-title">
          <Typography id="report-versions-title" variant="subtitle1" component="h3">
            {i18n.t('report.versions.title')}
          </Typography>
          <Box component="ol" sx={{ m: 0, p: 0 }}>
            {[...view.versions].reverse().map((version) => {
              const checked = verifyResult.find((entry) => entry.version === version.version);
              return (
                <Box
                  component="li"
                  key={version.version}
                  sx={{
                    listStyle: 'none',
                    py: 1,
                    borderBottom: 1,
                    borderColor: 'divider',
                    display: 'flex',
                    gap: 1,
                    alignItems: 'flex-start',
                  }}
                >
                  <Box sx={{ flex: 1, minWidth: 0 }}>
                    <Typography variant="body2" sx={{ fontWeight: 600 }}>
                      {i18n.t('report.versions.item', {
                        version: version.version,
                        at: version.signedAt,
                        doctor: isolate(version.doctorName),
                      })}
                      {checked ? (
                        <Typography
                          component="span"
                          variant="body2"
                          color={checked.ok ? 'success.main' : 'error.main'}
                          sx={{ marginInlineStart: 1 }}
                        >
                          {i18n.t(checked.ok ? 'report.verify.valid' : 'report.verify.invalid')}
                        </Typography>
                      ) : null}
                    </Typography>
                    <Typography variant="body2" color="text.secondary">
                      {version.amendmentReason
                        ? i18n.t('report.versions.reason', { reason: version.amendmentReason })
                        : i18n.t('report.versions.first')}
                    </Typography>
                    <Typography variant="caption" color="text.secondary" component="p">
                      {i18n.t('report.versions.fingerprint')}{' '}
                      <Box component="code" sx={{ fontFamily: 'monospace', color: 'text.primary' }}>
                        {fingerprintText(version.fingerprint)}
                      </Box>
                    </Typography>
                  </Box>
                  {canExport ? (
                    <Button
                      size="small"
                      variant="outlined"
                      onClick={() => onPdf(version.version)}
                      aria-label={i18n.t('report.versions.pdfLabel', { version: version.version })}
                    >
                      PDF
                    </Button>
                  ) : null}
                </Box>
              );
            })}
          </Box>
        </Box>
      </Stack>
    </Paper>
  );
}

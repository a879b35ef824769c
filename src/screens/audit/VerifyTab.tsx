import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import VerifiedUser from '@mui/icons-material/VerifiedUser';
import { useMutation } from '@tanstack/react-query';
import { useClient } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/QueryState';
import { useI18n } from '../../i18n/i18n';

/** Walks the whole hash chain of the access log and says whether it is intact. */
export function VerifyTab() {
  const client = useClient();
  const i18n = useI18n();
  const verify = useMutation({
    mutationFn: async () => ({
      report: await client.audit.verify(),
      at: new Date().toISOString(),
    }),
  });
  const result = verify.data;
  return (
    <Stack spacing={2} component="section" aria-labelledby="audit-verify-title">
      <Typography variant="h6" component="h2" id="audit-verify-title">
        {i18n.t('audit.verify.title')}
      </Typography>
      <Typography color="text.secondary">{i18n.t('audit.verify.intro')}</Typography>
      <div>
        <Button
          variant="contained"
          startIcon={<VerifiedUser />}
          onClick={() => {
            if (!verify.isPending) verify.mutate();
          }}
          aria-busy={verify.isPending}
        >
          {i18n.t('audit.verify.run')}
        </Button>
      </div>
      {verify.isPending ? <Loading label={i18n.t('audit.verify.running')} /> : null}
      {verify.error ? <ErrorAlert error={verify.error} /> : null}
      {result && !verify.isPending ? (
        result.report.ok ? (
          <Alert severity="success" role="status">
            <AlertTitle>{i18n.t('audit.verify.ok')}</AlertTitle>
            {i18n.t('audit.verify.okDetail', {
              entries: result.report.entries,
              lastSeq: result.report.lastSeq,
              at: result.at,
            })}
          </Alert>
        ) : (
          <>
            <Alert severity="error" role="alert">
              <AlertTitle>{i18n.t('audit.verify.broken')}</AlertTitle>
              {i18n.t('audit.verify.brokenDetail', {
                problems: result.report.problems.length,
                entries: result.report.entries,
                at: result.at,
              })}
            </Alert>
            <Paper variant="outlined">
              <Typography
                variant="subtitle1"
                component="h3"
                id="audit-verify-problems"
                sx={{ px: 2, pt: 1.5, fontWeight: 700 }}
              >
                {i18n.t('audit.verify.problems')}
              </Typography>
              <TableContainer>
                <Table size="small" aria-labelledby="audit-verify-problems">
                  <TableHead>
                    <TableRow>
                      <TableCell>{i18n.t('audit.verify.col.seq')}</TableCell>
                      <TableCell>{i18n.t('audit.verify.col.kind')}</TableCell>
                      <TableCell>{i18n.t('audit.verify.col.note')}</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {result.report.problems.map((problem) => (
                      <TableRow key={`${problem.seq}-${problem.kind}`}>
                        <TableCell>{i18n.digits(problem.seq)}</TableCell>
                        <TableCell>{i18n.t(`audit.problem.${problem.kind}`)}</TableCell>
                        <TableCell>
                          <span className="ltr">{problem.note}</span>
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </TableContainer>
            </Paper>
          </>
        )
      ) : null}
    </Stack>
  );
}

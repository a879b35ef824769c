import PersonAdd from '@mui/icons-material/PersonAdd';
import Search from '@mui/icons-material/Search';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import InputAdornment from '@mui/material/InputAdornment';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Link as RouterLink, useLocation, useNavigate, useSearchParams } from 'react-router';
import type { PatientListItem } from '../../../electron/shared/patients/patient';
import { searchTokens, toAsciiDigits } from '../../../electron/shared/text/normalize';
import { useClient } from '../../api/client';
import { useCan } from '../../app/session';
import { ErrorAlert, shapeOf } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { Empty, Loading } from '../../components/QueryState';
import { useI18n } from '../../i18n/i18n';
import { fullName, isolate, latinName, patientKeys, safeDate } from './format';
import { Digits } from './parts';
import { rememberSearch } from './searchMemory';

const DEBOUNCE_MS = 250;
/** The core looks names up by prefixes of at least this many letters. */
const MIN_LETTERS = 3;

type Plan = 'empty' | 'tooShort' | 'search';

/**
 * Whether a query is worth sending: numbers (national ID, phone, record number) always are; a name
 * needs one word of at least three letters, or the core answers `patient.search.tooShort`.
 */
export function searchPlan(query: string): Plan {
  if (query.trim() === '') return 'empty';
  if (/[0-9]/.test(toAsciiDigits(query))) return 'search';
  return searchTokens(query).some((token) => [...token].length >= MIN_LETTERS)
    ? 'search'
    : 'tooShort';
}

function isTooShort(error: unknown): boolean {
  return (shapeOf(error).fields ?? []).some(
    (field) => field.messageKey === 'patient.search.tooShort',
  );
}

/** What the other screens may say when they send the user back here. */
export interface SearchNotice {
  notice?: 'deleted';
}

export function PatientSearchScreen() {
  const client = useClient();
  const i18n = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const canCreate = useCan('patient.create');
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(() => params.get('q') ?? '');
  const [submitted, setSubmitted] = useState(text);
  const [notice, setNotice] = useState((location.state as SearchNotice | null)?.notice);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const query = submitted.trim();
  const plan = searchPlan(query);

  useEffect(() => {
    const timer = setTimeout(() => setSubmitted(text), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  // The query lives in the address too, so coming back from a patient shows the same results.
  useEffect(() => {
    rememberSearch(query);
    if ((params.get('q') ?? '') !== query) {
      setParams(query ? { q: query } : {}, { replace: true });
    }
  }, [query, params, setParams]);

  // Alt+N: a new patient, from anywhere on this screen.
  useEffect(() => {
    if (!canCreate) return;
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyN') {
        event.preventDefault();
        void navigate('/patients/new');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canCreate, navigate]);

  const search = useQuery({
    queryKey: patientKeys.search(query),
    queryFn: () => client.patients.search({ query }),
    enabled: plan === 'search',
    placeholderData: keepPreviousData,
  });

  const rows = () => Array.from(bodyRef.current?.querySelectorAll<HTMLElement>('tr') ?? []);

  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      setSubmitted(text);
    } else if (event.key === 'ArrowDown') {
      const first = rows()[0];
      if (first) {
        event.preventDefault();
        first.focus();
      }
    } else if (event.key === 'Escape' && text !== '') {
      event.preventDefault();
      setText('');
      setSubmitted('');
    }
  };

  const open = (patient: PatientListItem) => void navigate(`/patients/${patient.id}`);

  const onRowKey = (event: KeyboardEvent<HTMLTableRowElement>, patient: PatientListItem) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      open(patient);
      return;
    }
    const all = rows();
    const index = all.indexOf(event.currentTarget);
    const target =
      event.key === 'ArrowDown'
        ? all[index + 1]
        : event.key === 'ArrowUp'
          ? (all[index - 1] ?? document.getElementById('patient-search'))
          : event.key === 'Home'
            ? all[0]
            : event.key === 'End'
              ? all.at(-1)
              : undefined;
    if (target) {
      event.preventDefault();
      target.focus();
    }
  };

  const results = () => {
    if (plan === 'empty') {
      return (
        <Typography color="text.secondary" sx={{ p: 1 }}>
          {i18n.t('patients.search.start')}
        </Typography>
      );
    }
    if (plan === 'tooShort' || (search.error && isTooShort(search.error))) {
      return (
        <Typography role="status" color="text.secondary" sx={{ p: 1 }}>
          {i18n.message('patient.search.tooShort')}
        </Typography>
      );
    }
    if (search.isPending) return <Loading label={i18n.t('patients.search.searching')} />;
    if (search.error || !search.data) {
      return <ErrorAlert error={search.error} onRetry={() => void search.refetch()} />;
    }
    const { items, truncated } = search.data;
    if (items.length === 0) {
      return (
        <Paper variant="outlined">
          <Empty title={i18n.t('patients.search.none', { query: isolate(query) })}>
            <Typography sx={{ mt: 1 }}>{i18n.t('patients.search.noneHint')}</Typography>
          </Empty>
        </Paper>
      );
    }
    return (
      <>
        {truncated ? (
          <Alert severity="info" role="status" sx={{ mb: 1 }}>
            {i18n.t('patients.search.truncated')}
          </Alert>
        ) : null}
        <Typography
          role={truncated ? undefined : 'status'}
          color="text.secondary"
          sx={{ mb: 1, display: 'flex', gap: 2, flexWrap: 'wrap' }}
        >
          {truncated ? null : (
            <span>{i18n.t('patients.search.found', { count: items.length })}</span>
          )}
          <span>{i18n.t('patients.search.keys')}</span>
        </Typography>
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label={i18n.t('patients.results.caption')}>
            <TableHead>
              <TableRow>
                <TableCell>{i18n.t('patients.field.mrn')}</TableCell>
                <TableCell>{i18n.t('patients.field.name')}</TableCell>
                <TableCell>{i18n.t('patients.field.nationalId')}</TableCell>
                <TableCell>{i18n.t('patients.field.phone')}</TableCell>
                <TableCell>{i18n.t('patients.field.birthDate')}</TableCell>
                <TableCell>{i18n.t('patients.field.sex')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody ref={bodyRef}>
              {items.map((patient) => {
                const latin = latinName(patient);
                return (
                  <TableRow
                    key={patient.id}
                    hover
                    tabIndex={0}
                    onClick={() => open(patient)}
                    onKeyDown={(event) => onRowKey(event, patient)}
                    sx={{
                      cursor: 'pointer',
                      '&:focus-visible': {
                        outline: '3px solid #f5a524',
                        outlineOffset: -3,
                        bgcolor: 'action.selected',
                      },
                    }}
                  >
                    <TableCell>
                      <Digits value={patient.mrn} />
                    </TableCell>
                    <TableCell>
                      <Link
                        component={RouterLink}
                        to={`/patients/${patient.id}`}
                        tabIndex={-1}
                        underline="hover"
                        onClick={(event) => event.stopPropagation()}
                        sx={{ fontWeight: 600 }}
                      >
                        {fullName(patient)}
                      </Link>
                      {latin ? (
                        <Typography
                          variant="body2"
                          color="text.secondary"
                          component="span"
                          sx={{ display: 'block' }}
                        >
                          <bdi dir="ltr">{latin}</bdi>
                        </Typography>
                      ) : null}
                    </TableCell>
                    <TableCell>
                      <Digits value={patient.nationalId} />
                    </TableCell>
                    <TableCell>
                      <Digits value={patient.phone} />
                    </TableCell>
                    <TableCell>
                      {patient.birthDate ? (
                        <span className="ltr">{safeDate(i18n, patient.birthDate)}</span>
                      ) : (
                        i18n.t('common.none')
                      )}
                    </TableCell>
                    <TableCell>
                      {patient.sex ? i18n.t(`sex.${patient.sex}`) : i18n.t('common.none')}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableContainer>
      </>
    );
  };

  return (
    <>
      <PageHeader
        title={i18n.t('patients.title')}
        actions={
          canCreate ? (
            <Tooltip title="Alt+N" describeChild>
              <Button
                variant="contained"
                component={RouterLink}
                to="/patients/new"
                startIcon={<PersonAdd />}
                aria-keyshortcuts="Alt+N"
              >
                {i18n.t('patients.new')}
              </Button>
            </Tooltip>
          ) : undefined
        }
      />
      {notice === 'deleted' ? (
        <Alert severity="success" sx={{ mb: 2 }} onClose={() => setNotice(undefined)}>
          {i18n.t('patients.deleted')}
        </Alert>
      ) : null}
      <Box role="search" sx={{ mb: 2 }}>
        <TextField
          id="patient-search"
          type="search"
          label={i18n.t('patients.search.label')}
          placeholder={i18n.t('patients.search.placeholder')}
          autoFocus
          autoComplete="off"
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onSearchKey}
          slotProps={{
            input: {
              startAdornment: (
                <InputAdornment position="start">
                  <Search aria-hidden />
                </InputAdornment>
              ),
            },
            htmlInput: { spellCheck: false, maxLength: 100 },
          }}
        />
        <Box sx={{ height: 4, mt: 0.5 }}>
          {plan === 'search' && search.isFetching && search.isPlaceholderData ? (
            <LinearProgress aria-label={i18n.t('patients.search.searching')} />
          ) : null}
        </Box>
      </Box>
      {results()}
    </>
  );
}

import Autorenew from '@mui/icons-material/Autorenew';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { soapSections, type SoapContent, type SoapSection } from '../../../electron/shared/soap';
import { useI18n } from '../../i18n/i18n';

/** The most a section may hold (the schema's limit), so that typing never makes a save fail. */
const SECTION_MAX = 20_000;
const COMPLAINT_MAX = 500;

/**
 * The four sections of the note and the chief complaint, as text the doctor edits. Each section
 * can be written again by the model on its own («بازنویسی این بخش»).
 */
export function SectionEditors({
  content,
  editable,
  onChange,
  onRegenerate,
  regenerating,
  canRegenerate,
}: {
  content: SoapContent;
  editable: boolean;
  onChange: (part: Partial<SoapContent>) => void;
  onRegenerate: (section: SoapSection) => void;
  /** The section a running job is rewriting, if any. */
  regenerating: SoapSection | null;
  /** False while a draft is being made, or when no model can write. */
  canRegenerate: boolean;
}) {
  const i18n = useI18n();
  // Notes are written in Persian: in the English interface each field takes its text's direction.
  const dir = i18n.language === 'fa' ? undefined : 'auto';
  return (
    <Paper component="section" aria-labelledby="report-sections-title" sx={{ p: 2 }}>
      <Typography id="report-sections-title" variant="h6" component="h2" sx={{ mb: 2 }}>
        {i18n.t('report.sections.title')}
      </Typography>
      <Stack spacing={2.5}>
        <TextField
          id="report-chief-complaint"
          label={i18n.t('report.chiefComplaint')}
          value={content.chiefComplaint}
          onChange={(event) => onChange({ chiefComplaint: event.target.value })}
          slotProps={{
            htmlInput: { dir, maxLength: COMPLAINT_MAX, readOnly: !editable },
          }}
        />
        {soapSections.map((section) => (
          <Box key={section} component="section" aria-labelledby={`report-section-${section}-h`}>
            <Stack
              direction="row"
              sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 0.5 }}
            >
              <Typography
                id={`report-section-${section}-h`}
                variant="subtitle1"
                component="h3"
                sx={{ fontWeight: 700 }}
              >
                {i18n.t(`report.section.${section}`)}
              </Typography>
              {editable ? (
                <Button
                  size="small"
                  startIcon={<Autorenew />}
                  onClick={() => onRegenerate(section)}
                  disabled={!canRegenerate}
                  loading={regenerating === section}
                  aria-label={i18n.t('report.section.regenerateLabel', {
                    section: i18n.t(`report.section.${section}`),
                  })}
                >
                  {i18n.t('report.section.regenerate')}
                </Button>
              ) : null}
            </Stack>
            <TextField
              id={`report-section-${section}`}
              value={content[section]}
              onChange={(event) => onChange({ [section]: event.target.value })}
              multiline
              minRows={3}
              placeholder={editable ? i18n.t('report.section.placeholder') : undefined}
              slotProps={{
                htmlInput: {
                  dir,
                  maxLength: SECTION_MAX,
                  readOnly: !editable,
                  'aria-labelledby': `report-section-${section}-h`,
                },
              }}
            />
          </Box>
        ))}
      </Stack>
    </Paper>
  );
}

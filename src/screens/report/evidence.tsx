import FormatQuote from '@mui/icons-material/FormatQuote';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { createContext, useContext } from 'react';
import type { Evidence } from '../../../electron/shared/soap';
import { useI18n } from '../../i18n/i18n';

/** Shows a piece of evidence in the transcript beside the report. */
export type ShowEvidence = (evidence: Evidence) => void;

export const ShowEvidenceContext = createContext<ShowEvidence>(() => undefined);

/** Quotes longer than this are shortened on their button (the transcript shows them whole). */
const QUOTE_SHOWN = 48;

function shortQuote(quote: string): string {
  const text = quote.trim();
  return text.length > QUOTE_SHOWN ? `${text.slice(0, QUOTE_SHOWN - 1)}…` : text;
}

/**
 * The transcript pieces behind a claim, each a button that scrolls the transcript to its segment
 * and marks the quoted characters. Nothing shown for an item with no evidence: its flag says so.
 */
export function EvidenceLinks({ evidence }: { evidence: readonly Evidence[] }) {
  const i18n = useI18n();
  const show = useContext(ShowEvidenceContext);
  if (evidence.length === 0) return null;
  return (
    <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5 }}>
      {evidence.map((piece, index) => (
        <Button
          key={`${piece.segmentId}-${piece.start}-${index}`}
          size="small"
          variant="text"
          color="secondary"
          startIcon={<FormatQuote fontSize="small" />}
          onClick={() => show(piece)}
          aria-label={i18n.t('report.evidence.show', { quote: piece.quote.trim() })}
          sx={{ py: 0, minHeight: 0, textAlign: 'start', fontWeight: 400 }}
        >
          <span dir="auto">{shortQuote(piece.quote) || i18n.t('report.evidence.segment')}</span>
        </Button>
      ))}
    </Stack>
  );
}

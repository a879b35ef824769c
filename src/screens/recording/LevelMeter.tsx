import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useRef } from 'react';
import { FLOOR_DB, type Level } from '../../audio/levels';
import { useI18n } from '../../i18n/i18n';
import { isolateLtr } from '../patients/format';

/** The meter's range: below −60 dBFS is as good as nothing in a consulting room. */
const MIN_DB = -60;

function percentOf(db: number): number {
  return Math.max(0, Math.min(100, ((db - MIN_DB) / -MIN_DB) * 100));
}

/** How fast the bar falls, and how long the peak mark holds, as on a studio meter. */
const RELEASE_DB_PER_S = 20;
const PEAK_HOLD_MS = 1_500;

/**
 * Meter ballistics: a new level shows at once when it is higher, and falls back slowly; the peak
 * holds for a moment. Raw 100 ms readings flicker between words and are hard to read.
 */
function useBallistics(level: Level): Level {
  const state = useRef({ rms: FLOOR_DB, peak: FLOOR_DB, peakAt: 0, at: 0 });
  const now = performance.now();
  const last = state.current;
  const fallen = (RELEASE_DB_PER_S * Math.max(0, now - last.at)) / 1000;
  const rms = Math.max(level.rmsDb, last.rms - fallen);
  let { peak, peakAt } = last;
  if (level.peakDb >= peak) {
    peak = level.peakDb;
    peakAt = now;
  } else if (now - peakAt > PEAK_HOLD_MS) {
    peak = Math.max(level.peakDb, peak - fallen);
  }
  state.current = { rms, peak, peakAt, at: now };
  return { rmsDb: rms, peakDb: peak };
}

/**
 * The microphone's live level: the bar is the RMS level (how loud speech is), the thin mark is
 * the peak; green for speech, amber when loud, red near full scale (clipping). An ARIA meter,
 * so a screen reader can read it; its value is the peak in dBFS.
 */
export function LevelMeter({ level: raw, active }: { level: Level; active: boolean }) {
  const i18n = useI18n();
  const level = useBallistics(raw);
  const rms = percentOf(level.rmsDb);
  const peak = percentOf(level.peakDb);
  const silent = level.peakDb <= MIN_DB;
  const peakDb = Math.round(level.peakDb);
  const valueText = silent
    ? i18n.t('recording.level.silent')
    : i18n.t('recording.level.value', {
        db: isolateLtr(i18n.digits(`${peakDb < 0 ? '−' : ''}${Math.abs(peakDb)}`)),
      });
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, minWidth: 0 }}>
      <Box
        role="meter"
        aria-label={i18n.t('recording.level')}
        aria-valuemin={MIN_DB}
        aria-valuemax={0}
        aria-valuenow={Math.max(MIN_DB, Math.min(0, peakDb))}
        aria-valuetext={valueText}
        sx={{
          position: 'relative',
          flex: 1,
          height: 14,
          borderRadius: 1,
          overflow: 'hidden',
          bgcolor: 'action.hover',
          opacity: active ? 1 : 0.5,
        }}
      >
        <Box
          sx={{
            position: 'absolute',
            insetBlock: 0,
            insetInlineStart: 0,
            width: `${rms}%`,
            bgcolor:
              level.peakDb > -1
                ? 'error.main'
                : level.peakDb > -9
                  ? 'warning.main'
                  : 'success.main',
            transition: 'width 90ms linear',
          }}
        />
        <Box
          sx={{
            position: 'absolute',
            insetBlock: 0,
            insetInlineStart: `calc(${peak}% - 2px)`,
            width: 2,
            bgcolor: 'text.primary',
            opacity: silent ? 0 : 0.7,
          }}
        />
      </Box>
      <Typography
        variant="caption"
        color="text.secondary"
        sx={{ minWidth: '5.5rem', textAlign: 'end' }}
        aria-hidden
      >
        {valueText}
      </Typography>
    </Box>
  );
}

import type { ClinicCore } from '../clinic-core';
import type { Logger } from '../log/logger';

export const NO_SHOW_SWEEP_MS = 5 * 60_000;

/**
 * Marks visits of ended days as no-shows: once now (when the clinic is already unlocked) and then
 * every few minutes while it runs, so a clinic left open overnight sees yesterday closed shortly
 * after midnight. Returns a function that stops it.
 */
export function startNoShowSweeper(
  core: ClinicCore,
  logger: Logger,
  everyMs: number = NO_SHOW_SWEEP_MS,
): () => void {
  const sweep = () => {
    if (!core.isUnlocked) return;
    try {
      const marked = core.services.visits.sweepNoShows();
      if (marked > 0) logger.info('visits.noShows', { marked });
    } catch (error) {
      logger.error('visits.noShowSweepFailed', error);
    }
  };
  sweep();
  const timer = setInterval(sweep, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

import type { Clock } from '../core/clock';

/**
 * The system clock plus an offset that tests can move forward (auto-lock, lockout expiry) without
 * waiting. Preview only: the Electron app always uses the system clock.
 */
export class OffsetClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(milliseconds: number): void {
    this.offsetMs += milliseconds;
  }
}

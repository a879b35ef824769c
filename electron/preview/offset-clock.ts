import type { Clock } from '../core/clock';

/**
 * The system clock plus an offset that tests can move forward (auto-lock, lockout expiry) without
 * waiting. Preview only: the Electron app always uses the system clock.
 */
export class OffsetClock implements Clock {
  private offsetMs: number;

  /** `startAt`: the moment the clock reads now (it runs on from there); default the real time. */
  constructor(startAt?: Date) {
    this.offsetMs = startAt ? startAt.getTime() - Date.now() : 0;
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(milliseconds: number): void {
    this.offsetMs += milliseconds;
  }
}

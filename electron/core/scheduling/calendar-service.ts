import { addDays, toInstant, toLocal, weekStartOf } from '../../shared/dates/clinic-time';
import type { Actor } from '../../shared/roles';
import {
  activeVisitStatuses,
  type ClinicNow,
  dayInputSchema,
  freeSlotsInputSchema,
  weekInputSchema,
  type DayView,
  type FreeSlot,
  type Queue,
  type Visit,
  type VisitEvent,
  type WeekView,
} from '../../shared/scheduling';
import type { AccessControl } from '../access/access-control';
import type { AccessLog } from '../access/access-log';
import type { Clock } from '../clock';
import type { ClinicDatabase, ReadTx } from '../db/database';
import type { EncounterRepository } from '../encounters/encounter-repository';
import { parseInput } from '../validation';
import { overlaps } from './availability';
import type { ScheduleService } from './schedule-service';
import { clinicTimeZone, type VisitRecords } from './visit-records';
import { requireLivePatient } from './waitlist-service';

/** What the calendar and the booking services read and write through. */
export interface CalendarDeps {
  readonly db: ClinicDatabase;
  readonly log: AccessLog;
  readonly access: AccessControl;
  readonly clock: Clock;
  readonly encounters: EncounterRepository;
  readonly records: VisitRecords;
  readonly schedule: ScheduleService;
}

const active = new Set<string>(activeVisitStatuses);

/** The UTC range of local days [from, from + days). */
function daysRange(from: string, days: number, timeZone: string): [string, string] {
  return [toInstant(from, 0, timeZone), toInstant(addDays(from, days), 0, timeZone)];
}

/**
 * What reception looks at: the day (every doctor), a doctor's week, free slots, today's queue, one
 * visit and its history. Each load that shows patients is one access-log entry.
 */
export class CalendarService {
  private readonly deps: CalendarDeps;

  constructor(deps: CalendarDeps) {
    this.deps = deps;
  }

  day(actor: Actor, input: { date: string }): DayView {
    const { date } = parseInput(dayInputSchema, input);
    return this.viewing(actor, { view: 'day', date }, (tx, timeZone) => {
      const doctors = this.deps.schedule.doctors(tx);
      const [from, to] = daysRange(date, 1, timeZone);
      const visits = this.between(tx, from, to, timeZone);
      return {
        date,
        doctors: doctors.map((doctor) => ({
          ...doctor,
          availability: this.deps.schedule.availability(tx, doctor.id, [date])[0]!,
        })),
        visits,
        shown: visits.length,
      };
    });
  }

  /** A doctor's week, Saturday to Friday, around `date`. */
  week(actor: Actor, input: { doctorId: string; date: string }): WeekView {
    const data = parseInput(weekInputSchema, input);
    const weekStart = weekStartOf(data.date);
    return this.viewing(actor, { view: 'week', date: weekStart }, (tx, timeZone) => {
      const doctor = this.deps.schedule.requireDoctor(tx, data.doctorId);
      const dates = Array.from({ length: 7 }, (_, index) => addDays(weekStart, index));
      const [from, to] = daysRange(weekStart, 7, timeZone);
      const visits = this.between(tx, from, to, timeZone, [doctor.id]);
      return {
        doctor,
        weekStart,
        days: this.deps.schedule.availability(tx, doctor.id, dates),
        visits,
        shown: visits.length,
      };
    });
  }

  /**
   * Bookable start times for a visit of a given length with one doctor: inside working hours,
   * clear of the doctor's active visits, not in the past. Slots step by the visit's length from
   * the start of each period and restart after each visit that is in the way.
   */
  freeSlots(
    actor: Actor,
    input: { doctorId: string; from: string; days?: number; durationMinutes: number },
  ): FreeSlot[] {
    this.deps.access.require(actor, 'schedule.view', { action: 'view', resourceType: 'schedule' });
    const data = parseInput(freeSlotsInputSchema, input);
    return this.deps.db.read((tx) => {
      this.deps.schedule.requireDoctor(tx, data.doctorId);
      const timeZone = clinicTimeZone(tx);
      const now = toLocal(this.deps.clock.now(), timeZone);
      const dates = Array.from({ length: data.days }, (_, index) => addDays(data.from, index));
      const [from, to] = daysRange(data.from, data.days, timeZone);
      const busy = this.deps.encounters.busyBetween(tx, data.doctorId, from, to).map((visit) => {
        const start = toLocal(visit.scheduledAt, timeZone);
        return { date: start.date, start: start.minute, end: start.minute + visit.durationMinutes };
      });
      const slots: FreeSlot[] = [];
      for (const day of this.deps.schedule.availability(tx, data.doctorId, dates)) {
        if (day.date < now.date) continue;
        const taken = busy.filter((visit) => visit.date === day.date);
        for (const period of day.periods) {
          let minute = period.startMinute;
          while (minute + data.durationMinutes <= period.endMinute) {
            const end = minute + data.durationMinutes;
            const blocking = taken.find((visit) => overlaps(minute, end, visit.start, visit.end));
            if (blocking) {
              minute = blocking.end;
            } else {
              if (day.date > now.date || minute > now.minute) {
                slots.push({ date: day.date, startMinute: minute });
              }
              minute = end;
            }
          }
        }
      }
      return slots;
    });
  }

  /** The clinic's date and time of day now; no patient data, so nothing to log. */
  now(actor: Actor): ClinicNow {
    this.deps.access.require(actor, 'schedule.view', { action: 'view', resourceType: 'schedule' });
    const timeZone = this.deps.db.read((tx) => clinicTimeZone(tx));
    const instant = this.deps.clock.now();
    const local = toLocal(instant, timeZone);
    return { instant: instant.toISOString(), date: local.date, minute: local.minute, timeZone };
  }

  /** Today per doctor: who is expected, who is with the doctor, who waits and for how long. */
  queue(actor: Actor): Queue {
    const now = this.deps.clock.now();
    return this.viewing(actor, { view: 'queue' }, (tx, timeZone) => {
      const date = toLocal(now, timeZone).date;
      const [from, to] = daysRange(date, 1, timeZone);
      const visits = this.between(tx, from, to, timeZone).filter((visit) =>
        active.has(visit.status),
      );
      const doctors = this.deps.schedule.doctors(tx);
      const minutesSince = (instant: string) =>
        Math.max(0, Math.floor((now.getTime() - new Date(instant).getTime()) / 60_000));
      return {
        date,
        doctors: doctors.map((doctor) => {
          const own = visits.filter((visit) => visit.doctorId === doctor.id);
          const waiting = own
            .filter((visit) => visit.status === 'arrived')
            .sort((a, b) => (a.arrivedAt ?? '').localeCompare(b.arrivedAt ?? ''));
          return {
            doctorId: doctor.id,
            doctorName: doctor.name,
            upcoming: own.filter(
              (visit) => visit.status === 'scheduled' || visit.status === 'confirmed',
            ),
            inProgress: own.filter((visit) => visit.status === 'in_progress'),
            waiting: waiting.map((visit, index) => ({
              visit,
              position: index + 1,
              waitingMinutes: minutesSince(visit.arrivedAt ?? visit.scheduledAt),
            })),
          };
        }),
        shown: visits.length,
      };
    });
  }

  /** A patient's visits, newest first, for the patient's page. */
  forPatient(actor: Actor, patientId: string): Visit[] {
    const { access, db, log, records, encounters } = this.deps;
    const target = { action: 'view', resourceType: 'encounter', patientId } as const;
    access.require(actor, 'encounter.view', target);
    return db.write((tx) => {
      requireLivePatient(tx, patientId);
      const visits = records.present(tx, encounters.listForPatient(tx, patientId));
      log.append(tx, { actor, ...target, granted: true, detail: { visits: visits.length } });
      return visits;
    });
  }

  get(actor: Actor, id: string): Visit {
    const { access, db, log, records } = this.deps;
    const target = { action: 'view', resourceType: 'encounter', resourceId: id } as const;
    access.require(actor, 'encounter.view', target);
    return db.write((tx) => {
      const visit = records.presentOne(tx, records.require(tx, id));
      log.append(tx, { actor, ...target, patientId: visit.patientId, granted: true });
      return visit;
    });
  }

  history(actor: Actor, id: string): VisitEvent[] {
    const { access, db, log, records } = this.deps;
    const target = { action: 'view', resourceType: 'encounter', resourceId: id } as const;
    access.require(actor, 'encounter.view', target);
    return db.write((tx) => {
      const visit = records.require(tx, id);
      const events = records.events(tx, id);
      log.append(tx, {
        actor,
        ...target,
        patientId: visit.patientId,
        granted: true,
        detail: { history: events.length },
      });
      return events;
    });
  }

  private between(
    tx: ReadTx,
    from: string,
    to: string,
    timeZone: string,
    doctorIds?: readonly string[],
  ): Visit[] {
    return this.deps.records.present(
      tx,
      this.deps.encounters.listBetween(tx, from, to, doctorIds),
      timeZone,
    );
  }

  /** A view of many patients' visits: one access-log entry per load, with what was shown. */
  private viewing<T extends { shown: number }>(
    actor: Actor,
    detail: Record<string, string>,
    load: (tx: ReadTx, timeZone: string) => T,
  ): Omit<T, 'shown'> {
    const { access, db, log } = this.deps;
    const target = { action: 'view', resourceType: 'encounter' } as const;
    access.require(actor, 'encounter.view', target);
    return db.write((tx) => {
      const { shown, ...view } = load(tx, clinicTimeZone(tx));
      log.append(tx, { actor, ...target, granted: true, detail: { ...detail, visits: shown } });
      return view;
    });
  }
}

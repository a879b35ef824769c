import { useQuery } from '@tanstack/react-query';
import type { DoctorSummary } from '../../../electron/shared/scheduling';
import { useClient } from '../../api/client';
import { calendarKeys } from '../calendar/model';

/**
 * The settings sections' queries live under the calendar's key: a change to hours, exceptions
 * or visit types refreshes them and every calendar, free-slot list and queue at once.
 */
export const SCHEDULE_QUERY = calendarKeys.all;
export const scheduleKeys = {
  doctors: calendarKeys.doctors,
  weekly: (doctorId: string) => [...SCHEDULE_QUERY, 'weekly', doctorId] as const,
  exceptions: (from: string, to: string) => [...SCHEDULE_QUERY, 'exceptions', from, to] as const,
  visitTypes: calendarKeys.visitTypes,
};

/** The clinic's active doctors, as the scheduling sections list them. */
export function useDoctors() {
  const client = useClient();
  return useQuery({
    queryKey: scheduleKeys.doctors,
    queryFn: () => client.schedule.doctors(),
  });
}

export function doctorLabel(doctor: DoctorSummary): string {
  return doctor.specialty ? `${doctor.name} — ${doctor.specialty}` : doctor.name;
}

import type { Role } from './roles';

/** What someone did, as the access log records it. */
export const accessActions = [
  'view',
  'search',
  'create',
  'update',
  'delete',
  'export',
  'print',
  'login',
  'login_failed',
  'logout',
  'lock',
  'unlock',
  'unlock_failed',
  'password_change',
  'setup',
  'key_rotate',
  'backup',
  'restore',
  'verify',
] as const;
export type AccessAction = (typeof accessActions)[number];

/** What it was done to. */
export const resourceTypes = [
  'patient',
  'encounter',
  'user',
  'session',
  'clinic',
  'settings',
  'key_ring',
  'backup',
  'access_log',
] as const;
export type ResourceType = (typeof resourceTypes)[number];

/** Non-identifying detail an entry may carry: counts, kinds, codes — never patient data. */
export type AccessDetail = Readonly<Record<string, string | number | boolean | null>>;

export interface AccessEntry {
  readonly seq: number;
  readonly id: string;
  readonly at: string;
  readonly userId: string | null;
  readonly username: string | null;
  readonly role: Role | null;
  readonly workstationId: string;
  readonly action: AccessAction;
  readonly resourceType: ResourceType;
  readonly resourceId: string | null;
  readonly patientId: string | null;
  readonly granted: boolean;
  readonly reason: string | null;
  readonly detail: AccessDetail | null;
}

/** Suspicious patterns from HELSSA's access audit (seed 002). */
export type SuspiciousKind = 'after_hours_access' | 'rapid_access' | 'bulk_export';

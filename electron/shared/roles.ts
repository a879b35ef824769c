export const roles = ['admin', 'doctor', 'staff'] as const;
export type Role = (typeof roles)[number];

/**
 * The one permission matrix. Every service call names the permission it needs and is checked
 * against the acting user's role here; the renderer uses the same table to hide what a role
 * cannot do (the check in the core is what counts).
 */
export const permissionMatrix = {
  'patient.view': ['admin', 'doctor', 'staff'],
  'patient.create': ['admin', 'doctor', 'staff'],
  'patient.update': ['admin', 'doctor', 'staff'],
  'patient.delete': ['admin'],
  'patient.clinical.view': ['admin', 'doctor'],
  'patient.clinical.update': ['admin', 'doctor'],
  'patient.export': ['admin', 'doctor'],
  'encounter.view': ['admin', 'doctor', 'staff'],
  'encounter.manage': ['admin', 'doctor', 'staff'],
  'encounter.override': ['admin', 'doctor'],
  'encounter.start': ['admin', 'doctor'],
  'schedule.view': ['admin', 'doctor', 'staff'],
  'schedule.manage': ['admin'],
  'visit_type.manage': ['admin'],
  'user.view': ['admin', 'doctor', 'staff'],
  'user.manage': ['admin'],
  'clinic.update': ['admin'],
  'settings.update': ['admin'],
  'access_log.view': ['admin'],
  'access_log.verify': ['admin'],
  'keys.rotate': ['admin'],
  'backup.create': ['admin'],
  'backup.restore': ['admin'],
  'recording.capture': ['admin', 'doctor'],
  'recording.listen': ['admin', 'doctor'],
  'recording.shred': ['admin', 'doctor'],
  /** Read a visit's SOAP report, checklist and drafting status. */
  'report.view': ['admin', 'doctor'],
  /** Draft, edit, resolve flags; for a doctor only on their own visits. */
  'report.write': ['admin', 'doctor'],
  /** Approve and sign, amend: the visit's own doctor only (checked against the visit too). */
  'report.approve': ['doctor'],
  /** PDF, Markdown and printing. */
  'report.export': ['admin', 'doctor'],
  'checklist.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissionMatrix;

export function roleCan(role: Role, permission: Permission): boolean {
  return (permissionMatrix[permission] as readonly Role[]).includes(role);
}

/** The signed-in person on whose behalf a service call runs. */
export interface Actor {
  readonly userId: string;
  readonly username: string;
  readonly role: Role;
  readonly sessionId: string;
}

import type { UiString } from './types';

export const auditStrings = {} as const satisfies Record<string, UiString>;

import type { UiString } from './types';

export const patientsStrings = {} as const satisfies Record<string, UiString>;

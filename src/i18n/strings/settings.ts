import type { UiString } from './types';

export const settingsStrings = {} as const satisfies Record<string, UiString>;

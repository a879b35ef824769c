import { auditStrings } from './audit';
import { authStrings } from './auth';
import { calendarStrings } from './calendar';
import { commonStrings } from './common';
import { layoutStrings } from './layout';
import { patientsStrings } from './patients';
import { scheduleSettingsStrings } from './schedule-settings';
import { settingsStrings } from './settings';

/** Interface text (the core's messages live in electron/shared/messages). */
export const uiStrings = {
  ...commonStrings,
  ...authStrings,
  ...layoutStrings,
  ...patientsStrings,
  ...settingsStrings,
  ...auditStrings,
  ...calendarStrings,
  ...scheduleSettingsStrings,
};

export type UiStringKey = keyof typeof uiStrings;
export type { UiString } from './types';

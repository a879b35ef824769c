import { auditStrings } from './audit';
import { authStrings } from './auth';
import { calendarStrings } from './calendar';
import { commonStrings } from './common';
import { layoutStrings } from './layout';
import { patientsStrings } from './patients';
import { recordingStrings } from './recording';
import { reportStrings } from './report';
import { scheduleSettingsStrings } from './schedule-settings';
import { settingsStrings } from './settings';
import { speechStrings } from './speech';

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
  ...recordingStrings,
  ...speechStrings,
  ...reportStrings,
};

export type UiStringKey = keyof typeof uiStrings;
export type { UiString } from './types';

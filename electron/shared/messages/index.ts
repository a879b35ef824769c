import { commonMessages } from './common';
import { patientMessages } from './patients';
import { securityMessages } from './security';
import { keyMessages } from './keys';
import { databaseMessages } from './database';
import { accountMessages } from './accounts';
import { schedulingMessages } from './scheduling';
import { audioImportMessages } from './audio-import';
import { recordingMessages } from './recording';
import { modelMessages } from './models';
import { reportMessages } from './reports';
import { signingMessages } from './signing';

/** A message in both languages the app speaks; `{name}` marks a parameter. */
export interface Message {
  readonly fa: string;
  readonly en: string;
}

export type Language = 'fa' | 'en';

export const messages = {
  ...commonMessages,
  ...patientMessages,
  ...securityMessages,
  ...keyMessages,
  ...databaseMessages,
  ...accountMessages,
  ...schedulingMessages,
  ...audioImportMessages,
  ...recordingMessages,
  ...modelMessages,
  ...reportMessages,
  ...signingMessages,
} as const satisfies Record<string, Message>;

export type MessageKey = keyof typeof messages;

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(messages, key);
}

/** Renders a message in one language, filling `{param}` placeholders. */
export function translate(
  key: MessageKey,
  language: Language,
  params?: Readonly<Record<string, string | number>>,
): string {
  const template = messages[key][language];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

import { parseArgs } from 'node:util';
import type { Message } from '../shared/messages';
import { usageError } from './errors';
import { secretVariables } from './secrets';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** How the value is written in help, e.g. '<username>'. */
  readonly value?: string;
  readonly required?: boolean;
  readonly help: Message;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** Options every command takes. */
export const globalOptions = {
  'data-dir': {
    type: 'string',
    value: '<dir>',
    help: {
      fa: 'پوشهٔ داده (پیش‌فرض: HELSSA_DATA_DIR یا پوشهٔ دادهٔ برنامه برای این کاربر).',
      en: "The data folder (default: HELSSA_DATA_DIR, else the app's data folder for this user).",
    },
  },
  user: {
    type: 'string',
    value: '<username>',
    help: {
      fa: 'کاربری که دستور به نام او انجام می‌شود؛ گذرواژه از HELSSA_PASSWORD یا پرسش.',
      en: 'The user the command acts as; the password comes from HELSSA_PASSWORD or a prompt.',
    },
  },
  json: {
    type: 'boolean',
    help: {
      fa: 'خروجی به شکل یک سند JSON روی stdout.',
      en: 'Print one JSON document on stdout.',
    },
  },
  lang: {
    type: 'string',
    value: 'fa|en',
    help: {
      fa: 'پیام‌ها فقط به یک زبان (پیش‌فرض: فارسی و سپس انگلیسی).',
      en: 'Messages in one language only (default: Persian, then English).',
    },
  },
  help: {
    type: 'boolean',
    short: 'h',
    help: { fa: 'راهنمای دستور.', en: 'Help on the command.' },
  },
} as const satisfies OptionSpecs;

export type GlobalOption = keyof typeof globalOptions;

export interface OptionUse {
  /** The name as given, e.g. '--data-dir' or '-h'. */
  readonly rawName: string;
  readonly name: string;
}

export interface ParsedArgv {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
  readonly used: readonly OptionUse[];
}

/** Flags someone might try for a secret, and the variable to use instead. */
const SECRET_FLAGS: Readonly<Record<string, string>> = {
  password: secretVariables.password,
  'new-password': secretVariables.newPassword,
  'admin-password': secretVariables.newPassword,
  passphrase: secretVariables.passphrase,
  'vault-passphrase': secretVariables.passphrase,
  'backup-passphrase': secretVariables.backupPassphrase,
};

/**
 * Reads the command line against every option any command knows (so `--data-dir x` before the
 * command name still takes its value), and rejects unknown options, options without their value
 * and values given to switches. Values are never echoed in messages. Which options the chosen
 * command accepts is checked afterwards by `checkOptionsFor`.
 */
export function parseArgv(argv: readonly string[], known: OptionSpecs): ParsedArgv {
  const options = Object.fromEntries(
    Object.entries(known).map(([name, spec]) => [
      name,
      spec.short ? { type: spec.type, short: spec.short } : { type: spec.type },
    ]),
  );
  // Non-strict so that the checks below can name the problem in the user's language.
  const { values, positionals, tokens } = parseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const used: OptionUse[] = [];
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const spec = known[token.name];
    if (!spec) {
      const variable = SECRET_FLAGS[token.name];
      if (variable) throw usageError('cli.usage.secretOption', { variable });
      throw usageError('cli.usage.unknownOption', { option: safeOptionName(token.rawName) });
    }
    if (spec.type === 'string') {
      // `--data-dir --json`: the next option was taken as the value; strict mode calls this
      // ambiguous, and it is nearly always a forgotten value.
      if (
        token.value === undefined ||
        (!token.inlineValue && token.value.startsWith('-') && token.value.length > 1)
      ) {
        throw usageError('cli.usage.missingValue', { option: `--${token.name}` });
      }
    } else if (token.value !== undefined) {
      throw usageError('cli.usage.unexpectedValue', { option: `--${token.name}` });
    }
    used.push({ rawName: token.rawName, name: token.name });
  }
  return { values, positionals, used };
}

/** An option name as typed, cut short and stripped of anything that is not a plain name. */
function safeOptionName(rawName: string): string {
  return /^--?[A-Za-z0-9][A-Za-z0-9-]{0,39}$/.test(rawName) ? rawName : '--…';
}

/** Refuses options the command does not take and required options that are missing. */
export function checkOptionsFor(command: string, parsed: ParsedArgv, options: OptionSpecs): void {
  for (const use of parsed.used) {
    if (!Object.hasOwn(options, use.name) && !Object.hasOwn(globalOptions, use.name)) {
      throw usageError('cli.usage.optionNotForCommand', { option: `--${use.name}`, command });
    }
  }
  for (const [name, spec] of Object.entries(options)) {
    if (spec.required && parsed.values[name] === undefined) {
      throw usageError('cli.usage.missingOption', { option: `--${name}` });
    }
  }
}

/** A command's view of its arguments; `K` are the names of its own options. */
export class CommandArgs<K extends string = string> {
  readonly positionals: readonly string[];
  private readonly values: ParsedArgv['values'];

  constructor(parsed: ParsedArgv, positionals: readonly string[]) {
    this.values = parsed.values;
    this.positionals = positionals;
  }

  string(name: K): string | undefined {
    const value = this.values[name];
    return typeof value === 'string' ? value : undefined;
  }

  /** An option declared `required` (checked before the command runs). */
  required(name: K): string {
    const value = this.string(name);
    if (value === undefined) throw usageError('cli.usage.missingOption', { option: `--${name}` });
    return value;
  }

  flag(name: K): boolean {
    return this.values[name] === true;
  }

  /** A positive whole number, or undefined when the option was not given. */
  integer(name: K): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!/^\d{1,9}$/.test(value.trim()) || Number(value) < 1) {
      throw usageError('cli.usage.badInteger', { option: `--${name}` });
    }
    return Number(value);
  }
}

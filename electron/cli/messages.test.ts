import { describe, expect, it } from 'vitest';
import { normalizeText } from '../shared/text/normalize';
import { AppError } from '../core/errors';
import { cliMessages, render } from './messages';
import { displayWidth, layoutTable, Output } from './output';
import { EXIT, exitKindOf, reportError } from './errors';
import { errorCodes } from '../shared/errors';

const entries = Object.entries(cliMessages);
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the CLI message catalogue', () => {
  it('writes Persian the way the app stores it and keeps Persian out of English', () => {
    for (const [key, message] of entries) {
      expect(normalizeText(message.fa), key).toBe(message.fa);
      expect(message.en.trim(), key).not.toBe('');
      expect(message.en, key).not.toMatch(/[\u0600-\u06FF]/);
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const [key, message] of entries) {
      expect(placeholders(message.fa), key).toEqual(placeholders(message.en));
    }
  });

  it('renders its own keys and the app catalogue’s', () => {
    expect(render('cli.usage.missingOption', 'en', { option: '--mrn' })).toBe('--mrn is required.');
    expect(render('patient.notFound', 'fa')).toBe('بیمار پیدا نشد.');
  });
});

describe('tables', () => {
  it('measures Persian with ZWNJ by what a terminal shows', () => {
    expect(displayWidth('می‌شود')).toBe(5);
    const lines = layoutTable([['نام', 'Name']], [['می‌شود', 'x']]);
    expect(lines[0]).toBe('نام    Name');
    expect(lines[2]).toBe('می‌شود  x');
  });
});

function capture(language: 'fa' | 'en' | 'both' = 'both', json = false) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const out = new Output(
    {
      stdout: { write: (t: string) => stdout.push(t) },
      stderr: { write: (t: string) => stderr.push(t) },
    },
    language,
    json,
  );
  return { out, stdout, stderr };
}

describe('errors and exit codes', () => {
  it('maps every core error code to an exit code', () => {
    for (const code of errorCodes) expect(EXIT[exitKindOf(code)], code).toBeGreaterThan(0);
    expect(exitKindOf('validation')).toBe('input');
    expect(exitKindOf('wrong_passphrase')).toBe('auth');
    expect(exitKindOf('backup_invalid')).toBe('integrity');
  });

  it('prints field errors by field and flag, in both languages', () => {
    const { out, stderr } = capture();
    const code = reportError(
      new AppError('validation', 'validation.failed', {
        fields: [{ field: 'nationalId', messageKey: 'patient.nationalId.invalidFormat' }],
      }),
      { out, fields: { nationalId: '--national-id' }, helpCommand: 'help', logger: () => null },
    );
    expect(code).toBe(3);
    expect(stderr.join('')).toBe(
      [
        'برخی از موارد واردشده معتبر نیستند.',
        'Some of the values entered are not valid.',
        '  nationalId (--national-id): کد ملی باید ۱۰ رقم باشد.',
        '  nationalId (--national-id): The national ID must be 10 digits.',
        '',
      ].join('\n'),
    );
  });

  it('logs an unexpected error with its stack and prints only error.internal (1)', () => {
    const { out, stdout, stderr } = capture('en', true);
    const logged: unknown[] = [];
    const logger = { info() {}, warn() {}, error: (_: string, e: unknown) => logged.push(e) };
    const failure = new TypeError('boom at patient 0499370899');
    const code = reportError(failure, {
      out,
      helpCommand: 'help',
      logger: () => ({ logger, file: '/data/logs/cli.log' }),
    });
    expect(code).toBe(1);
    expect(logged).toEqual([failure]);
    const text = stderr.join('');
    expect(text).toContain('An unexpected error occurred.');
    expect(text).toContain('Log file: /data/logs/cli.log');
    expect(text).not.toContain('boom');
    expect(JSON.parse(stdout.join(''))).toMatchObject({ ok: false, exitCode: 1 });
  });
});

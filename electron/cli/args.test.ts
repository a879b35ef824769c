import { describe, expect, it } from 'vitest';
import { checkOptionsFor, CommandArgs, globalOptions, parseArgv, type OptionSpecs } from './args';
import { allOptions, commands } from './commands';
import { CliError } from './errors';

function usageKey(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).kind).toBe('usage');
    return (error as CliError).messageKey;
  }
  throw new Error('expected a usage error');
}

describe('command-line parsing', () => {
  it('gives every option name one type across all commands', () => {
    const types = new Map<string, string>();
    const all: OptionSpecs[] = [globalOptions, ...commands.map((command) => command.options)];
    for (const options of all) {
      for (const [name, spec] of Object.entries(options)) {
        expect(types.get(name) ?? spec.type, name).toBe(spec.type);
        types.set(name, spec.type);
      }
    }
  });

  it('has no two commands with the same name, and no secret among the options', () => {
    const names = commands.map((command) => command.path.join(' '));
    expect(new Set(names).size).toBe(names.length);
    for (const name of Object.keys(allOptions())) {
      expect(name).not.toMatch(/password|passphrase|secret/);
    }
  });

  it('reads options before and after the command words', () => {
    const parsed = parseArgv(
      ['--data-dir', '/tmp/x', 'patients', 'search', 'علی', 'رضایی', '--limit=5', '--json'],
      allOptions(),
    );
    expect(parsed.positionals).toEqual(['patients', 'search', 'علی', 'رضایی']);
    expect(parsed.values).toMatchObject({ 'data-dir': '/tmp/x', limit: '5', json: true });
  });

  it('refuses unknown options, missing values, values for switches and secret flags', () => {
    const all = allOptions();
    expect(usageKey(() => parseArgv(['--frob'], all))).toBe('cli.usage.unknownOption');
    expect(usageKey(() => parseArgv(['-x'], all))).toBe('cli.usage.unknownOption');
    expect(usageKey(() => parseArgv(['--data-dir'], all))).toBe('cli.usage.missingValue');
    expect(usageKey(() => parseArgv(['--data-dir', '--json'], all))).toBe('cli.usage.missingValue');
    expect(usageKey(() => parseArgv(['--json=yes'], all))).toBe('cli.usage.unexpectedValue');
    expect(usageKey(() => parseArgv(['--password', 'x'], all))).toBe('cli.usage.secretOption');
    expect(usageKey(() => parseArgv(['--backup-passphrase=x'], all))).toBe(
      'cli.usage.secretOption',
    );
  });

  it('checks options against the command: foreign ones and missing required ones', () => {
    const all = allOptions();
    const usersAdd = commands.find((command) => command.path.join(' ') === 'users add')!;
    expect(
      usageKey(() =>
        checkOptionsFor('users add', parseArgv(['--limit', '3'], all), usersAdd.options),
      ),
    ).toBe('cli.usage.optionNotForCommand');
    expect(
      usageKey(() =>
        checkOptionsFor('users add', parseArgv(['--username', 'a'], all), usersAdd.options),
      ),
    ).toBe('cli.usage.missingOption');
  });

  it('reads positive whole numbers only', () => {
    const all = allOptions();
    const args = (value: string) => new CommandArgs(parseArgv(['--limit', value], all), []);
    expect(args('25').integer('limit')).toBe(25);
    expect(usageKey(() => args('0').integer('limit'))).toBe('cli.usage.badInteger');
    expect(usageKey(() => args('2.5').integer('limit'))).toBe('cli.usage.badInteger');
    expect(usageKey(() => args('ten').integer('limit'))).toBe('cli.usage.badInteger');
  });
});

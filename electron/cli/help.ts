import { globalOptions, type OptionSpec } from './args';
import { commandName, type CommandSpec } from './command';
import { EXIT, type ExitKind } from './errors';
import type { CliMessageKey } from './messages';
import type { Output } from './output';
import { secretVariables, type SecretName } from './secrets';

/** How the tool is started from a checkout (package.json "cli"). */
export const PROGRAM = 'npm run cli --';

const exitHelp: Readonly<Record<ExitKind, CliMessageKey>> = {
  ok: 'cli.exit.ok',
  unexpected: 'cli.exit.unexpected',
  usage: 'cli.exit.usage',
  input: 'cli.exit.input',
  auth: 'cli.exit.auth',
  integrity: 'cli.exit.integrity',
  interrupted: 'cli.exit.interrupted',
};

const secretHelp: Readonly<Record<SecretName, CliMessageKey>> = {
  passphrase: 'cli.env.passphrase',
  password: 'cli.env.password',
  newPassword: 'cli.env.newPassword',
  backupPassphrase: 'cli.env.backupPassphrase',
};

const INDENT = '      ';

export function printGeneralHelp(out: Output, commands: readonly CommandSpec[]): void {
  const lines: string[] = [];
  lines.push(...out.lines('cli.help.title'));
  lines.push(...out.lines('cli.help.usage', { usage: `${PROGRAM} <command> [options]` }), '');
  lines.push(...out.lines('cli.help.commands'));
  for (const command of commands) {
    lines.push(`  ${usageOf(command)}`);
    lines.push(...out.textLines(command.summary).map((line) => INDENT + line));
  }
  lines.push(`  help [<command>]`, '');
  lines.push(...optionLines(out, 'cli.help.commonOptions', globalOptions));
  lines.push(...environmentLines(out, Object.keys(secretVariables) as SecretName[]));
  lines.push(...exitCodeLines(out));
  lines.push(...out.lines('cli.help.secrets'));
  lines.push(...out.lines('cli.help.more', { command: `${PROGRAM} help <command>` }));
  printAll(out, lines);
}

export function printCommandHelp(out: Output, command: CommandSpec): void {
  const lines: string[] = [];
  lines.push(...out.lines('cli.help.usage', { usage: `${PROGRAM} ${usageOf(command)}` }));
  lines.push(...out.textLines(command.summary), '');
  if (Object.keys(command.options).length > 0) {
    lines.push(...optionLines(out, 'cli.help.options', command.options));
  }
  const common = Object.fromEntries(
    Object.entries(globalOptions).filter(([name]) => name !== 'user' || command.actsAsUser),
  );
  lines.push(...optionLines(out, 'cli.help.commonOptions', common));
  lines.push(...environmentLines(out, command.secrets));
  lines.push(...exitCodeLines(out));
  printAll(out, lines);
}

function usageOf(command: CommandSpec): string {
  const user = command.actsAsUser ? ' --user <username>' : '';
  return [commandName(command), command.synopsis].filter(Boolean).join(' ') + user;
}

function optionLines(
  out: Output,
  heading: CliMessageKey,
  options: Readonly<Record<string, OptionSpec>>,
): string[] {
  const lines = [...out.lines(heading)];
  for (const [name, spec] of Object.entries(options)) {
    const short = spec.short ? `-${spec.short}, ` : '';
    const value = spec.value ? ` ${spec.value}` : '';
    const required = spec.required ? '  *' : '';
    lines.push(`  ${short}--${name}${value}${required}`);
    lines.push(...out.textLines(spec.help).map((line) => INDENT + line));
  }
  lines.push('');
  return lines;
}

function environmentLines(out: Output, secrets: readonly SecretName[]): string[] {
  const lines = [...out.lines('cli.help.environment')];
  lines.push('  HELSSA_DATA_DIR', ...out.lines('cli.env.dataDir').map((line) => INDENT + line));
  for (const name of secrets) {
    lines.push(`  ${secretVariables[name]}`);
    lines.push(...out.lines(secretHelp[name]).map((line) => INDENT + line));
  }
  lines.push('');
  return lines;
}

function exitCodeLines(out: Output): string[] {
  const lines = [...out.lines('cli.help.exitCodes')];
  for (const kind of Object.keys(EXIT) as ExitKind[]) {
    const code = String(EXIT[kind]).padEnd(INDENT.length - 2);
    lines.push(
      ...out.lines(exitHelp[kind]).map((line, i) => (i === 0 ? `  ${code}` : INDENT) + line),
    );
  }
  lines.push('');
  return lines;
}

/** Help is asked for: it goes to stdout even under --json. */
function printAll(out: Output, lines: readonly string[]): void {
  out.help(lines);
}

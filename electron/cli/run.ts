import fs from 'node:fs';
import path from 'node:path';
import { FileLogger, silentLogger, type Logger } from '../core/log/logger';
import { dataPaths, defaultDataDir } from '../core/paths';
import { checkOptionsFor, CommandArgs, parseArgv, type ParsedArgv } from './args';
import { commandName, type CommandContext, type CommandSpec } from './command';
import { allOptions, commands } from './commands';
import { EXIT, reportError, usageError, type ExitCode } from './errors';
import { printCommandHelp, printGeneralHelp, PROGRAM } from './help';
import { Output, type LanguageChoice, type Writer } from './output';
import { Secrets, terminalPrompter } from './secrets';

export interface CliIo {
  readonly env: NodeJS.ProcessEnv;
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: Writer;
  readonly stderr: Writer;
  readonly stdinIsTty: boolean;
  readonly stderrIsTty: boolean;
}

type Resolved =
  | { readonly kind: 'help'; readonly command: CommandSpec | null }
  | { readonly kind: 'run'; readonly command: CommandSpec; readonly rest: readonly string[] };

/** Parses the command line, runs one command, and returns the exit code (see errors.ts). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let out = new Output(io, 'both', false);
  let command: CommandSpec | null = null;
  let log: { logger: Logger; file: string } | null | undefined;
  let dataDir: string | null = null;
  // No log is written into a folder that does not exist (a mistyped --data-dir stays absent).
  const openLog = () => {
    if (log === undefined && dataDir !== null && fs.existsSync(dataDir)) {
      try {
        const logger = new FileLogger(dataPaths(dataDir).logs, 'cli.log');
        log = { logger, file: logger.path };
      } catch {
        log = null;
      }
    }
    return log ?? null;
  };
  try {
    const parsed = parseArgv(argv, allOptions());
    out = new Output(io, languageOf(parsed), parsed.values['json'] === true);
    const resolved = resolve(parsed);
    if (resolved.kind === 'help' || parsed.values['help'] === true) {
      if (resolved.command) printCommandHelp(out, resolved.command);
      else printGeneralHelp(out, commands);
      return EXIT.ok;
    }
    command = resolved.command;
    checkOptionsFor(commandName(command), parsed, command.options);
    if (command.positional?.required && resolved.rest.length === 0) {
      throw usageError('cli.usage.missingArgument', { name: command.positional.name });
    }
    const dataDirOption = parsed.values['data-dir'];
    dataDir =
      typeof dataDirOption === 'string' ? path.resolve(dataDirOption) : defaultDataDir(io.env);
    const username = parsed.values['user'];
    const context: CommandContext = {
      args: new CommandArgs(parsed, resolved.rest),
      out,
      secrets: new Secrets(
        io.env,
        io.stdinIsTty ? terminalPrompter(io.stdin, io.stderr) : null,
        out,
      ),
      env: io.env,
      dataDir,
      username: typeof username === 'string' ? username : undefined,
      stderrIsTty: io.stderrIsTty,
      logger: () => openLog()?.logger ?? silentLogger,
    };
    const code = await command.run(context);
    log?.logger.info('cli.finished', { command: commandName(command), exitCode: code });
    return code;
  } catch (error) {
    const code = reportError(error, {
      out,
      fields: command?.fields,
      helpCommand: command ? `${PROGRAM} help ${commandName(command)}` : `${PROGRAM} --help`,
      logger: openLog,
    });
    if (command)
      log?.logger.info('cli.finished', { command: commandName(command), exitCode: code });
    return code;
  }
}

function languageOf(parsed: ParsedArgv): LanguageChoice {
  const lang = parsed.values['lang'];
  if (lang === undefined) return 'both';
  if (lang === 'fa' || lang === 'en') return lang;
  throw usageError('cli.usage.badLanguage');
}

/** Finds the command named by the leading words; the words after it are its arguments. */
function resolve(parsed: ParsedArgv): Resolved {
  const words = parsed.positionals;
  if (words[0] === 'help') {
    if (words.length === 1) return { kind: 'help', command: null };
    return { kind: 'help', command: find(words.slice(1)).command };
  }
  if (words.length === 0) {
    if (parsed.values['help'] === true) return { kind: 'help', command: null };
    throw usageError('cli.usage.noCommand');
  }
  const { command, rest } = find(words);
  if (rest.length > 0 && !command.positional) throw usageError('cli.usage.unexpectedArgument');
  return { kind: 'run', command, rest };
}

function find(words: readonly string[]): { command: CommandSpec; rest: readonly string[] } {
  const [first = '', second] = words;
  const group = commands.filter((command) => command.path[0] === first);
  if (group.length === 0) throw usageError('cli.usage.unknownCommand', { command: shown(first) });
  const single = group.find((command) => command.path.length === 1);
  if (single) return { command: single, rest: words.slice(1) };
  const sub = group.find((command) => command.path[1] === second);
  if (sub) return { command: sub, rest: words.slice(2) };
  if (second === undefined) {
    throw usageError('cli.usage.missingSubcommand', {
      group: first,
      choices: group.map((command) => command.path[1]).join(', '),
    });
  }
  throw usageError('cli.usage.unknownCommand', { command: `${first} ${shown(second)}` });
}

/** A command word as typed, unless it looks like anything but a command word (never echo data). */
function shown(word: string): string {
  return /^[A-Za-z][A-Za-z0-9-]{0,30}$/.test(word) ? word : '…';
}

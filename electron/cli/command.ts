import type { Logger } from '../core/log/logger';
import type { Message } from '../shared/messages';
import type { CommandArgs, OptionSpecs } from './args';
import type { ExitCode } from './errors';
import type { Output } from './output';
import type { SecretName, Secrets } from './secrets';

/** What a command gets to work with. */
export interface CommandContext<K extends string = string> {
  readonly args: CommandArgs<K>;
  readonly out: Output;
  readonly secrets: Secrets;
  readonly env: NodeJS.ProcessEnv;
  /** Absolute path of the data folder. */
  readonly dataDir: string;
  /** --user, the acting user's name. */
  readonly username: string | undefined;
  /** stderr is a terminal: progress may rewrite its line. */
  readonly stderrIsTty: boolean;
  /** The tool's log file in `<dataDir>/logs`, opened on first use. */
  logger(): Logger;
}

export interface PositionalSpec {
  readonly name: string;
  readonly required: boolean;
  /** Takes every remaining word (a search query may have several). */
  readonly rest?: boolean;
}

export interface CommandSpec<K extends string = string> {
  /** The words that name it: ['users', 'add']. */
  readonly path: readonly string[];
  /** What follows the name in the usage line. */
  readonly synopsis: string;
  readonly summary: Message;
  readonly options: OptionSpecs;
  readonly positional?: PositionalSpec;
  /** Signs in with --user (shown in help, checked before anything runs). */
  readonly actsAsUser: boolean;
  /** Secrets it may ask for, for help. */
  readonly secrets: readonly SecretName[];
  /** Core field names → the flag or variable they came from, for field error messages. */
  readonly fields?: Readonly<Record<string, string>>;
  run(context: CommandContext<K>): Promise<ExitCode>;
}

/** Declares a command; `run` may only ask for the options the command declares. */
export function defineCommand<const O extends OptionSpecs>(
  spec: Omit<CommandSpec<keyof O & string>, 'options'> & { readonly options: O },
): CommandSpec {
  return spec;
}

export function commandName(spec: Pick<CommandSpec, 'path'>): string {
  return spec.path.join(' ');
}

import type { Language, Message } from '../shared/messages';
import {
  render,
  renderText,
  type AnyMessageKey,
  type CliMessageKey,
  type MessageParams,
} from './messages';

/** Which languages the user reads: both (Persian line first, then English) unless --lang says. */
export type LanguageChoice = Language | 'both';

export interface Writer {
  write(text: string): unknown;
}

export type Align = 'left' | 'right';

export interface Column {
  readonly label: CliMessageKey;
  readonly align?: Align;
}

// Marks, format characters (ZWNJ, bidi marks) take no cell on a terminal.
const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}]/gu;
// Control characters in a value (a newline, an escape sequence) would break the layout.
const CONTROL = /\p{Cc}/gu;

export function displayWidth(text: string): number {
  return [...text.replace(ZERO_WIDTH, '')].length;
}

function pad(text: string, width: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}

/** Lays out rows under one or more header rows, columns two spaces apart. */
export function layoutTable(
  headers: readonly (readonly string[])[],
  rows: readonly (readonly string[])[],
  aligns: readonly Align[] = [],
): string[] {
  const clean = rows.map((row) => row.map((cell) => cell.replace(CONTROL, ' ')));
  const all = [...headers, ...clean];
  const columns = Math.max(0, ...all.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, index) =>
    Math.max(0, ...all.map((row) => displayWidth(row[index] ?? ''))),
  );
  const line = (row: readonly string[]) =>
    widths
      .map((width, index) => pad(row[index] ?? '', width, aligns[index] ?? 'left'))
      .join('  ')
      .trimEnd();
  return [
    ...headers.map(line),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...clean.map(line),
  ];
}

/**
 * Everything the tool prints goes through here. Human text is Persian then English (or the one
 * language of --lang); with --json, stdout carries exactly one JSON document and human text moves
 * to stderr.
 */
export class Output {
  readonly language: LanguageChoice;
  readonly json: boolean;
  private readonly stdout: Writer;
  private readonly stderr: Writer;

  constructor(
    streams: { stdout: Writer; stderr: Writer },
    language: LanguageChoice,
    json: boolean,
  ) {
    this.stdout = streams.stdout;
    this.stderr = streams.stderr;
    this.language = language;
    this.json = json;
  }

  get languages(): readonly Language[] {
    return this.language === 'both' ? ['fa', 'en'] : [this.language];
  }

  /** The message in each language shown, one line each. */
  lines(key: AnyMessageKey, params?: MessageParams): string[] {
    return this.languages.map((language) => render(key, language, params));
  }

  textLines(text: Message, params?: MessageParams): string[] {
    return this.languages.map((language) => renderText(text, language, params));
  }

  /** A result message: stdout, or stderr under --json. */
  say(key: AnyMessageKey, params?: MessageParams, indent = ''): void {
    this.print(this.lines(key, params).map((line) => indent + line));
  }

  /** Lines of a result (already in the right language). */
  print(lines: readonly string[]): void {
    const target = this.json ? this.stderr : this.stdout;
    for (const line of lines) target.write(`${line}\n`);
  }

  /** Help text: stdout whatever the mode (it is what was asked for). */
  help(lines: readonly string[]): void {
    for (const line of lines) this.stdout.write(`${line}\n`);
  }

  /** Errors, warnings, progress: always stderr. */
  warn(key: AnyMessageKey, params?: MessageParams, indent = ''): void {
    this.printErr(this.lines(key, params).map((line) => indent + line));
  }

  printErr(lines: readonly string[]): void {
    for (const line of lines) this.stderr.write(`${line}\n`);
  }

  /** A progress line on stderr; `rewrite` overwrites the previous one (terminals only). */
  progress(key: CliMessageKey, params: MessageParams, rewrite: boolean): void {
    const text = this.lines(key, params).join(' | ');
    this.stderr.write(rewrite ? `\r\u001b[2K${text}` : `${text}\n`);
  }

  endProgress(rewrite: boolean): void {
    if (rewrite) this.stderr.write('\n');
  }

  blank(): void {
    this.print(['']);
  }

  /** A table: one header row per language shown. */
  table(columns: readonly Column[], rows: readonly (readonly string[])[]): void {
    const headers = this.languages.map((language) =>
      columns.map((column) => render(column.label, language)),
    );
    this.print(
      layoutTable(
        headers,
        rows,
        columns.map((column) => column.align ?? 'left'),
      ).map((line) => `  ${line}`),
    );
  }

  /** The one JSON document of a --json run. */
  document(value: unknown): void {
    this.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }
}

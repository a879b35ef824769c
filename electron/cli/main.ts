/**
 * HELSSA Clinic command-line tool: `npm run cli -- <command> [options]` (`--help` lists them).
 * Parses, dispatches to one command (commands/), and exits with its code:
 * 0 ok · 1 unexpected · 2 usage · 3 invalid input or conflict · 4 authentication or keys ·
 * 5 integrity (access-log chain, tampering, invalid backup) · 130 cancelled at a prompt.
 * See errors.ts for the full mapping.
 */
import { EXIT } from './errors';
import { render } from './messages';
import { runCli } from './run';

// A last line of defence: whatever escapes runCli still never prints a stack trace.
const crash = (): void => {
  process.stderr.write(`${render('cli.error.crash', 'fa')}\n${render('cli.error.crash', 'en')}\n`);
  process.exit(EXIT.unexpected);
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);
// `… | head`: a closed pipe ends the output, not the process with a stack trace.
process.stdout.on('error', () => process.exit(process.exitCode ?? EXIT.ok));

process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  stdinIsTty: process.stdin.isTTY === true,
  stderrIsTty: process.stderr.isTTY === true,
});

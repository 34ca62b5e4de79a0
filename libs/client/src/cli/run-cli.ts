// The whole CLI as one in-process function: argv in, JSON or an error line out, exit code
// back. main.ts only binds it to the real process, so tests drive exactly what users run.
import { BatonClient, defaultBatonAddress } from '../baton-client';
import { BatonClientError } from '../baton-client-error';
import { CliFileError, executeCommand } from './execute-command';
import { UsageError } from './option-values';
import { parseCommandLine } from './parse-command-line';
import { usageFor } from './usage-text';

/** Exit codes of the `baton` CLI. */
export const cliExitCodes = { ok: 0, failed: 1, usage: 2 } as const;

/** Where the CLI writes and what it reads from its surroundings. */
export interface CliContext {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  /**
   * Environment: `BATON_ADDRESS` (REST address) and `BATON_TOKEN` (bearer token).
   * @default process.env
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * The fetch implementation handed to the client.
   * @default globalThis.fetch
   */
  readonly fetch?: typeof fetch;
  /**
   * Directory relative file paths are resolved against.
   * @default process.cwd()
   */
  readonly cwd?: string;
}

/**
 * Runs one `baton` command line and resolves with its exit code: 0 on success, 1 when the
 * API or a file failed, 2 for usage errors (the usage text follows the message on stderr).
 * @example
 * const code = await runCli(['get', 'instance', '2251799813685249'], { stdout: process.stdout, stderr: process.stderr });
 */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  const env = context.env ?? process.env;
  try {
    const parsed = parseCommandLine(argv);
    if (parsed.kind === 'help') {
      context.stdout.write(parsed.text);
      return cliExitCodes.ok;
    }
    const token = parsed.token ?? env.BATON_TOKEN;
    const client = new BatonClient({
      address: parsed.address ?? env.BATON_ADDRESS ?? defaultBatonAddress,
      ...(token !== undefined && token !== '' && { token }),
      ...(context.fetch !== undefined && { fetch: context.fetch }),
    });
    const result = await executeCommand(parsed.command, client, context.cwd ?? process.cwd());
    context.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return cliExitCodes.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      context.stderr.write(`Error: ${error.message}\n\n${usageFor(error.commandWords)}`);
      return cliExitCodes.usage;
    }
    if (error instanceof BatonClientError || error instanceof CliFileError) {
      context.stderr.write(`Error: ${error.message}\n`);
      return cliExitCodes.failed;
    }
    context.stderr.write(
      `Error: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return cliExitCodes.failed;
  }
}

// Command line → ParsedCommandLine, with node:util parseArgs and no I/O, so every usage rule
// is unit-testable. Flags may stand before, between or after the command words.
import { parseArgs } from 'node:util';
import type { ParsedCommandLine } from './cli-command';
import { allOptionSpecs, commandSpecs, globalOptions, type CommandSpec } from './command-specs';
import { UsageError } from './option-values';
import { usageFor } from './usage-text';

type ParseArgsOptions = Record<string, { type: 'string' | 'boolean'; short?: string }>;

const parseArgsOptions: ParseArgsOptions = Object.fromEntries(
  allOptionSpecs.map((option) => [
    option.name,
    option.name === 'help' ? { type: option.type, short: 'h' } : { type: option.type },
  ]),
);

/**
 * Parses `argv` (without the node and script paths).
 * @throws UsageError for anything the user must fix; its `commandWords` select the usage to show.
 */
export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  const { values, positionals, tokens } = parseFlags(argv);
  const spec = findSpec(positionals);

  if (values.help === true) return { kind: 'help', text: usageFor(spec?.words ?? positionals.slice(0, 2)) };
  if (positionals.length === 0) throw new UsageError('no command given');
  if (spec === undefined) throw new UsageError(`unknown command '${positionals.slice(0, 2).join(' ')}'`);

  const allowed = new Set([...globalOptions, ...spec.options].map((option) => option.name));
  for (const token of tokens) {
    if (token.kind === 'option' && !allowed.has(token.name)) {
      throw new UsageError(
        `unknown option '${token.rawName}' for 'baton ${spec.words.join(' ')}'`,
        spec.words,
      );
    }
  }

  const args = checkArguments(spec, positionals.slice(spec.words.length));
  const address = typeof values.address === 'string' ? values.address : undefined;
  const token = typeof values.token === 'string' ? values.token : undefined;
  try {
    return { kind: 'run', command: spec.build(args, values), address, ...(token !== undefined && { token }) };
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(error.message, spec.words);
    throw error;
  }
}

function parseFlags(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      options: parseArgsOptions,
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
  } catch (error) {
    // parseArgs explains unknown options and missing values well; keep its words on one line.
    // (Its errors come from Node's own realm, so duck-type rather than instanceof.)
    const message = (error as { message?: unknown }).message;
    const text = typeof message === 'string' ? message.replace(/\s*\n\s*/g, ' ') : String(error);
    throw new UsageError(text.replace(/^./, (first) => first.toLowerCase()));
  }
}

function findSpec(positionals: readonly string[]): CommandSpec | undefined {
  return commandSpecs.find((spec) => spec.words.every((word, index) => positionals[index] === word));
}

function checkArguments(spec: CommandSpec, given: readonly string[]): readonly string[] {
  const variadic = spec.args.some((argument) => argument.variadic);
  if (given.length < spec.args.length) {
    const missing = spec.args[given.length]?.name ?? 'argument';
    throw new UsageError(`missing ${missing} for 'baton ${spec.words.join(' ')}'`, spec.words);
  }
  if (!variadic && given.length > spec.args.length) {
    throw new UsageError(
      `unexpected argument '${given[spec.args.length]}' for 'baton ${spec.words.join(' ')}'`,
      spec.words,
    );
  }
  return given;
}

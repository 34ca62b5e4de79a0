// The help texts, generated from the command table so they cannot disagree with the parser.
import { commandSpecs, globalOptions, type CommandSpec, type OptionSpec } from './command-specs';

/** `create instance ID`, `deploy FILE…`. */
export function commandSynopsis(spec: CommandSpec): string {
  const args = spec.args.map((argument) => (argument.variadic ? `${argument.name}…` : argument.name));
  return [...spec.words, ...args].join(' ');
}

/** The overview printed by `baton --help` and after an unknown command. */
export function generalUsage(): string {
  const width = Math.max(...commandSpecs.map((spec) => commandSynopsis(spec).length));
  return [
    'Usage: baton <command> [options]',
    '',
    'Commands:',
    ...commandSpecs.map((spec) => `  ${commandSynopsis(spec).padEnd(width)}  ${spec.summary}`),
    '',
    ...optionLines('Global options:', globalOptions),
    '',
    "Run 'baton <command> --help' for a command's options. Output is JSON on stdout.",
    '',
  ].join('\n');
}

/** The usage of the commands whose words start with `words` (one command, or all of a verb). */
export function usageFor(words: readonly string[]): string {
  const specs = commandSpecs.filter((spec) => words.every((word, index) => spec.words[index] === word));
  if (words.length === 0 || specs.length === 0) return generalUsage();
  return specs.map(commandUsage).join('\n');
}

function commandUsage(spec: CommandSpec): string {
  return [
    `Usage: baton ${commandSynopsis(spec)}${spec.options.length > 0 ? ' [options]' : ''}`,
    '',
    spec.summary + '.',
    '',
    ...(spec.options.length > 0 ? [...optionLines('Options:', spec.options), ''] : []),
    ...optionLines('Global options:', globalOptions),
    '',
  ].join('\n');
}

function optionLines(heading: string, options: readonly OptionSpec[]): string[] {
  const label = (option: OptionSpec): string =>
    (option.name === 'help' ? '-h, ' : '') +
    `--${option.name}` +
    (option.valueName ? ` ${option.valueName}` : '');
  const width = Math.max(...options.map((option) => label(option).length));
  return [heading, ...options.map((option) => `  ${label(option).padEnd(width)}  ${option.description}`)];
}

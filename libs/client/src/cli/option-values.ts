// Turning the CLI's string flags into typed request fields; every bad value is a UsageError
// that names the flag, so the user knows which part of the command line to fix.

/** A mistake in the command line: reported with the usage text and exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    /** The words of the command whose usage to show; empty for the general usage. */
    readonly commandWords: readonly string[] = [],
  ) {
    super(message);
  }
}

/** Parses an integer flag value such as `--version 2`, with an optional lower bound. */
export function parseIntegerFlag(flag: string, value: string, minimum?: number): number {
  const trimmed = value.trim();
  const parsed = Number(trimmed);
  if (trimmed === '' || !Number.isSafeInteger(parsed)) {
    throw new UsageError(`--${flag} must be an integer, got '${value}'`);
  }
  if (minimum !== undefined && parsed < minimum) {
    throw new UsageError(`--${flag} must be at least ${minimum}, got ${parsed}`);
  }
  return parsed;
}

/** Parses a JSON object flag value such as `--variables '{"orderId": "1234"}'`. */
export function parseJsonObjectFlag(flag: string, value: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`--${flag} is not valid JSON (${reason}): ${value}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`--${flag} must be a JSON object, got: ${value}`);
  }
  return parsed as Record<string, unknown>;
}

/** Parses a comma-separated list such as `--fetchVariables a,b`; blanks are dropped. */
export function parseListFlag(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** Parses a flag that takes one of a fixed set of words, case-insensitively. */
export function parseChoiceFlag<Choice extends string>(
  flag: string,
  value: string,
  choices: readonly Choice[],
): Choice {
  const upper = value.trim().toUpperCase();
  const match = choices.find((choice) => choice === upper);
  if (match === undefined)
    throw new UsageError(`--${flag} must be one of ${choices.join(', ')}, got '${value}'`);
  return match;
}

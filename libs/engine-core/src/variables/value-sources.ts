// Values written in the model either literally or as FEEL (`=expr`): job type, retries,
// assignee, candidate groups, due dates. Failures are messages, for EXTRACT_VALUE_ERROR incidents.
import { evaluateFeel, type ValueSource } from '@baton/bpmn';
import type { Variables } from '@baton/contracts';

export type Extracted<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

function evaluateSource(source: ValueSource, context: Variables): Extracted<unknown> {
  if (source.kind === 'static') return { ok: true, value: source.value };
  return evaluateFeel(source.expression, context);
}

function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (Array.isArray(value)) return 'ARRAY';
  return typeof value === 'object'
    ? 'OBJECT'
    : typeof value === 'number'
      ? 'NUMBER'
      : typeof value === 'boolean'
        ? 'BOOLEAN'
        : 'STRING';
}

function describe(source: ValueSource): string {
  return source.kind === 'feel' ? `expression '${source.expression}'` : `value '${source.value}'`;
}

/** A non-empty string (job type, assignee, form key, date). */
export function extractString(source: ValueSource, context: Variables): Extracted<string> {
  const result = evaluateSource(source, context);
  if (!result.ok) return result;
  if (typeof result.value === 'string') return { ok: true, value: result.value };
  if (typeof result.value === 'number') return { ok: true, value: String(result.value) };
  return {
    ok: false,
    message: `Expected result of the ${describe(source)} to be 'STRING', but was '${typeName(result.value)}'.`,
  };
}

/** An integer (retries, priority); static text is parsed. */
export function extractInteger(source: ValueSource, context: Variables): Extracted<number> {
  const result = evaluateSource(source, context);
  if (!result.ok) return result;
  const value =
    typeof result.value === 'string' && result.value.trim() !== '' ? Number(result.value) : result.value;
  if (typeof value === 'number' && Number.isInteger(value)) return { ok: true, value };
  return {
    ok: false,
    message: `Expected result of the ${describe(source)} to be an integer 'NUMBER', but was '${typeName(result.value)}'.`,
  };
}

/** A list of strings: static text is comma-separated, FEEL gives a list (or one string). */
export function extractStringList(source: ValueSource, context: Variables): Extracted<string[]> {
  const result = evaluateSource(source, context);
  if (!result.ok) return result;
  const { value } = result;
  if (typeof value === 'string') return { ok: true, value: splitList(value) };
  if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
    return { ok: true, value: value };
  return {
    ok: false,
    message: `Expected result of the ${describe(source)} to be 'ARRAY' of strings or 'STRING', but was '${typeName(value)}'.`,
  };
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

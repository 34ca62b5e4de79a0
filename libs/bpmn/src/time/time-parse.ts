// The result of reading a timer text: the value, or a message saying what is wrong with it
// (a deployment problem for a static value, an incident for one computed by FEEL).

export type TimeParse<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

export function parsed<T>(value: T): TimeParse<T> {
  return { ok: true, value };
}

export function notParsed(message: string): TimeParse<never> {
  return { ok: false, message };
}

/** The latest instant a JavaScript Date holds, epoch ms (±100,000,000 days around 1970). */
export const MAX_EPOCH_MS = 8.64e15;

/** An instant a Date can hold, or a failure naming the text it was computed from. */
export function inDateRange(millis: number, text: string): TimeParse<number> {
  return Number.isFinite(millis) && Math.abs(millis) <= MAX_EPOCH_MS
    ? parsed(millis)
    : notParsed(`'${text}' gives a time outside the supported range`);
}

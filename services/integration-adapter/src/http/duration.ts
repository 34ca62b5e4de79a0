// The `timeout` task header: milliseconds (`2500`) or an ISO 8601 duration as Camunda writes
// them (`PT10S`, `PT1M30S`, `PT0.5S`, `P1DT2H`). Years and months have no fixed length: refused.

const isoDuration =
  /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

/** The duration in milliseconds, or `undefined` when the text is neither form (or is zero). */
export function parseDurationMs(text: string): number | undefined {
  const value = text.trim();
  if (/^\d+$/.test(value)) return positive(Number(value));
  const match = isoDuration.exec(value);
  if (!match || value.toUpperCase() === 'P' || value.toUpperCase().endsWith('T')) return undefined;
  const [, days, hours, minutes, seconds] = match;
  const ms =
    (Number(days ?? 0) * 86_400 +
      Number(hours ?? 0) * 3600 +
      Number(minutes ?? 0) * 60 +
      Number(seconds ?? 0)) *
    1000;
  return positive(Math.round(ms));
}

function positive(ms: number): number | undefined {
  return Number.isSafeInteger(ms) && ms > 0 ? ms : undefined;
}

// Epoch milliseconds as ISO-8601 text, remembered for the last value: the commands of one batch
// share their clock reading, and Date#toISOString costs about a microsecond each time.

let lastMillis = Number.NaN;
let lastText = '';

/** `new Date(millis).toISOString()`. */
export function isoTime(millis: number): string {
  if (millis !== lastMillis) {
    lastText = new Date(millis).toISOString();
    lastMillis = millis;
  }
  return lastText;
}

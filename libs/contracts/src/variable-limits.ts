// The largest variable value a request may carry (issue 18). Checked where variables enter Baton —
// REST bodies and the Kafka messages of workers and plugins — so an oversized value is refused
// before any command is produced; the engine's own limit on an instance's whole variables
// document (it needs the instance) is applied where commands are applied.
import { variablesSchema } from './json';

/**
 * The largest variable value, as UTF-8 JSON: 512 KiB. A root variable is stored up to four times
 * in an instance's MongoDB document (its state, the search copies, an awaited reply), so half a
 * JSON body's 1 MiB keeps one value to 2 MiB of a 16 MiB document.
 */
export const maxVariableValueBytes = 512 * 1024;

/** The size a value takes as JSON text, in UTF-8 bytes (what is stored and sent). */
export function jsonByteLength(value: unknown): number {
  const text = JSON.stringify(value) as string | undefined;
  return text === undefined ? 0 : utf8Length(text);
}

// Counted by hand: contracts run in the browser too (no Buffer), and encoding a copy to count it
// would allocate the value once more.
function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00 && index + 1 < text.length) {
      bytes += 4; // a surrogate pair: one code point of 4 bytes
      index++;
    } else bytes += 3;
  }
  return bytes;
}

/** Variables as a request carries them: each value at most {@link maxVariableValueBytes} as JSON. */
export const requestVariablesSchema = variablesSchema.superRefine((variables, context) => {
  for (const [name, value] of Object.entries(variables)) {
    const bytes = jsonByteLength(value);
    if (bytes > maxVariableValueBytes) {
      context.addIssue({
        code: 'custom',
        path: [name],
        message: `variable '${name.slice(0, 64)}' is ${bytes} bytes as JSON, more than the largest variable value of ${maxVariableValueBytes} bytes (512 KiB)`,
      });
    }
  }
});

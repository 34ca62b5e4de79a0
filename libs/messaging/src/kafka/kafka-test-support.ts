// Helpers of the Kafka integration tests of this package. @baton/testing sits above messaging
// (DESIGN §2), so its uniqueName / waitFor are re-stated here, once.
import { randomBytes } from 'node:crypto';

/** A name no other test run uses: topics, prefixes and groups of concurrent runs never meet. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

/** Resolves once `condition` holds; rejects naming `description` after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean,
  description: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`waitFor: ${description} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Like {@link waitFor}, for a condition that asks the broker; checked again 50 ms after each answer. */
export async function waitForAnswer(
  condition: () => Promise<boolean>,
  description: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`waitFor: ${description} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

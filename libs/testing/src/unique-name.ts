// Unique names for test isolation: every test gets its own topics, job types and databases.
import { randomBytes } from 'node:crypto';

/**
 * A name no other test uses: `prefix-<base36 time>-<random hex>`, safe for topics and databases.
 * @example uniqueName('job-type') // 'job-type-lz3k1m-9f2c4e1a'
 */
export function uniqueName(prefix = 'test'): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

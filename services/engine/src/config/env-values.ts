// Value types of environment variables shared by the services' configurations.
import { z } from 'zod';

/** `true`/`false`, `1`/`0` or `yes`/`no`, as people write them in env files and manifests. */
export const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** A comma-separated list, items trimmed, empty items dropped. */
export const commaList = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0),
);

/** Kafka bootstrap brokers, `host:port,…`: at least one. */
export const brokerList = commaList.pipe(
  z.array(z.string().regex(/^[^:\s]+:\d+$/, 'expected host:port')).min(1),
);

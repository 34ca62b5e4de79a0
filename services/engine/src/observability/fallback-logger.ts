// The engine's logger of last resort, for components built without a reporter (tests, direct
// use): their failures still reach stdout as JSON lines rather than nowhere.
import { createLogger, type Logger } from '@baton/platform';

let fallback: Logger | undefined;

/** One logger of service `engine` per process, made on first use. */
export function fallbackEngineLogger(): Logger {
  fallback ??= createLogger({ service: 'engine' });
  return fallback;
}

// What every view gets: the REST client and the live socket.
import type { ConsoleApi } from './api';
import type { LiveConnection } from './live-connection';

export interface ConsoleContext {
  readonly api: ConsoleApi;
  readonly live: LiveConnection;
}

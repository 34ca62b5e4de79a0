// `baton_mongodb_commands_total{command}`: the MongoDB commands this process sent, by name, so that
// an operator (and `npm run bench -- --real`) can tell the database statements an instance costs.
// The store's MongoDB adapter publishes each command on a diagnostics channel; this module
// subscribes by the channel's name, since platform may not import store (eslint.config.js).
import { subscribe } from 'node:diagnostics_channel';
import { Counter, type Registry } from 'prom-client';

/** The channel libs/store/src/mongo/mongo-command-monitor.ts publishes on (its `mongoCommandChannelName`). */
const storeCommandChannel = 'baton:store:mongodb-command';

export const mongoCommandsMetricName = 'baton_mongodb_commands_total';

/**
 * Commands per name since the process started. One tally for the process, like Node's CPU and
 * memory series: every registry of the process reports it (the standalone runs several).
 */
const commandsSent = new Map<string, number>();
let listening = false;

function countCommand(message: unknown): void {
  const commandName = (message as { commandName?: unknown } | null)?.commandName;
  if (typeof commandName === 'string')
    commandsSent.set(commandName, (commandsSent.get(commandName) ?? 0) + 1);
}

/** Adds the counter to `registry`; the hot path is one map increment per command, read at scrape. */
export function registerMongoCommandMetrics(registry: Registry): void {
  if (!listening) {
    subscribe(storeCommandChannel, countCommand);
    listening = true;
  }
  new Counter({
    name: mongoCommandsMetricName,
    help: 'MongoDB commands this process sent, by command name (bulk writes count once per command on the wire; handshake, heartbeat and authentication left out).',
    labelNames: ['command'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [command, count] of commandsSent) this.inc({ command }, count);
    },
  });
}

// `baton_mongodb_commands_total{command,collection}`: the MongoDB commands this process sent, by
// name and by the collection each addressed, so that an operator (and `npm run bench -- --real`) can
// tell the database statements an instance costs and where they go. The store's MongoDB adapter
// publishes each command on a diagnostics channel; this module subscribes by the channel's name,
// since platform may not import store (eslint.config.js).
import { subscribe } from 'node:diagnostics_channel';
import { Counter, type Registry } from 'prom-client';

/** The channel libs/store/src/mongo/mongo-command-monitor.ts publishes on (its `mongoCommandChannelName`). */
const storeCommandChannel = 'baton:store:mongodb-command';

export const mongoCommandsMetricName = 'baton_mongodb_commands_total';

/**
 * Commands per name, then per collection (`''` for a command of the whole database), since the
 * process started. Nested rather than keyed by a joined string so that counting a command builds
 * no string. One tally for the process, like Node's CPU and memory series: every registry of the
 * process reports it (the standalone runs several).
 */
const commandsSent = new Map<string, Map<string, number>>();
let listening = false;

function countCommand(message: unknown): void {
  const published = message as { commandName?: unknown; collection?: unknown } | null;
  const commandName = published?.commandName;
  if (typeof commandName !== 'string') return;
  const collection = typeof published?.collection === 'string' ? published.collection : '';
  let byCollection = commandsSent.get(commandName);
  if (byCollection === undefined) commandsSent.set(commandName, (byCollection = new Map<string, number>()));
  byCollection.set(collection, (byCollection.get(collection) ?? 0) + 1);
}

/** Adds the counter to `registry`; the hot path is one map increment per command, read at scrape. */
export function registerMongoCommandMetrics(registry: Registry): void {
  if (!listening) {
    subscribe(storeCommandChannel, countCommand);
    listening = true;
  }
  new Counter({
    name: mongoCommandsMetricName,
    help: 'MongoDB commands this process sent, by command name and the collection it addressed (empty for the whole database; bulk writes count once per command on the wire; handshake, heartbeat and authentication left out).',
    labelNames: ['command', 'collection'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [command, byCollection] of commandsSent)
        for (const [collection, count] of byCollection) this.inc({ command, collection }, count);
    },
  });
}

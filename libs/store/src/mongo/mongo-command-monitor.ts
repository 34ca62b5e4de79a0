// Counts the commands the MongoDB driver sends, by name and collection, so that a replica can say
// how many database statements an instance costs and on which collections. The driver's command
// monitoring tells each command once as it goes on the wire (a bulk write split in several commands
// is several); the connection's own handshake and authentication are not the stores' work and are
// left out.
import { channel } from 'node:diagnostics_channel';
import type { CommandStartedEvent } from 'mongodb';

/**
 * Called once per command sent, with its name (`find`, `insert`, `update`, `getMore`, …) and the
 * collection it addressed (`''` for a command of the database, such as `listCollections`).
 */
export type MongoCommandObserver = (commandName: string, collection: string) => void;

/**
 * The diagnostics channel the stores publish each command on, as `{ commandName, collection }`,
 * when no observer is given. The replicas' metrics subscribe to it by this name
 * (libs/platform/src/observability/mongo-command-metrics.ts repeats it: platform may not import
 * store), which keeps the engine's wiring free of a store-to-registry link.
 */
export const mongoCommandChannelName = 'baton:store:mongodb-command';

/** Commands of the connection itself (handshake, heartbeat, authentication, session clean-up). */
const connectionCommands: ReadonlySet<string> = new Set([
  'hello',
  'ismaster',
  'ping',
  'endsessions',
  'saslstart',
  'saslcontinue',
  'authenticate',
  'getnonce',
  'logout',
]);

/** Whether a command is the stores' work, as opposed to the connection's own upkeep. */
export function isStoreCommand(commandName: string): boolean {
  return !connectionCommands.has(commandName.toLowerCase());
}

/** The part of the driver's `commandStarted` event the count reads. */
export type CommandStartedFields = Pick<CommandStartedEvent, 'commandName' | 'command'>;

/**
 * The collection a command addressed: the value of its own field (`{ find: 'instances', … }`), or
 * for `getMore`, whose own field is the cursor id, its `collection` field. `''` when that is not a
 * name, as for `{ listCollections: 1 }` or an aggregation on the whole database.
 */
export function commandCollection({ commandName, command }: CommandStartedFields): string {
  const collection: unknown = commandName === 'getMore' ? command['collection'] : command[commandName];
  return typeof collection === 'string' ? collection : '';
}

/** Something that emits the driver's `commandStarted` events: a MongoClient with `monitorCommands`. */
export interface CommandStartedSource {
  on(event: 'commandStarted', listener: (event: CommandStartedFields) => void): unknown;
}

/** Tells `observer` of every store command `client` starts; the client needs `monitorCommands: true`. */
export function observeMongoCommands(client: CommandStartedSource, observer: MongoCommandObserver): void {
  client.on('commandStarted', (event) => {
    if (isStoreCommand(event.commandName)) observer(event.commandName, commandCollection(event));
  });
}

const commandChannel = channel(mongoCommandChannelName);

/** Publishes each command on {@link mongoCommandChannelName}; nothing is built while nobody listens. */
export const publishMongoCommand: MongoCommandObserver = (commandName, collection) => {
  if (commandChannel.hasSubscribers) commandChannel.publish({ commandName, collection });
};

import { EventEmitter } from 'node:events';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import {
  isStoreCommand,
  mongoCommandChannelName,
  observeMongoCommands,
  publishMongoCommand,
  type CommandStartedSource,
} from './mongo-command-monitor';

/** A stand-in for a MongoClient with `monitorCommands`: emits `commandStarted` on demand. */
function fakeClient(): CommandStartedSource & { start(commandName: string): void } {
  const emitter = new EventEmitter();
  return {
    on: (event, listener) => emitter.on(event, listener),
    start: (commandName) => emitter.emit('commandStarted', { commandName }),
  };
}

describe('isStoreCommand', () => {
  it.each(['find', 'insert', 'update', 'delete', 'findAndModify', 'aggregate', 'getMore', 'createIndexes'])(
    'counts %s',
    (name) => expect(isStoreCommand(name)).toBe(true),
  );

  it.each(['hello', 'isMaster', 'ismaster', 'ping', 'endSessions', 'saslStart', 'saslContinue'])(
    'leaves out the connection command %s',
    (name) => expect(isStoreCommand(name)).toBe(false),
  );
});

describe('observeMongoCommands', () => {
  it('tells the observer of each store command, once, by name', () => {
    const client = fakeClient();
    const seen: string[] = [];
    observeMongoCommands(client, (name) => seen.push(name));
    for (const name of ['hello', 'find', 'update', 'update', 'ping', 'getMore', 'endSessions'])
      client.start(name);
    expect(seen).toEqual(['find', 'update', 'update', 'getMore']);
  });
});

describe('publishMongoCommand', () => {
  it('publishes { commandName } on the channel the replicas’ metrics read', () => {
    const received: unknown[] = [];
    const listener = (message: unknown) => received.push(message);
    subscribe(mongoCommandChannelName, listener);
    try {
      publishMongoCommand('insert');
    } finally {
      unsubscribe(mongoCommandChannelName, listener);
    }
    publishMongoCommand('find');
    expect(received).toEqual([{ commandName: 'insert' }]);
    // The name libs/platform subscribes to: changing one side alone loses every count.
    expect(mongoCommandChannelName).toBe('baton:store:mongodb-command');
  });
});

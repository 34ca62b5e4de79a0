import { EventEmitter } from 'node:events';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Document } from 'mongodb';
import {
  commandCollection,
  isStoreCommand,
  mongoCommandChannelName,
  observeMongoCommands,
  publishMongoCommand,
  type CommandStartedSource,
} from './mongo-command-monitor';

/** A stand-in for a MongoClient with `monitorCommands`: emits `commandStarted` on demand. */
function fakeClient(): CommandStartedSource & { start(command: Document): void } {
  const emitter = new EventEmitter();
  return {
    on: (event, listener) => emitter.on(event, listener),
    // The driver names a command after the first field of its document.
    start: (command) => emitter.emit('commandStarted', { commandName: Object.keys(command)[0], command }),
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

describe('commandCollection', () => {
  it.each([
    ['find', { find: 'instances', filter: {} }, 'instances'],
    ['insert', { insert: 'instanceClaims', documents: [] }, 'instanceClaims'],
    ['update', { update: 'jobs', updates: [] }, 'jobs'],
    ['findAndModify', { findAndModify: 'timers', query: {} }, 'timers'],
    ['createIndexes', { createIndexes: 'definitions', indexes: [] }, 'definitions'],
    // getMore's own field is the cursor id; the collection has a field of its own.
    ['getMore', { getMore: 1234n, collection: 'instances' }, 'instances'],
  ])('reads the collection of %s', (commandName, command, collection) =>
    expect(commandCollection({ commandName, command })).toBe(collection),
  );

  it.each([
    ['listCollections', { listCollections: 1 }],
    ['aggregate', { aggregate: 1, pipeline: [] }],
    ['buildInfo', { buildInfo: 1 }],
    ['getMore', { getMore: 1234n }],
  ])('is empty for %s on the whole database', (commandName, command) =>
    expect(commandCollection({ commandName, command })).toBe(''),
  );
});

describe('observeMongoCommands', () => {
  it('tells the observer of each store command, once, by name and collection', () => {
    const client = fakeClient();
    const seen: string[] = [];
    observeMongoCommands(client, (name, collection) => seen.push(`${name} ${collection}`));
    for (const command of [
      { hello: 1 },
      { find: 'instances' },
      { update: 'jobs' },
      { update: 'instances' },
      { ping: 1 },
      { getMore: 7n, collection: 'instances' },
      { listCollections: 1 },
      { endSessions: [] },
    ])
      client.start(command);
    expect(seen).toEqual([
      'find instances',
      'update jobs',
      'update instances',
      'getMore instances',
      'listCollections ',
    ]);
  });
});

describe('publishMongoCommand', () => {
  it('publishes { commandName, collection } on the channel the replicas’ metrics read', () => {
    const received: unknown[] = [];
    const listener = (message: unknown) => received.push(message);
    subscribe(mongoCommandChannelName, listener);
    try {
      publishMongoCommand('insert', 'instanceClaims');
    } finally {
      unsubscribe(mongoCommandChannelName, listener);
    }
    publishMongoCommand('find', 'instances');
    expect(received).toEqual([{ commandName: 'insert', collection: 'instanceClaims' }]);
    // The name libs/platform subscribes to: changing one side alone loses every count.
    expect(mongoCommandChannelName).toBe('baton:store:mongodb-command');
  });
});

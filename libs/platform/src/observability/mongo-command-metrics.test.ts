import { channel } from 'node:diagnostics_channel';
import { seriesValue } from '@baton/testing';
import { createMetricsRegistry } from './metrics-registry';
import { mongoCommandsMetricName } from './mongo-command-metrics';

// The name the store's MongoDB adapter publishes on (libs/store/src/mongo/mongo-command-monitor.ts).
const storeCommands = channel('baton:store:mongodb-command');

/** The counter's value per command and collection in `registry`, 0 when it has no such series. */
async function commands(
  registry: ReturnType<typeof createMetricsRegistry>,
  command: string,
  collection: string,
): Promise<number> {
  return (await seriesValue(registry, mongoCommandsMetricName, { command, collection })) ?? 0;
}

describe('baton_mongodb_commands_total', () => {
  it('counts each command the store publishes, by name and collection, in every registry of the process', async () => {
    const engine = createMetricsRegistry('engine');
    const gateway = createMetricsRegistry('socket-gateway');
    const before = {
      findInstances: await commands(engine, 'find', 'instances'),
      findDefinitions: await commands(engine, 'find', 'definitions'),
      updateInstances: await commands(engine, 'update', 'instances'),
    };

    storeCommands.publish({ commandName: 'find', collection: 'instances' });
    storeCommands.publish({ commandName: 'find', collection: 'instances' });
    storeCommands.publish({ commandName: 'find', collection: 'definitions' });
    storeCommands.publish({ commandName: 'update', collection: 'instances' });

    expect(await commands(engine, 'find', 'instances')).toBe(before.findInstances + 2);
    expect(await commands(engine, 'find', 'definitions')).toBe(before.findDefinitions + 1);
    expect(await commands(engine, 'update', 'instances')).toBe(before.updateInstances + 1);
    // A process-wide tally, like the CPU series: a second registry shows the same counts.
    expect(await commands(gateway, 'find', 'instances')).toBe(before.findInstances + 2);
  });

  it('keeps counting across scrapes without counting a command twice', async () => {
    const registry = createMetricsRegistry('engine');
    const before = await commands(registry, 'insert', 'instanceClaims');
    storeCommands.publish({ commandName: 'insert', collection: 'instanceClaims' });
    expect(await commands(registry, 'insert', 'instanceClaims')).toBe(before + 1);
    expect(await commands(registry, 'insert', 'instanceClaims')).toBe(before + 1);
    storeCommands.publish({ commandName: 'insert', collection: 'instanceClaims' });
    expect(await commands(registry, 'insert', 'instanceClaims')).toBe(before + 2);
  });

  it('counts a command of the whole database, or one published without a collection, under an empty collection', async () => {
    const registry = createMetricsRegistry('engine');
    const before = await commands(registry, 'listCollections', '');
    storeCommands.publish({ commandName: 'listCollections', collection: '' });
    storeCommands.publish({ commandName: 'listCollections' });
    storeCommands.publish({ commandName: 'listCollections', collection: 7 });
    expect(await commands(registry, 'listCollections', '')).toBe(before + 3);
    expect(await registry.metrics()).toContain(
      `${mongoCommandsMetricName}{command="listCollections",collection="",service="engine"}`,
    );
  });

  it('ignores messages without a command name', async () => {
    const registry = createMetricsRegistry('engine');
    storeCommands.publish(null);
    storeCommands.publish({ commandName: 42, collection: 'instances' });
    const text = await registry.metrics();
    expect(text).not.toContain('command="42"');
    expect(text).toContain(`# TYPE ${mongoCommandsMetricName} counter`);
  });
});

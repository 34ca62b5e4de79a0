import { channel } from 'node:diagnostics_channel';
import { seriesValue } from '@baton/testing';
import { createMetricsRegistry } from './metrics-registry';
import { mongoCommandsMetricName } from './mongo-command-metrics';

// The name the store's MongoDB adapter publishes on (libs/store/src/mongo/mongo-command-monitor.ts).
const storeCommands = channel('baton:store:mongodb-command');

/** The counter's value per command in `registry`, 0 when it has no series for it. */
async function commands(
  registry: ReturnType<typeof createMetricsRegistry>,
  command: string,
): Promise<number> {
  return (await seriesValue(registry, mongoCommandsMetricName, { command })) ?? 0;
}

describe('baton_mongodb_commands_total', () => {
  it('counts each command the store publishes, by name, in every registry of the process', async () => {
    const engine = createMetricsRegistry('engine');
    const gateway = createMetricsRegistry('socket-gateway');
    const before = { find: await commands(engine, 'find'), update: await commands(engine, 'update') };

    storeCommands.publish({ commandName: 'find' });
    storeCommands.publish({ commandName: 'find' });
    storeCommands.publish({ commandName: 'update' });

    expect(await commands(engine, 'find')).toBe(before.find + 2);
    expect(await commands(engine, 'update')).toBe(before.update + 1);
    // A process-wide tally, like the CPU series: a second registry shows the same counts.
    expect(await commands(gateway, 'find')).toBe(before.find + 2);
  });

  it('keeps counting across scrapes without counting a command twice', async () => {
    const registry = createMetricsRegistry('engine');
    const before = await commands(registry, 'insert');
    storeCommands.publish({ commandName: 'insert' });
    expect(await commands(registry, 'insert')).toBe(before + 1);
    expect(await commands(registry, 'insert')).toBe(before + 1);
    storeCommands.publish({ commandName: 'insert' });
    expect(await commands(registry, 'insert')).toBe(before + 2);
  });

  it('ignores messages without a command name', async () => {
    const registry = createMetricsRegistry('engine');
    storeCommands.publish(null);
    storeCommands.publish({ commandName: 42 });
    const text = await registry.metrics();
    expect(text).not.toContain('command="42"');
    expect(text).toContain(`# TYPE ${mongoCommandsMetricName} counter`);
  });
});

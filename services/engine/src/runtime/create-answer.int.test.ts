// Creates answered once their command is in the log (docs/architecture.md, step 7), on the real
// Kafka broker and MongoDB-wire database: replica A only serves the API, replica B applies every
// command. What A answered is found by its key on B at once, and in a search on A.
import { uniqueName } from '@baton/testing';
import type { EngineRuntime } from '../engine-runtime';
import { serviceTaskBpmn } from '../../test/fixtures/bpmn-fixtures';
import { realTestSettings, startRealRuntime } from '../../test/support/test-runtime';

const settings = realTestSettings('create-answer');
let apiOnly: EngineRuntime;
let applier: EngineRuntime;
let processId: string;

beforeAll(async () => {
  applier = await startRealRuntime(settings, { replicaId: uniqueName('applier') });
  apiOnly = await startRealRuntime(settings, { replicaId: uniqueName('api'), consumeCommands: false });
  processId = uniqueName('answered');
  await apiOnly.deploy([
    { name: `${processId}.bpmn`, content: serviceTaskBpmn(processId, uniqueName('job')) },
  ]);
});
afterAll(async () => {
  await apiOnly.close();
  await applier.close();
});

it('finds every create answered by the other replica by its key, at once', async () => {
  const created = await Promise.all(
    Array.from({ length: 20 }, (_, n) =>
      apiOnly.createInstance({ processDefinitionId: processId, variables: { n } }),
    ),
  );
  const found = await Promise.all(
    created.map(({ processInstanceKey }) => applier.getInstance(processInstanceKey)),
  );
  // Each instance's variables, by its root scope (the instance key).
  expect(found.map((instance, n) => instance?.variables[created[n]!.processInstanceKey])).toEqual(
    created.map((_, n) => ({ n })),
  );
});

it('includes the creates it answered in a search after them', async () => {
  const created = await Promise.all(
    Array.from({ length: 10 }, () => apiOnly.createInstance({ processDefinitionId: processId })),
  );
  await apiOnly.earlierCreatesStored();
  const page = await apiOnly.searchInstances({
    filter: { processDefinitionId: processId },
    page: { limit: 100 },
  });
  const keys = new Set(page.items.map((item) => item.processInstanceKey));
  for (const { processInstanceKey } of created) expect(keys.has(processInstanceKey)).toBe(true);
});

// Test-only: loads BPMN fixtures (the shared ones of @baton/bpmn and engine-core's own) and
// compiles them with the real compiler, so the main scenarios run on real XML.
// Reading fixture files is the one I/O the engine-core tests do.
// eslint-disable-next-line no-restricted-imports -- tests read fixture XML; engine code never imports fs
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileBpmn, type ProcessModel } from '@baton/bpmn';

const sharedFixtures = join(import.meta.dirname, '..', '..', '..', 'bpmn', 'test-fixtures');
const ownFixtures = join(import.meta.dirname, '..', 'fixtures');

/** Compiles `<name>.bpmn` (engine-core's fixtures first, then the shared ones) and returns its process. */
export async function loadProcess(name: string, folder: 'shared' | 'own' = 'shared'): Promise<ProcessModel> {
  const xml = readFileSync(join(folder === 'shared' ? sharedFixtures : ownFixtures, `${name}.bpmn`), 'utf8');
  const result = await compileBpmn(xml, { resourceName: `${name}.bpmn` });
  if (!result.ok)
    throw new Error(`fixture ${name} does not compile: ${result.problems.map((p) => p.message).join('; ')}`);
  const process = result.processes[0];
  if (!process) throw new Error(`fixture ${name} has no executable process`);
  return process;
}

// Deploys every .bpmn file of a folder at start-up, so that a first `npm start` has something to run.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DeployResult, EngineService } from '@baton/engine';

export async function deployExamples(
  engine: EngineService,
  folder: string,
): Promise<DeployResult | undefined> {
  const names = (await readdir(folder)).filter((name) => name.endsWith('.bpmn')).sort();
  if (names.length === 0) return undefined;
  const resources = await Promise.all(
    names.map(async (name) => ({ name, content: await readFile(path.join(folder, name), 'utf8') })),
  );
  return engine.deploy(resources);
}

// The MIWG reference models (../shared/corpus/miwg), run to the end: every model marked executable,
// plus A.1.0–A.4.1 made executable. Each is the reference XML compiled by the real compiler, with
// documented minimal test-time adjustments: the generic ones (isExecutable flipped for A.*, a job
// type equal to the element id for every job element without one — the "scripted workers") and the
// per-model substitutions of miwg-corpus-models.ts. Every executable process of a file gets an
// instance that a generic scripted loop drives to COMPLETED (CoverageWorld.driveToEnd).
// eslint-disable-next-line no-restricted-imports -- the test reads the reference files
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compileBpmn } from '@baton/bpmn';
import { CoverageWorld } from './coverage-world';
import { makeExecutable, withScriptedJobTypes } from './miwg-adjustments';
import { corpusModels } from './miwg-corpus-models';

const CORPUS_DIR = path.resolve(import.meta.dirname, '../../../../../shared/corpus/miwg');

/** The reference XML with the generic adjustments, then the model's own substitutions. */
function adjustedXml(file: string, adjust: ((xml: string) => string) | undefined): string {
  const reference = readFileSync(path.join(CORPUS_DIR, file), 'utf8');
  const generic = withScriptedJobTypes(file.startsWith('A.') ? makeExecutable(reference) : reference);
  return adjust ? adjust(generic) : generic;
}

describe('MIWG reference models run to the end with scripted workers', () => {
  it.each(corpusModels.map((model) => [model.file, model.outcome, model] as const))(
    '%s %s',
    async (file, _outcome, model) => {
      const compiled = await compileBpmn(adjustedXml(file, model.adjust), { resourceName: file });
      if (!compiled.ok)
        throw new Error(
          `${file} does not compile: ${compiled.problems.map((p) => `${p.code} ${p.elementId ?? ''}: ${p.message}`).join('; ')}`,
        );
      // Every executable process of the file runs.
      expect(compiled.processes.map((process) => process.processDefinitionId).sort()).toEqual(
        Object.keys(model.runs).sort(),
      );
      for (const process of compiled.processes) {
        const run = model.runs[process.processDefinitionId];
        if (!run) throw new Error(`no run for ${process.processDefinitionId}`);
        const world = CoverageWorld.startModel(process, run.variables, run.startAt);
        world.driveToEnd(run.workers);
        expect({ process: process.processDefinitionId, state: world.driver.current.state }).toEqual({
          process: process.processDefinitionId,
          state: 'COMPLETED',
        });
        expect(world.completedElements()).toEqual(expect.arrayContaining([...run.completes]));
        for (const skipped of run.skips ?? []) expect(world.completedElements()).not.toContain(skipped);
        expect(world.driver.openIncidents()).toEqual([]);
      }
    },
  );
});

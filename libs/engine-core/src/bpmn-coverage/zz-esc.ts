import { readFileSync } from 'node:fs';
import { compileBpmn } from '@baton/bpmn';
import { CoverageWorld } from './coverage-world';
import { corpusModels } from './miwg-corpus-models';
import { makeExecutable, withScriptedJobTypes } from './miwg-adjustments';
(async () => {
  const m = corpusModels.find((x) => x.file === 'A.3.0.bpmn')!;
  const raw = readFileSync('/work/shared/corpus/miwg/A.3.0.bpmn', 'utf8');
  // Apply the model's substitutions but undo the escalation → error one.
  const xml = m.adjust!(withScriptedJobTypes(makeExecutable(raw))).replace('<semantic:errorEventDefinition/>', '<semantic:escalationEventDefinition/>');
  const r = await compileBpmn(xml, { resourceName: 'A.3.0' });
  if (!r.ok) { console.log(r.problems.map((p) => p.code + ' ' + p.message)); return; }
  const p = r.processes[0]!;
  const w = CoverageWorld.startModel(p, m.runs['WFP-6-']!.variables);
  console.log(w.driveToEnd().join(','), w.driver.current.state, w.completedElements());
})();

// TEMPORARY: engine-core apply() micro benchmark for scenario b / c flows.
import { readFileSync } from 'node:fs';
import { compileBpmn } from '@baton/bpmn';
import { apply, type InstanceState, type DefinitionRef } from '@baton/engine-core';
import type { EngineCommand } from '@baton/contracts';

let counter = 2251799813685249n;
const nextKey = () => (counter++).toString();
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

async function main() {
  const xml = readFileSync('examples/service-task.bpmn', 'utf8');
  const compiled = await compileBpmn(xml, { resourceName: 'x.bpmn' });
  if (!compiled.ok) throw new Error('compile');
  const model = compiled.processes[0]!;
  const definition: DefinitionRef = { processDefinitionKey: '2251799813685000', processDefinitionId: model.processDefinitionId, processDefinitionVersion: 1, model, tenantId: '<default>' };
  const N = Number(process.argv[2] ?? 50000);
  for (let round = 0; round < 5; round++) {
    const c0 = process.cpuUsage();
    const keep: InstanceState[] = [];
    for (let i = 0; i < N; i++) {
      const key = nextKey();
      const ctx = { now: Date.now(), nextKey, definition };
      const create: EngineCommand = clone({ type: 'CREATE_INSTANCE', commandId: 'c' + i, processInstanceKey: key, processDefinitionKey: definition.processDefinitionKey, variables: { index: i }, reply: { requestId: 'r' + i, replicaId: 'rep', awaitCompletion: true } });
      const r1 = apply(undefined, create, ctx);
      const job = Object.values(r1.state!.jobs)[0]!;
      const complete: EngineCommand = clone({ type: 'COMPLETE_JOB', commandId: 'd' + i, processInstanceKey: key, jobKey: job.jobKey, variables: { done: true }, reply: { requestId: 's' + i, replicaId: 'rep' } });
      const r2 = apply(r1.state, complete, ctx);
      if (r2.state!.state !== 'COMPLETED') throw new Error('not completed');
      if (i % 4 === 0) keep.push(r2.state!);
    }
    const c = process.cpuUsage(c0);
    console.log(`round ${round}: ${((c.user + c.system) / N).toFixed(2)} us/instance`);
  }
}
void main();

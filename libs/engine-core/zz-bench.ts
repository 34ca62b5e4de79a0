import { apply } from '@baton/engine-core';
import { compileBpmn } from '@baton/bpmn';
import { readFileSync } from 'node:fs';
const xml = readFileSync('/work/main/libs/bpmn/test-fixtures/parallel-gateway.bpmn', 'utf8');
const r = await compileBpmn(xml);
if (!r.ok) throw new Error('x');
const model = r.processes[0]!;
let k = 2251799813685249;
const def = { processDefinitionKey: '1', processDefinitionId: model.processDefinitionId, processDefinitionVersion: 1, model, tenantId: '<default>' };
const ctx = { now: 0, nextKey: () => String(k++), definition: def };
const N = 20000;
const t = performance.now(); const c0 = process.cpuUsage();
for (let i = 0; i < N; i++) {
  let res = apply(undefined, { type: 'CREATE_INSTANCE', commandId: 'c', processInstanceKey: String(k++), processDefinitionKey: '1', variables: { i } }, ctx);
  for (const job of Object.values(res.state!.jobs)) res = apply(res.state, { type: 'COMPLETE_JOB', commandId: 'd', processInstanceKey: res.state!.processInstanceKey, jobKey: job.jobKey, variables: { a: 1 } }, ctx);
  if (res.state!.state !== 'COMPLETED') throw new Error('not completed');
}
const ms = performance.now() - t; const cpu = process.cpuUsage(c0); console.log("cpu ms", ((cpu.user + cpu.system) / 1000).toFixed(0));
console.log(`${N} parallel instances (3 commands each) in ${ms.toFixed(0)} ms → ${(N / ms * 1000).toFixed(0)} instances/s`);

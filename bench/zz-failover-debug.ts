import { uniqueName } from '@baton/testing';
import { serviceTaskBpmn } from '../services/engine/src/http/bpmn-fixtures';
import { startKafkaTestWorker } from '../services/engine/src/testing/kafka-test-worker';
import { startReplicaProcess } from '../services/engine/src/testing/replica-process';
import { connectTestBus, realTestSettings } from '../services/engine/src/testing/test-runtime';

const settings = realTestSettings('fodebug');
const jobType = uniqueName('fo-job');
const processId = uniqueName('fo');
const env = { KAFKA_JOB_TYPES: jobType, KAFKA_JOB_TIMEOUT_MS: '10000', KAFKA_SESSION_TIMEOUT_MS: '6000', REQUEST_TIMEOUT_MS: '30000' };
const t0 = Date.now();
const log = (m: string) => console.log(`${((Date.now() - t0) / 1000).toFixed(1)}s ${m}`);
const [a, b] = await Promise.all([startReplicaProcess(settings, 'a', env), startReplicaProcess(settings, 'b', env)]);
log('replicas up');
const bus = await connectTestBus(settings, 'w');
const worker = await startKafkaTestWorker(bus, { topicPrefix: settings.topicPrefix, type: jobType, handle: () => ({ result: 'COMPLETE', variables: { worked: true } }) });
log('worker up');
const form = new FormData();
form.append('resources', new Blob([serviceTaskBpmn(processId, jobType)], { type: 'application/xml' }), 'f.bpmn');
log(`deploy ${(await fetch(`${b.baseUrl}/v2/deployments`, { method: 'POST', body: form })).status}`);
const count = async (state: string) => {
  const r = await fetch(`${b.baseUrl}/v2/process-instances/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ filter: { processDefinitionId: processId, state }, page: { limit: 1 } }) });
  return ((await r.json()) as { page: { totalItems: number } }).page.totalItems;
};
let created = 0;
const N = Number(process.env['N'] ?? 200);
await Promise.all(Array.from({ length: 20 }, async () => {
  while (created < N) {
    created++;
    const r = await fetch(`${b.baseUrl}/v2/process-instances`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ processDefinitionId: processId }) });
    if (!r.ok) log(`create ${r.status}`);
  }
}));
log(`created ${N}`);
for (let i = 0; i < 30; i++) {
  log(`active ${await count('ACTIVE')} completed ${await count('COMPLETED')} deliveries ${worker.received.length}`);
  if ((await count('COMPLETED')) === N) break;
  await new Promise((r) => setTimeout(r, 2000));
}
await worker.close(); await bus.close();
for (const r of [a, b]) { r.child.kill('SIGTERM'); }
log('sent SIGTERM');
await Promise.all([a.exited, b.exited]);
log('exited');
console.log(a.output().slice(-3000)); console.log(b.output().slice(-3000));

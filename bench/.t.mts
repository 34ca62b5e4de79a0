import { loadScenarios } from './scenarios';
import { createBpmnEnginePeer } from './peer-bpmn-engine';
const s = loadScenarios()[0]!;
const peer = await createBpmnEnginePeer(s);
for (let r = 0; r < 3; r++) {
  const cpu0 = process.cpuUsage(); const t0 = performance.now();
  for (let i = 0; i < 300; i++) await peer.runInstance({ i });
  const t = performance.now() - t0; const cpu = process.cpuUsage(cpu0);
  console.log('wall/inst ms', (t / 300).toFixed(2), 'cpu/inst ms', ((cpu.user + cpu.system) / 1000 / 300).toFixed(2));
}

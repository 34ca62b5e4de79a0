import { Engine } from 'bpmn-engine';
import BpmnModdle from 'bpmn-moddle';
import * as Elements from 'bpmn-elements';
import serializer, { TypeResolver } from 'moddle-context-serializer';
import { readFileSync } from 'node:fs';
const xml = readFileSync('examples/hello.bpmn', 'utf8');
const sourceContext = serializer(await new BpmnModdle().fromXML(xml), TypeResolver(Elements));
const noop = () => ({ debug() {}, error() {}, warn() {} });
async function one(opts) {
  const engine = new Engine({ sourceContext, ...opts });
  await new Promise((res, rej) => void engine.execute({ variables: {} }, (e) => (e ? rej(e) : res())));
}
for (const [name, opts] of [['plain', {}], ['noopLogger', { Logger: noop }], ['plain', {}], ['noopLogger', { Logger: noop }]]) {
  const cpu0 = process.cpuUsage(); const t0 = performance.now();
  for (let i = 0; i < 300; i++) await one(opts);
  const t = performance.now() - t0; const cpu = process.cpuUsage(cpu0);
  console.log(name, 'wall/inst ms', (t / 300).toFixed(2), 'cpu/inst ms', ((cpu.user + cpu.system) / 1000 / 300).toFixed(2));
}

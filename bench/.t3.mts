import { createHook } from 'node:async_hooks';
import { Engine } from 'bpmn-engine';
import BpmnModdle from 'bpmn-moddle';
import * as Elements from 'bpmn-elements';
import serializer, { TypeResolver } from 'moddle-context-serializer';
import { readFileSync } from 'node:fs';
const xml = readFileSync('examples/hello.bpmn', 'utf8');
const sourceContext = serializer(await new BpmnModdle().fromXML(xml), TypeResolver(Elements));
const counts = new Map<string, number>();
const stacks = new Map<string, number>();
const hook = createHook({ init(_id, type) { if (type === 'PROMISE') return; counts.set(type, (counts.get(type) ?? 0) + 1); if (type === 'Timeout' || type==='Immediate') { const s = new Error().stack!.split('\n').slice(3, 7).join(' | '); stacks.set(s, (stacks.get(s) ?? 0) + 1); } } });
async function one() {
  const engine = new Engine({ sourceContext });
  await new Promise<void>((res, rej) => void engine.execute({ variables: {} }, (e: any) => (e ? rej(e) : res())));
}
for (let i = 0; i < 20; i++) await one();
hook.enable();
for (let i = 0; i < 100; i++) await one();
hook.disable();
console.log(counts); for (const [s, n] of stacks) console.log(n, s);

import BpmnModdle from 'bpmn-moddle';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { readFileSync } from 'node:fs';
const m = new BpmnModdle({ zeebe });
const xml = readFileSync(process.argv[2]!, 'utf8');
const r = await m.fromXML(xml);
const defs: any = r.rootElement;
console.log(r.warnings.map((w: any) => w.message), Object.keys(r));
for (const p of defs.rootElements) { console.log(p.$type, p.id, p.isExecutable, p.$attrs);
  for (const f of p.flowElements ?? []) console.log(' ', f.$type, f.id, JSON.stringify(f.extensionElements?.values?.map((v:any)=>({...v, $parent: undefined}))), f.conditionExpression?.body, f.sourceRef?.id, f.incoming?.map((x:any)=>x.id), f.default?.id, f.eventDefinitions?.map((e:any)=>e.$type));
}

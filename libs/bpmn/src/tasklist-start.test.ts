import { compileBpmn } from './compile';

function processXml(attribute: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true" ${attribute}>
    <bpmn:startEvent id="s" /><bpmn:endEvent id="e" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e" />
  </bpmn:process>
</bpmn:definitions>`;
}

async function startable(attribute: string): Promise<boolean> {
  const result = await compileBpmn(processXml(attribute), { resourceName: 'p.bpmn' });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.processes[0]!.startableInTasklist;
}

describe('camunda:isStartableInTasklist', () => {
  it('is true unless the process says false', async () => {
    expect(await startable('')).toBe(true);
    expect(await startable('camunda:isStartableInTasklist="true"')).toBe(true);
    expect(await startable('camunda:isStartableInTasklist="false"')).toBe(false);
  });
});

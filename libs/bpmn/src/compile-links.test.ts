// Link events and none intermediate throw events: a throw link resolves to the catch link of the
// same name in its scope; a missing, duplicated or cross-scope link is a problem naming the element.
import { compileBpmn } from './compile';
import { onlyProcess, problemsOf, readFixture, zeebeProcess } from './test-support';

async function compile(xml: string) {
  return compileBpmn(xml, { resourceName: 'test.bpmn' });
}

function link(
  id: string,
  element: 'intermediateThrowEvent' | 'intermediateCatchEvent',
  name: string,
): string {
  return `<bpmn:${element} id="${id}"><bpmn:linkEventDefinition id="${id}-def" name="${name}"/></bpmn:${element}>`;
}

describe('link events', () => {
  it('resolve each throw link to its catch link (link-events.bpmn)', async () => {
    const process = onlyProcess(await compile(readFixture('link-events.bpmn')));
    expect(process.elements['go-to-review']).toMatchObject({
      kind: 'intermediateThrowEvent',
      link: { name: 'to-review', targetId: 'review-entry' },
    });
    expect(process.elements['review-entry']).toMatchObject({
      kind: 'intermediateCatchEvent',
      link: 'to-review',
    });
    // A none throw event passes through like a task.
    expect(process.elements['milestone']).toMatchObject({ kind: 'task' });
  });

  it('reports a throw link without a catch of the same name', async () => {
    const body =
      '<bpmn:startEvent id="start"/>' +
      link('throw', 'intermediateThrowEvent', 'a') +
      link('catch', 'intermediateCatchEvent', 'b') +
      '<bpmn:endEvent id="end"/>' +
      '<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="throw"/><bpmn:sequenceFlow id="f2" sourceRef="catch" targetRef="end"/>';
    const problems = problemsOf(await compile(zeebeProcess(body)));
    expect(problems).toEqual([expect.objectContaining({ code: 'INVALID_LINK', elementId: 'throw' })]);
    expect(problems[0]?.message).toContain("'a'");
  });

  it('reports two catch links with the same name in one scope', async () => {
    const body =
      '<bpmn:startEvent id="start"/>' +
      link('throw', 'intermediateThrowEvent', 'a') +
      link('catch-1', 'intermediateCatchEvent', 'a') +
      link('catch-2', 'intermediateCatchEvent', 'a') +
      '<bpmn:endEvent id="end"/>' +
      '<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="throw"/><bpmn:sequenceFlow id="f2" sourceRef="catch-1" targetRef="end"/>' +
      '<bpmn:sequenceFlow id="f3" sourceRef="catch-2" targetRef="end"/>';
    const problems = problemsOf(await compile(zeebeProcess(body)));
    expect(problems).toEqual([expect.objectContaining({ code: 'INVALID_LINK', elementId: 'catch-2' })]);
  });

  it('does not link across a subprocess boundary', async () => {
    const body =
      '<bpmn:startEvent id="start"/>' +
      link('throw', 'intermediateThrowEvent', 'a') +
      '<bpmn:subProcess id="sub"><bpmn:startEvent id="sub-start"/>' +
      link('catch', 'intermediateCatchEvent', 'a') +
      '<bpmn:endEvent id="sub-end"/><bpmn:sequenceFlow id="s1" sourceRef="sub-start" targetRef="sub-end"/>' +
      '<bpmn:sequenceFlow id="s2" sourceRef="catch" targetRef="sub-end"/></bpmn:subProcess>' +
      '<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="throw"/>';
    const problems = problemsOf(await compile(zeebeProcess(body)));
    expect(problems).toEqual([expect.objectContaining({ code: 'INVALID_LINK', elementId: 'throw' })]);
  });

  it('still refuses an intermediate throw event with a definition it cannot throw (conditional)', async () => {
    const body =
      '<bpmn:startEvent id="start"/><bpmn:intermediateThrowEvent id="x"><bpmn:conditionalEventDefinition/></bpmn:intermediateThrowEvent>';
    const problems = problemsOf(await compile(zeebeProcess(body)));
    expect(problems).toEqual([expect.objectContaining({ code: 'UNSUPPORTED_ELEMENT', elementId: 'x' })]);
  });
});

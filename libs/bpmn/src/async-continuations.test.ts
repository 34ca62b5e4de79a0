// camunda:asyncBefore / camunda:asyncAfter (and the older camunda:async) on flow nodes.
import { compileBpmn } from './compile';
import { camunda7Process, onlyProcess } from './test-support';

const task = (attributes: string) =>
  `<bpmn:startEvent id="start"/><bpmn:serviceTask id="pay" camunda:type="external" camunda:topic="pay" ${attributes}/>`;

it('reads asyncBefore and asyncAfter of a Camunda 7 service task', async () => {
  const model = onlyProcess(
    await compileBpmn(camunda7Process(task('camunda:asyncBefore="true" camunda:asyncAfter="true"'))),
  );
  expect(model.elements['pay']).toMatchObject({ asyncBefore: true, asyncAfter: true });
  expect(model.elements['start']).not.toHaveProperty('asyncBefore');
});

it('takes the older camunda:async as asyncBefore, and leaves unflagged nodes alone', async () => {
  const flagged = onlyProcess(await compileBpmn(camunda7Process(task('camunda:async="true"'))));
  expect(flagged.elements['pay']).toMatchObject({ asyncBefore: true });
  expect(flagged.elements['pay']).not.toHaveProperty('asyncAfter');
  const plain = onlyProcess(await compileBpmn(camunda7Process(task(''))));
  expect(plain.elements['pay']).not.toHaveProperty('asyncBefore');
});

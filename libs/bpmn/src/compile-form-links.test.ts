// `zeebe:formDefinition` on a Camunda user task and on a none start event: a linked form by id
// (bindingType latest by default, or deployment), a custom formKey, or an external reference.
import { compileBpmn } from './compile';
import { onlyProcess, zeebeProcess } from './test-support';

const userTask = (attributes: string) =>
  `<bpmn:startEvent id="s"/><bpmn:userTask id="t"><bpmn:extensionElements><zeebe:userTask/>` +
  `<zeebe:formDefinition ${attributes}/></bpmn:extensionElements></bpmn:userTask>` +
  `<bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t"/>`;

async function compiledUserTask(attributes: string): Promise<unknown> {
  const process = onlyProcess(await compileBpmn(zeebeProcess(userTask(attributes))));
  const task = process.elements['t'];
  return task?.kind === 'userTask' ? task.userTask : undefined;
}

describe('form links', () => {
  it('links a user task to a deployed form by id, the latest version unless bound to the deployment', async () => {
    expect(await compiledUserTask('formId="review"')).toMatchObject({
      formKey: 'review',
      linkedForm: { formId: 'review', bindingType: 'latest' },
    });
    expect(await compiledUserTask('formId="review" bindingType="deployment"')).toMatchObject({
      linkedForm: { formId: 'review', bindingType: 'deployment' },
    });
  });

  it('keeps a custom formKey and an external reference without a linked form', async () => {
    const custom = await compiledUserTask('formKey="camunda-forms:bpmn:review"');
    expect(custom).toMatchObject({ formKey: 'camunda-forms:bpmn:review' });
    expect(custom).not.toHaveProperty('linkedForm');
    const external = await compiledUserTask('externalReference="https://forms.example/review"');
    expect(external).toMatchObject({ externalFormReference: 'https://forms.example/review' });
    expect(external).not.toHaveProperty('linkedForm');
  });

  it('links a none start event to its start form', async () => {
    const process = onlyProcess(
      await compileBpmn(
        zeebeProcess(
          '<bpmn:startEvent id="s"><bpmn:extensionElements><zeebe:formDefinition formId="order-form"/>' +
            '</bpmn:extensionElements></bpmn:startEvent>',
        ),
      ),
    );
    expect(process.elements['s']).toMatchObject({
      kind: 'startEvent',
      linkedForm: { formId: 'order-form', bindingType: 'latest' },
    });
  });
});

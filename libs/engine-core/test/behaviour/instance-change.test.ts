// The change an instance event carries for the history: the command, who sent it, and the
// variables it set or changed, before → after, values cut to HISTORY_VALUE_LIMIT characters.
import { HISTORY_VALUE_LIMIT, HISTORY_VARIABLES_LIMIT, type InstanceChange } from '@baton/contracts';
import { InstanceDriver } from '../support/driver';
import { buildModel, jobDefinition } from '../support/model-builder';

/** start → work (job) → end */
function jobDriver(): InstanceDriver {
  return new InstanceDriver(
    buildModel(
      'history-change',
      [
        { id: 'start', kind: 'startEvent' },
        { id: 'work', kind: 'serviceTask', job: jobDefinition('work') },
        { id: 'end', kind: 'endEvent', terminate: false },
      ] as never,
      [
        ['start', 'work'],
        ['work', 'end'],
      ],
    ),
  );
}

function changeOf(driver: InstanceDriver): InstanceChange | undefined {
  const [event] = driver.effects('INSTANCE_EVENT');
  return event?.event.change;
}

describe('instance change in the instance event', () => {
  it('lists the variables a create sets, without a before', () => {
    const driver = jobDriver();
    driver.create({ amount: 10, customer: { name: 'Ada' } });
    const key = driver.current.processInstanceKey;
    expect(changeOf(driver)).toEqual({
      command: 'CREATE_INSTANCE',
      variables: [
        { scopeKey: key, name: 'amount', after: 10 },
        { scopeKey: key, name: 'customer', after: { name: 'Ada' } },
      ],
    });
  });

  it('gives before and after of a changed variable, the new ones, and none of those unchanged', () => {
    const driver = jobDriver();
    driver.create({ amount: 10, customer: { name: 'Ada' }, kept: 'x' });
    const key = driver.current.processInstanceKey;
    driver.completeJob('work', { amount: 25, customer: { name: 'Ada' }, kept: 'x', approved: true });
    expect(changeOf(driver)).toEqual({
      command: 'COMPLETE_JOB',
      variables: [
        { scopeKey: key, name: 'amount', before: 10, after: 25 },
        { scopeKey: key, name: 'approved', after: true },
      ],
    });
  });

  it("names the command's actor, and lists nothing when no variable changed", () => {
    const driver = jobDriver();
    driver.create({});
    driver.send({ type: 'SUSPEND_INSTANCE', actor: 'operator-olga' });
    expect(changeOf(driver)).toEqual({ command: 'SUSPEND_INSTANCE', actor: 'operator-olga', variables: [] });
  });

  it('cuts a long value to its first characters of JSON and says so, before and after', () => {
    const driver = jobDriver();
    const long = 'a'.repeat(5000);
    driver.create({ note: long });
    const key = driver.current.processInstanceKey;
    driver.send({
      type: 'SET_VARIABLES',
      elementInstanceKey: key,
      variables: { note: { text: long } },
      actor: 'operator-olga',
    });
    const change = changeOf(driver);
    expect(change?.actor).toBe('operator-olga');
    expect(change?.variables).toEqual([
      {
        scopeKey: key,
        name: 'note',
        before: JSON.stringify(long).slice(0, HISTORY_VALUE_LIMIT),
        beforeTruncated: true,
        after: JSON.stringify({ text: long }).slice(0, HISTORY_VALUE_LIMIT),
        afterTruncated: true,
      },
    ]);
  });

  it('keeps at most HISTORY_VARIABLES_LIMIT variables and counts the rest', () => {
    const driver = jobDriver();
    const many = Object.fromEntries(
      Array.from({ length: HISTORY_VARIABLES_LIMIT + 5 }, (_, index) => [`v${index}`, index]),
    );
    driver.create(many);
    const change = changeOf(driver);
    expect(change?.variables).toHaveLength(HISTORY_VARIABLES_LIMIT);
    expect(change?.variablesOmitted).toBe(5);
  });
});

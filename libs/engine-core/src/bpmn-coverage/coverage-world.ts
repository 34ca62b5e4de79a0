// Test-only: drives one coverage scenario through the pure core. It follows the effects the way
// the runtime does — subscriptions opened and closed, timers scheduled and canceled, children
// requested — so a scenario names elements ("the message at `wait`") rather than keys.
import { compileBpmn } from '@baton/bpmn';
import type { Variables } from '@baton/contracts';
import type { ApplyResult } from '../apply-types';
import type { MessageSubscription, ScheduledTimer } from '../state';
import { InstanceDriver } from '../test-support/driver';

export class CoverageWorld {
  private readonly subscriptions = new Map<string, MessageSubscription>();
  private readonly timers = new Map<string, ScheduledTimer>();
  /** The child instance requested by each call activity instance. */
  private readonly children = new Map<string, string>();
  private messageCount = 0;

  private constructor(readonly driver: InstanceDriver) {}

  /** Compiles the XML (failing with every problem) and creates an instance with the variables. */
  static async start(xml: string, variables: Variables = {}, startAt?: string): Promise<CoverageWorld> {
    const compiled = await compileBpmn(xml, { resourceName: 'coverage.bpmn' });
    if (!compiled.ok)
      throw new Error(`does not compile: ${compiled.problems.map((p) => `${p.elementId}: ${p.message}`).join('; ')}`);
    const model = compiled.processes[0];
    if (!model) throw new Error('no executable process');
    const world = new CoverageWorld(new InstanceDriver(model));
    world.track(
      world.driver.create(variables, startAt === undefined ? {} : { startInstructions: [{ elementId: startAt }] }),
    );
    return world;
  }

  completeJob(elementId: string, variables: Variables = {}): void {
    this.track(this.driver.completeJob(elementId, variables));
  }

  throwError(elementId: string, errorCode: string): void {
    const { jobKey } = this.driver.job(elementId);
    this.track(this.driver.send({ type: 'THROW_ERROR', jobKey, errorCode }));
  }

  completeUserTask(elementId: string, variables: Variables = {}): void {
    const { userTaskKey } = this.driver.userTask(elementId);
    this.track(this.driver.send({ type: 'COMPLETE_USER_TASK', userTaskKey, variables }));
  }

  /** Correlates a message to the open subscription of the catch event (or boundary event) `elementId`. */
  correlate(elementId: string, variables: Variables = {}): void {
    const subscription = [...this.subscriptions.values()].find((open) => open.elementId === elementId);
    if (!subscription) throw new Error(`no open message subscription at ${elementId}`);
    this.track(
      this.driver.send({
        type: 'CORRELATE_MESSAGE',
        elementInstanceKey: subscription.elementInstanceKey,
        messageKey: `message-${++this.messageCount}`,
        messageName: subscription.messageName,
        variables,
      }),
    );
  }

  /** Fires the scheduled timer of `elementId` at its due date. */
  fireTimer(elementId: string): void {
    const timer = [...this.timers.values()].find((scheduled) => scheduled.elementId === elementId);
    if (!timer) throw new Error(`no scheduled timer at ${elementId}`);
    this.driver.now = Math.max(this.driver.now, timer.dueDate);
    this.track(this.driver.send({ type: 'TRIGGER_TIMER', timerKey: timer.timerKey }));
  }

  /** Completes the child instance the call activity `elementId` requested, with its variables. */
  completeChild(elementId: string, variables: Variables = {}): void {
    const callActivity = Object.values(this.driver.current.elementInstances).find(
      (instance) => instance.elementId === elementId && instance.state === 'ACTIVE',
    );
    const childProcessInstanceKey = callActivity && this.children.get(callActivity.key);
    if (!callActivity || !childProcessInstanceKey)
      throw new Error(`no child instance requested by ${elementId}`);
    this.track(
      this.driver.send({
        type: 'CHILD_INSTANCE_COMPLETED',
        elementInstanceKey: callActivity.key,
        childProcessInstanceKey,
        variables,
      }),
    );
  }

  /** Elements completed at least once, in order. */
  completedElements(): readonly string[] {
    return this.driver.current.completedElementIds ?? [];
  }

  /** The local variables of the active instance of `elementId` (its input mappings). */
  localVariables(elementId: string): Variables {
    const instance = Object.values(this.driver.current.elementInstances).find(
      (candidate) => candidate.elementId === elementId && candidate.state === 'ACTIVE',
    );
    if (!instance) throw new Error(`${elementId} is not active`);
    return this.driver.current.variables[instance.key] ?? {};
  }

  rootVariables(): Variables {
    return this.driver.rootVariables();
  }

  private track(result: ApplyResult): void {
    if (result.rejection) throw new Error(`command refused: ${result.rejection.message}`);
    for (const effect of result.effects) {
      if (effect.type === 'MESSAGE_SUBSCRIPTION_OPENED')
        this.subscriptions.set(effect.subscription.elementInstanceKey, effect.subscription);
      if (effect.type === 'MESSAGE_SUBSCRIPTION_CLOSED')
        this.subscriptions.delete(effect.subscription.elementInstanceKey);
      if (effect.type === 'TIMER_SCHEDULED') this.timers.set(effect.timer.timerKey, effect.timer);
      if (effect.type === 'TIMER_CANCELED' || effect.type === 'TIMER_TRIGGERED')
        this.timers.delete(effect.timer.timerKey);
      if (effect.type === 'CHILD_INSTANCE_REQUESTED')
        this.children.set(effect.parentElementInstanceKey, effect.childProcessInstanceKey);
    }
  }
}

// Test-only: drives one coverage scenario through the pure core. It follows the effects the way
// the runtime does — subscriptions opened and closed, timers scheduled and canceled, children
// requested — so a scenario names elements ("the message at `wait`") rather than keys.
import { compileBpmn, type ProcessModel } from '@baton/bpmn';
import { evaluateDecision, type DecisionRequirementsModel } from '@baton/bpmn/dmn';
import type { Variables } from '@baton/contracts';
import type { ApplyResult, Effect, MessageSubscription, ScheduledTimer, SignalSubscription } from '../../src';
import { InstanceDriver } from '../support/driver';

/** How `driveToEnd` answers what the instance waits for. */
export interface ScriptedWorkers {
  /**
   * The variables each element is completed with (job, user task, message, child instance); with a
   * list, its n-th completion takes the n-th entry and the last entry repeats (a loop's later rounds).
   */
  readonly completions?: Readonly<Record<string, Variables | readonly Variables[]>>;
  /**
   * Elements acted on before anything else, each entry once, as soon as it waits: e.g. a boundary
   * event's message or timer, so that the drive takes that path rather than completing its host.
   */
  readonly first?: readonly string[];
}

/** One thing the instance waits for, and how a scripted worker answers it. */
interface WaitingStep {
  readonly label: string;
  readonly elementId: string;
  readonly run: () => void;
}

export class CoverageWorld {
  private readonly subscriptions = new Map<string, MessageSubscription>();
  private readonly signals = new Map<string, SignalSubscription>();
  private readonly timers = new Map<string, ScheduledTimer>();
  /** The child instance requested by each call activity instance. */
  private readonly children = new Map<string, string>();
  /** Decision evaluations asked for and not yet answered, by evaluation key. */
  private readonly decisionRequests = new Map<
    string,
    Extract<Effect, { type: 'DECISION_EVALUATION_REQUESTED' }>
  >();
  private messageCount = 0;

  private constructor(readonly driver: InstanceDriver) {}

  /** Compiles the XML (failing with every problem) and creates an instance with the variables. */
  static async start(xml: string, variables: Variables = {}, startAt?: string): Promise<CoverageWorld> {
    const compiled = await compileBpmn(xml, { resourceName: 'coverage.bpmn' });
    if (!compiled.ok)
      throw new Error(
        `does not compile: ${compiled.problems.map((p) => `${p.elementId}: ${p.message}`).join('; ')}`,
      );
    const model = compiled.processes[0];
    if (!model) throw new Error('no executable process');
    const world = new CoverageWorld(new InstanceDriver(model));
    world.track(
      world.driver.create(
        variables,
        startAt === undefined ? {} : { startInstructions: [{ elementId: startAt }] },
      ),
    );
    return world;
  }

  /** Creates an instance of an already compiled process (one of several in a file). */
  static startModel(model: ProcessModel, variables: Variables = {}, startAt?: string): CoverageWorld {
    const world = new CoverageWorld(new InstanceDriver(model));
    world.track(
      world.driver.create(
        variables,
        startAt === undefined ? {} : { startInstructions: [{ elementId: startAt }] },
      ),
    );
    return world;
  }

  /**
   * Drives the instance until it is no longer ACTIVE, one step at a time: open jobs and user tasks
   * are completed, requested child instances complete, open message subscriptions are correlated,
   * and the earliest timer fires — in that order of preference, after `workers.first`. Fails with
   * what the instance still waits for when it is stuck or takes more than `maxSteps`.
   * Returns the steps taken, e.g. `job approveInvoice`.
   */
  driveToEnd(workers: ScriptedWorkers = {}, maxSteps = 100): string[] {
    const taken: string[] = [];
    const pendingFirst = [...(workers.first ?? [])];
    const completionCounts = new Map<string, number>();
    const variablesFor = (elementId: string): Variables => {
      const count = completionCounts.get(elementId) ?? 0;
      completionCounts.set(elementId, count + 1);
      const completion = workers.completions?.[elementId] ?? {};
      if (!Array.isArray(completion)) return completion as Variables;
      const rounds = completion as readonly Variables[];
      return rounds[Math.min(count, rounds.length - 1)] ?? {};
    };
    while (this.driver.current.state === 'ACTIVE') {
      const waiting = this.waitingSteps(variablesFor);
      const firstIndex = pendingFirst.findIndex((elementId) =>
        waiting.some((step) => step.elementId === elementId),
      );
      const firstId = firstIndex < 0 ? undefined : pendingFirst.splice(firstIndex, 1)[0];
      const next = waiting.find((step) => step.elementId === firstId) ?? waiting[0];
      if (!next) throw new Error(`instance is stuck: ${this.describeWaiting(taken)}`);
      if (taken.length >= maxSteps)
        throw new Error(`instance did not end within ${maxSteps} steps: ${this.describeWaiting(taken)}`);
      taken.push(next.label);
      next.run();
    }
    return taken;
  }

  /** Everything the instance waits for now, in the order `driveToEnd` prefers. */
  private waitingSteps(variablesFor: (elementId: string) => Variables): WaitingStep[] {
    const state = this.driver.current;
    const steps: WaitingStep[] = [];
    for (const job of Object.values(state.jobs).filter((candidate) => candidate.state === 'ACTIVATABLE')) {
      // An asynchronous continuation is the engine's own job: the runtime answers it, not a worker.
      if (job.asyncContinuation !== undefined)
        steps.push({
          label: `async ${job.asyncContinuation} ${job.elementId}`,
          elementId: job.elementId,
          run: () => this.track(this.driver.send({ type: 'CONTINUE_ASYNC', jobKey: job.jobKey })),
        });
      else
        steps.push({
          label: `job ${job.elementId}`,
          elementId: job.elementId,
          run: () =>
            this.track(
              this.driver.send({
                type: 'COMPLETE_JOB',
                jobKey: job.jobKey,
                variables: variablesFor(job.elementId),
              }),
            ),
        });
    }
    for (const task of Object.values(state.userTasks).filter((candidate) => candidate.state === 'CREATED'))
      steps.push({
        label: `user task ${task.elementId}`,
        elementId: task.elementId,
        run: () =>
          this.track(
            this.driver.send({
              type: 'COMPLETE_USER_TASK',
              userTaskKey: task.userTaskKey,
              variables: variablesFor(task.elementId),
            }),
          ),
      });
    for (const [elementInstanceKey, childProcessInstanceKey] of this.children) {
      const callActivity = state.elementInstances[elementInstanceKey];
      if (callActivity?.state !== 'ACTIVE') continue;
      steps.push({
        label: `child of ${callActivity.elementId}`,
        elementId: callActivity.elementId,
        run: () =>
          this.track(
            this.driver.send({
              type: 'CHILD_INSTANCE_COMPLETED',
              elementInstanceKey,
              childProcessInstanceKey,
              variables: variablesFor(callActivity.elementId),
            }),
          ),
      });
    }
    for (const subscription of this.subscriptions.values())
      steps.push({
        label: `message ${subscription.messageName} at ${subscription.elementId}`,
        elementId: subscription.elementId,
        run: () =>
          this.track(
            this.driver.send({
              type: 'CORRELATE_MESSAGE',
              elementInstanceKey: subscription.elementInstanceKey,
              messageKey: `message-${++this.messageCount}`,
              messageName: subscription.messageName,
              variables: variablesFor(subscription.elementId),
            }),
          ),
      });
    for (const timer of [...this.timers.values()].sort((a, b) => a.dueDate - b.dueDate))
      steps.push({
        label: `timer ${timer.elementId}`,
        elementId: timer.elementId,
        run: () => {
          this.driver.now = Math.max(this.driver.now, timer.dueDate);
          this.track(this.driver.send({ type: 'TRIGGER_TIMER', timerKey: timer.timerKey }));
        },
      });
    return steps;
  }

  private describeWaiting(taken: readonly string[]): string {
    const incidents = this.driver
      .openIncidents()
      .map((incident) => `${incident.elementId}: ${incident.errorMessage}`);
    return [
      `state ${this.driver.current.state}`,
      `live tokens [${this.driver.liveTokens().join(', ')}]`,
      `open incidents [${incidents.join('; ')}]`,
      `steps taken [${taken.join(', ')}]`,
    ].join(', ');
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

  /**
   * Broadcasts a signal to this instance as the runtime would: every signal subscription of that
   * name open now is triggered once, in the order they opened.
   */
  broadcast(signalName: string, variables: Variables = {}): void {
    const waiting = [...this.signals.values()].filter((open) => open.signalName === signalName);
    if (waiting.length === 0) throw new Error(`no open signal subscription for '${signalName}'`);
    for (const subscription of waiting)
      this.track(
        this.driver.send({
          type: 'TRIGGER_SIGNAL',
          elementInstanceKey: subscription.elementInstanceKey,
          signalKey: `signal-${++this.messageCount}`,
          signalName,
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

  /**
   * Answers the decision evaluation the business rule task `elementId` asked for as the runtime
   * does (decision-evaluations.ts): the decision of `drg` evaluated with the request's variables.
   */
  evaluateDecision(elementId: string, drg: DecisionRequirementsModel): void {
    const request = [...this.decisionRequests.values()].find((pending) => pending.elementId === elementId);
    if (!request) throw new Error(`no decision evaluation requested by ${elementId}`);
    this.decisionRequests.delete(request.decisionEvaluationKey);
    const evaluation = evaluateDecision(drg, request.decisionId, request.variables);
    this.track(
      this.driver.send({
        type: 'DECISION_EVALUATED',
        elementInstanceKey: request.elementInstanceKey,
        decisionEvaluationKey: request.decisionEvaluationKey,
        ...(evaluation.ok ? { result: evaluation.output } : { failureMessage: evaluation.failureMessage }),
      }),
    );
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
      if (effect.type === 'SIGNAL_SUBSCRIPTION_OPENED')
        this.signals.set(effect.subscription.elementInstanceKey, effect.subscription);
      if (effect.type === 'SIGNAL_SUBSCRIPTION_CLOSED')
        this.signals.delete(effect.subscription.elementInstanceKey);
      if (effect.type === 'TIMER_SCHEDULED') this.timers.set(effect.timer.timerKey, effect.timer);
      if (effect.type === 'TIMER_CANCELED' || effect.type === 'TIMER_TRIGGERED')
        this.timers.delete(effect.timer.timerKey);
      if (effect.type === 'CHILD_INSTANCE_REQUESTED')
        this.children.set(effect.parentElementInstanceKey, effect.childProcessInstanceKey);
      if (effect.type === 'DECISION_EVALUATION_REQUESTED')
        this.decisionRequests.set(effect.decisionEvaluationKey, effect);
    }
  }
}

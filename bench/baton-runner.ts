// The Baton side of the benchmark: the embedded engine driven in-process (no HTTP) through
// its EngineService operations. Job workers are activate/complete loops per job type; an
// in-process "user" polls for created user tasks and completes them; each instance is
// started with awaitCompletion so its latency runs from the create call to the final answer.
import { setTimeout as delay } from 'node:timers/promises';
import type { EngineService } from '@baton/engine';
import type { Scenario, Variables } from './scenarios';

export interface BatonRunnerOptions {
  /** Jobs fetched per activation call. @default 32 */
  readonly maxJobsToActivate?: number;
  /** Activation loops per job type. @default 2 */
  readonly pollersPerJobType?: number;
  /** Longest an instance may run before the benchmark counts it as a failure, ms. @default 60000 */
  readonly instanceTimeoutMs?: number;
}

/** A scenario deployed on Baton with its workers running. */
export interface BatonProcess {
  runInstance(variables: Variables): Promise<Variables>;
  /** Stops the worker and user loops and waits for them to finish. */
  stop(): Promise<void>;
}

/** Deploys the scenario's file and starts its job workers and user-task completer. */
export async function startBatonProcess(
  engine: EngineService,
  scenario: Scenario,
  options: BatonRunnerOptions = {},
): Promise<BatonProcess> {
  const maxJobsToActivate = options.maxJobsToActivate ?? 32;
  const pollersPerJobType = options.pollersPerJobType ?? 2;
  const instanceTimeoutMs = options.instanceTimeoutMs ?? 60_000;
  await engine.deploy([{ name: `${scenario.processId}.bpmn`, content: scenario.bpmnXml }]);

  let running = true;
  const loops: Promise<void>[] = [];

  for (const [type, handler] of Object.entries(scenario.jobHandlers)) {
    for (let poller = 0; poller < pollersPerJobType; poller++) {
      loops.push(
        (async () => {
          while (running) {
            const jobs = await engine.activateJobs({
              type,
              worker: `bench-${type}-${poller}`,
              timeoutMs: 60_000,
              maxJobsToActivate,
              requestTimeoutMs: 200,
            });
            // Complete the batch concurrently; the next activation starts when it is done.
            await Promise.all(
              jobs.map((activated) => engine.completeJob(activated.job.jobKey, handler(activated.variables))),
            );
          }
        })(),
      );
    }
  }

  const userTaskVariables = scenario.userTaskVariables;
  if (userTaskVariables) {
    loops.push(
      (async () => {
        // A completion may be applied after the next search runs: never complete a task twice.
        const completed = new Set<string>();
        while (running) {
          const { items } = await engine.searchUserTasks({
            filter: { state: 'CREATED' },
            page: { limit: 500 },
          });
          const fresh = items.filter((task) => !completed.has(task.userTaskKey));
          // Nothing to do yet: yield briefly rather than spin the event loop.
          if (fresh.length === 0) await delay(1);
          for (const task of fresh) completed.add(task.userTaskKey);
          await Promise.all(
            fresh.map((task) => engine.completeUserTask(task.userTaskKey, userTaskVariables)),
          );
        }
      })(),
    );
  }

  return {
    async runInstance(variables) {
      const result = await engine.createInstance({
        processDefinitionId: scenario.processId,
        variables,
        awaitCompletion: true,
        requestTimeoutMs: instanceTimeoutMs,
      });
      return result.variables;
    },
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

// Which instance holds a job, user task, incident or element instance: the key its command goes to.
import type { InstanceStore, JobStore, UserTaskStore } from '@baton/store';
import { notHeldByAnyInstance, userTaskNotFound } from '../errors';

/** The instance holding an active incident, element instance or job; NOT_FOUND when none does. */
export async function instanceHolding(
  instances: InstanceStore,
  filter: { incidentKey: string } | { elementInstanceKey: string } | { jobKey: string },
  what: string,
  why = 'it is resolved, ended or never existed',
): Promise<string> {
  const { items } = await instances.search({ filter, page: { from: 0, limit: 1 } });
  const instance = items[0];
  if (!instance) throw notHeldByAnyInstance(what, why);
  return instance.processInstanceKey;
}

export async function instanceOfJob(
  jobs: JobStore,
  instances: InstanceStore,
  jobKey: string,
): Promise<string> {
  const record = await jobs.get(jobKey);
  if (record) return record.job.processInstanceKey;
  // Out of the job store but not closed: parked in an incident (retries exhausted).
  return instanceHolding(
    instances,
    { jobKey },
    `Job with key '${jobKey}'`,
    'it was completed, canceled or never existed',
  );
}

export async function instanceOfUserTask(userTasks: UserTaskStore, userTaskKey: string): Promise<string> {
  const task = await userTasks.get(userTaskKey);
  if (!task) throw userTaskNotFound(userTaskKey);
  return task.processInstanceKey;
}

// The job store changes of several batches, written as one (snapshot-writer.ts): per job only its
// last change counts, and a job created and closed between two writes is never written at all —
// in the common case of a Kafka worker answering quickly, a job costs the store nothing.
import type { JobChange } from '@baton/store';

/** A job change as a batch plans it: `created` when the upsert brings a new job into the world. */
export type PlannedJobChange = JobChange & { readonly created?: boolean };

/** The changes that leave the store as applying all of `changes` in order would, fewest first. */
export function coalesceJobChanges(changes: readonly PlannedJobChange[]): JobChange[] {
  const last = new Map<string, { change: JobChange; createdHere: boolean }>();
  for (const planned of changes) {
    const { created, ...change } = planned;
    const jobKey = change.kind === 'upsert' ? change.job.jobKey : change.jobKey;
    const earlier = last.get(jobKey);
    // Delete and set again: the map keeps the order of the last change of each job.
    last.delete(jobKey);
    if (change.kind === 'remove' && earlier?.createdHere) continue; // never stored
    last.set(jobKey, { change, createdHere: earlier?.createdHere ?? created === true });
  }
  return [...last.values()].map(({ change }) => change);
}

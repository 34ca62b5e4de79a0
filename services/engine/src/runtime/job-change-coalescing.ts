// The job store changes of several batches, written as one (snapshot-writer.ts): per job only its
// last change counts, and a job created and closed between two writes is never written at all —
// in the common case of a Kafka worker answering quickly, a job costs the store nothing.
import type { JobChange } from '@baton/store';

/** A job change as a batch plans it: `created` when the upsert brings a new job into the world. */
export type PlannedJobChange = JobChange & { readonly created?: boolean };

/**
 * The changes that leave the store as applying all of `changes` in order would, fewest first. An
 * upsert of a job created within them keeps `created` (the store may insert it); others lose it.
 */
export function coalesceJobChanges(changes: readonly PlannedJobChange[]): JobChange[] {
  const last = new Map<string, { change: JobChange; createdHere: boolean }>();
  for (const planned of changes) {
    const created = planned.created;
    const written = withoutCreated(planned);
    const jobKey = written.kind === 'remove' ? written.jobKey : written.job.jobKey;
    const earlier = last.get(jobKey);
    // A relabel after an upsert of the same writes is that upsert with the new fields; after a
    // removal there is nothing to relabel.
    if (written.kind === 'relabel' && earlier?.change.kind === 'remove') continue;
    // An ensure after anything but a removal changes nothing: the job is stored by then.
    if (written.kind === 'ensure' && earlier && earlier.change.kind !== 'remove') continue;
    const change: JobChange =
      written.kind === 'relabel' && (earlier?.change.kind === 'upsert' || earlier?.change.kind === 'ensure')
        ? { ...earlier.change, job: written.job }
        : written;
    // Delete and set again: the map keeps the order of the last change of each job.
    last.delete(jobKey);
    if (change.kind === 'remove' && earlier?.createdHere) continue; // never stored
    last.set(jobKey, { change, createdHere: earlier?.createdHere ?? created === true });
  }
  const coalesced: JobChange[] = [];
  for (const { change, createdHere } of last.values())
    coalesced.push(change.kind === 'upsert' && createdHere ? { ...change, created: true } : change);
  return coalesced;
}

/**
 * The change without its `created` mark; the change itself when it has none. Not a rest pattern
 * (`{ created, ...written }`), which V8 copies on its slow path, for every job of every batch.
 */
function withoutCreated(planned: PlannedJobChange): JobChange {
  if (!Object.hasOwn(planned, 'created')) return planned;
  // The upserts the effect dispatcher plans: the same own fields but `created`.
  if (planned.kind === 'upsert' && Object.keys(planned).length === (Object.hasOwn(planned, 'lock') ? 4 : 3))
    return Object.hasOwn(planned, 'lock')
      ? { kind: 'upsert', job: planned.job, lock: planned.lock }
      : { kind: 'upsert', job: planned.job };
  const { created: _created, ...written } = planned;
  return written;
}

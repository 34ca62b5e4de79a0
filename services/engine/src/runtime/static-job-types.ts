// The job types a process uses that are known at deploy time (fixed in the XML, not FEEL): their
// job topics are created at deploy, and `KAFKA_JOB_TYPES=*` hands their jobs to Kafka workers.
import type { ProcessModel } from '@baton/bpmn';

export function staticJobTypes(model: ProcessModel): string[] {
  const types = new Set<string>();
  for (const element of Object.values(model.elements)) {
    const job = 'job' in element ? element.job : undefined;
    if (job?.type.kind === 'static') types.add(job.type.value);
  }
  return [...types];
}

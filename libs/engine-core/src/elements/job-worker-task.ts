// The job worker tasks — service, send and business rule tasks (Zeebe's job worker family): entering
// one publishes a job (jobs/jobs.ts) and the task waits for a worker's answer (jobs/job-commands.ts).
// A terminated task's job is closed with it, as any element's job is (flow/termination.ts).
import type { JobTaskNode } from '@baton/bpmn';
import { createJob } from '../jobs/jobs';
import { WAIT, type ElementBehaviour } from './element-behaviour';

export const jobWorkerTask: ElementBehaviour<JobTaskNode> = {
  activate(draft, node, instance) {
    createJob(draft, instance, node.job);
    return WAIT;
  },
  waitsForCommand: () => true,
};

// Keys inside an instance document that operations address without naming the instance
// (POST /v2/incidents/{key}/resolution, PUT /v2/element-instances/{key}/variables).
import type { InstanceState } from '@baton/engine-core';

/** Keys of the instance's jobs that are open or parked in an incident (a PATCH may still change them). */
export function liveJobKeys(state: InstanceState): string[] {
  return Object.values(state.jobs)
    .filter((job) => job.state === 'ACTIVATABLE' || job.state === 'FAILED')
    .map((job) => job.jobKey);
}

/** Keys of the instance's ACTIVE incidents. */
export function activeIncidentKeys(state: InstanceState): string[] {
  return Object.values(state.incidents)
    .filter((incident) => incident.state === 'ACTIVE')
    .map((incident) => incident.incidentKey);
}

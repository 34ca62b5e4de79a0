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

/** FNV-1a over UTF-16 code units from `seed`: one 32-bit half of a variable key. */
function fnv1a32(text: string, seed: number): number {
  let hash = seed;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The key of a variable (GET /v2/variables/{key}): the engine keeps a variable as a name in a
 * scope, without a key of its own, so the key is derived from the two — the same on every call
 * and every replica, and new when a scope ends and another takes the name. 62 bits of two FNV-1a
 * hashes (a collision between two of a billion variables is about one in ten thousand).
 */
export function variableKeyOf(scopeKey: string, name: string): string {
  const text = `${scopeKey}\u0000${name}`;
  const high = BigInt(fnv1a32(text, 0x811c9dc5));
  const low = BigInt(fnv1a32(text, 0x050c5d1f) >>> 2);
  return ((high << 30n) | low).toString();
}

/**
 * Keys a read by key finds this instance by (GET /v2/variables/{key}, GET
 * /v2/element-instances/{key}): its variables' keys, and the element instances that ended but
 * are still known by the job or user task they held (active ones are in `elementInstances`).
 */
export function heldReadKeys(state: InstanceState): string[] {
  const keys: string[] = [];
  for (const [scopeKey, variables] of Object.entries(state.variables))
    for (const name of Object.keys(variables)) keys.push(variableKeyOf(scopeKey, name));
  const ended = new Set<string>();
  for (const job of Object.values(state.jobs)) ended.add(job.elementInstanceKey);
  for (const task of Object.values(state.userTasks)) ended.add(task.elementInstanceKey);
  for (const key of ended) if (state.elementInstances[key] === undefined) keys.push(key);
  return keys;
}

// Stands in for the engine in the gateway's own tests: instance states are "stored", then
// published on `baton.instance.events.v1` of an in-memory bus, as the engine does (write, then
// publish). Tests decide the revisions, so ordering rules can be checked exactly.
import type { InstanceLiveState } from '@baton/contracts';
import { InMemoryBus } from '@baton/messaging';
import { topicName, topics } from '@baton/topics';
import type { SnapshotSource } from '../snapshots/snapshot-source';

export class FakeEngine {
  readonly bus = new InMemoryBus({ partitions: 4, topicPrefix: '' });
  private readonly stored = new Map<string, InstanceLiveState>();

  constructor(private readonly topicPrefix = '') {}

  /** Reads what was stored, like the engine's store. */
  readonly snapshots: SnapshotSource = {
    instance: (processInstanceKey) => Promise.resolve(this.stored.get(processInstanceKey)),
    activeInstances: (processDefinitionId, limit) =>
      Promise.resolve(
        [...this.stored.values()]
          .filter((state) => state.processDefinitionId === processDefinitionId && state.state === 'ACTIVE')
          .slice(0, limit),
      ),
    starterRoles: (processDefinitionKey) =>
      Promise.resolve(this.starterRolesByKey.get(processDefinitionKey) ?? []),
  };

  /** Starter roles of fake definitions (none: open to every authenticated client). */
  readonly starterRolesByKey = new Map<string, readonly string[]>();

  /** Stores the states, keeping the newest revision per instance, without publishing anything. */
  store(...states: InstanceLiveState[]): void {
    for (const state of states) {
      const current = this.stored.get(state.processInstanceKey);
      if (!current || current.revision <= state.revision) this.stored.set(state.processInstanceKey, state);
    }
  }

  /** Stores the states, then publishes them as engine events, in order. */
  async publish(...states: InstanceLiveState[]): Promise<void> {
    this.store(...states);
    await this.bus.produce(
      topicName(topics.instanceEvents, this.topicPrefix),
      states.map((state) => ({
        key: state.processInstanceKey,
        value: engineEvent(state),
        headers: { processInstanceKey: state.processInstanceKey },
      })),
    );
  }

  close(): Promise<void> {
    return this.bus.close();
  }
}

/** The event as the engine puts it on the bus: internal token fields included, revision stamped. */
function engineEvent(state: InstanceLiveState): Record<string, unknown> {
  return {
    ...state,
    tokens: state.tokens.map((token) => ({
      tokenKey: token.tokenKey,
      ...(token.parentTokenKey === null ? {} : { parentTokenKey: token.parentTokenKey }),
      elementId: token.elementId,
      state: token.state,
      scopeKey: state.processInstanceKey,
    })),
    timestamp: state.timestamp ?? new Date().toISOString(),
  };
}

let nextKey = 1_000_000;

/** A live state of a new instance key, at the given revision. */
export function liveState(
  overrides: Partial<InstanceLiveState> & Pick<InstanceLiveState, 'processDefinitionId'>,
): InstanceLiveState {
  const processInstanceKey = overrides.processInstanceKey ?? String(nextKey++);
  return {
    processInstanceKey,
    processDefinitionKey: '42',
    revision: 1,
    state: 'ACTIVE',
    activeElementIds: ['Task'],
    completedElementIds: ['Start'],
    tokens: [
      { tokenKey: `${processInstanceKey}1`, parentTokenKey: null, elementId: 'Task', state: 'ACTIVE' },
    ],
    hasIncident: false,
    suspended: false,
    ...overrides,
  };
}

// POST /v2/resources/{key}/deletion for process definitions, as Zeebe 8.8 deletes them
// (camunda/camunda zeebe/engine/…/processing/resource/ResourceDeletionDeleteProcessor.java):
// a version with ACTIVE instances is refused (INVALID_STATE, as its ActiveProcessInstancesException
// is rejected); else it is deleted — no lookup finds it, no create starts it — and when it was the
// latest version, its start timers and message start events give way to the previous version's
// (re-armed as when it was deployed), or to none. Its version number is never given again.
// A decision requirements graph's key deletes the graph version and its decisions (no check for
// running instances, as in Zeebe); the previous versions are the latest again. A form's key deletes
// that form version, as Zeebe 8.8 does (DbFormState: gone from the lookups by key, by id and by
// deployment, the previous version the latest again, its version number never given again); user
// tasks created before keep it (form-store.ts), and the running instances are not looked at. A
// decision is not deletable by its own key (as in Zeebe).
import { BatonError } from '@baton/contracts';
import type {
  DecisionStore,
  DefinitionStore,
  FormStore,
  InstanceStore,
  StoredDefinition,
} from '@baton/store';
import type { DefinitionCache } from '../runtime/definition-cache';
import type { KnownDefinitions } from '../runtime/known-definitions';
import type { TimerScheduler } from '../runtime/timer-scheduler';

export interface ResourcesFacadeOptions {
  readonly stores: {
    readonly definitions: DefinitionStore;
    readonly decisions: DecisionStore;
    readonly instances: InstanceStore;
    readonly forms: FormStore;
  };
  readonly known: KnownDefinitions;
  readonly cache: DefinitionCache;
  readonly timers: TimerScheduler;
  /** The indexes of message and signal start events of the latest versions, renewed after a deletion. */
  readonly startIndexes: readonly { invalidate(): void }[];
  /** Tells the other replicas (definition-changes.ts). */
  readonly announce: (
    processDefinitionIds: readonly string[],
    processDefinitionKeys: readonly string[],
  ) => Promise<void>;
  /** The engine clock: a form deleted now is still the one of the tasks created before. @default Date.now */
  readonly clock?: () => number;
}

export class ResourcesFacade {
  constructor(private readonly options: ResourcesFacadeOptions) {}

  async deleteResource(resourceKey: string): Promise<void> {
    const definition = await this.options.stores.definitions.getByKey(resourceKey);
    if (definition !== undefined) return this.deleteProcess(definition);
    // Another replica reads a deleted graph no more: its store looks again (no cache of its own).
    if ((await this.options.stores.decisions.deleteRequirements(resourceKey)) !== undefined) return;
    // Every replica reads forms from the store (no cache): nothing to announce.
    const now = new Date((this.options.clock ?? Date.now)()).toISOString();
    if ((await this.options.stores.forms.delete(resourceKey, now)) !== undefined) return;
    // Zeebe's NoSuchResourceException wording.
    throw new BatonError(
      'NOT_FOUND',
      `Expected to delete resource but no resource found with key '${resourceKey}'.`,
    );
  }

  private async deleteProcess(definition: StoredDefinition): Promise<void> {
    const { stores, known, cache, timers, startIndexes } = this.options;
    const { definitions, instances } = stores;
    const { processDefinitionKey, processDefinitionId } = definition;
    const running = await instances.search({
      filter: { processDefinitionKey, state: 'ACTIVE' },
      page: { from: 0, limit: 1 },
    });
    if (running.totalItems > 0)
      throw new BatonError(
        'INVALID_STATE',
        `Expected to delete process definition with key '${processDefinitionKey}' but there are ${running.totalItems} running instances of it; cancel them or let them end first.`,
      );
    const wasLatest =
      (await definitions.getLatest(processDefinitionId))?.processDefinitionKey === processDefinitionKey;
    if ((await definitions.delete(processDefinitionKey)) === undefined)
      throw new BatonError(
        'NOT_FOUND',
        `Expected to delete resource but no resource found with key '${processDefinitionKey}'.`,
      );
    known.deleted([processDefinitionId], [processDefinitionKey]);
    cache.forget(processDefinitionKey);
    if (wasLatest) {
      const previous = await definitions.getLatest(processDefinitionId);
      if (previous) await timers.deployed(previous);
      else await timers.withdrawStartTimers(processDefinitionId);
    }
    // Message and signal start events follow the latest versions: the next one sees the deletion.
    for (const index of startIndexes) index.invalidate();
    await this.options.announce([processDefinitionId], [processDefinitionKey]);
  }
}

// What is suspended now, as the command processor needs it: definitions that may not be
// instantiated and job definitions whose new jobs start suspended. The pure core gets them on its
// DefinitionRef. Read from the suspension store at start, again after every change made through
// this replica, and every `refreshMs` for changes made through the others (on Kafka a command may
// be applied by another replica than the one that took the REST call).
import type { DefinitionRef } from '@baton/engine-core';
import type { DefinitionStore, SuspensionSnapshot, SuspensionStore } from '@baton/store';
import { DefinitionCache } from './definition-cache';

export interface SuspensionRegistryOptions {
  readonly store: SuspensionStore;
  /**
   * How often changes made through other replicas are read, ms.
   * @default 1000
   */
  readonly refreshMs?: number;
  readonly onError?: (error: unknown) => void;
}

export class SuspensionRegistry {
  private snapshot: SuspensionSnapshot = { definitionKeys: [], jobSlots: {} };
  private suspendedDefinitions = new Set<string>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly options: SuspensionRegistryOptions) {}

  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) => this.options.onError?.(error));
    }, this.options.refreshMs ?? 1000);
    this.timer.unref();
  }

  close(): void {
    clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    const snapshot = await this.options.store.suspendedSnapshot();
    this.snapshot = snapshot;
    this.suspendedDefinitions = new Set(snapshot.definitionKeys);
  }

  /** Whether new instances of the definition are refused, as of the last refresh. */
  isDefinitionSuspended(processDefinitionKey: string): boolean {
    return this.suspendedDefinitions.has(processDefinitionKey);
  }

  /** Whether the job definition of this element (or continuation slot) of a definition is suspended. */
  isJobSlotSuspended(processDefinitionKey: string, slot: string): boolean {
    return this.snapshot.jobSlots[processDefinitionKey]?.includes(slot) ?? false;
  }

  /** The definition with its suspension; the same object when nothing of it is suspended. */
  decorate(ref: DefinitionRef): DefinitionRef {
    const suspended = this.suspendedDefinitions.has(ref.processDefinitionKey);
    const slots = this.snapshot.jobSlots[ref.processDefinitionKey];
    if (!suspended && !slots?.length) return ref;
    return {
      ...ref,
      ...(suspended ? { suspended: true } : {}),
      ...(slots?.length ? { suspendedJobElementIds: slots } : {}),
    };
  }
}

/** The definition cache of the command processor, handing out definitions with their suspension. */
export class SuspensionAwareDefinitionCache extends DefinitionCache {
  constructor(
    store: Pick<DefinitionStore, 'getByKey'>,
    private readonly registry: SuspensionRegistry,
    tombstones?: Pick<DefinitionStore, 'getDeleted'>,
  ) {
    super(store, tombstones);
  }

  override cached(processDefinitionKey: string): DefinitionRef | undefined {
    const ref = super.cached(processDefinitionKey);
    return ref && this.registry.decorate(ref);
  }
}

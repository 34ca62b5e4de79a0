// The process instances facade of a replica, with how its creates are answered: once in the log
// (the default), with the reads that wait for them, or once stored (docs/architecture.md, step 7).
import type { Logger } from '@baton/platform';
import type { EngineRuntimeOptions } from './engine-runtime-options';
import { InstancesFacade } from './facades/instances';
import { AnsweredCreates } from './runtime/answered-creates';
import type { CommandSender } from './runtime/command-sender';
import { InstanceReads } from './runtime/instance-reads';
import type { KeyGenerator } from './runtime/key-generator';
import type { KnownDefinitions } from './runtime/known-definitions';
import type { SuspensionRuntime } from './runtime/suspension-operations';
import { defaultMaxInstanceVariablesBytes } from './runtime/variables-document-limit';
import type { ReplicaStores } from './replica-stores';

export interface InstancesWiringParts {
  readonly stores: ReplicaStores;
  readonly known: KnownDefinitions;
  readonly suspension: SuspensionRuntime;
  readonly keys: KeyGenerator;
  readonly commands: CommandSender;
  /** The engine clock, epoch ms: keys carry its time. */
  readonly clock: () => number;
  readonly requestTimeoutMs: number;
  readonly logger: Logger;
}

export function wireInstances(
  options: Pick<EngineRuntimeOptions, 'createAnswer' | 'maxInstanceVariablesBytes'>,
  parts: InstancesWiringParts,
): { instances: InstancesFacade; answered: AnsweredCreates } {
  const { stores, known, suspension, keys, commands, clock, requestTimeoutMs, logger } = parts;
  const answered = new AnsweredCreates({
    onUnconfirmed: (processInstanceKey, reason) =>
      logger.error(
        { processInstanceKey, reason },
        'a create answered once in the log was not confirmed stored by its owner',
      ),
  });
  const maxVariablesBytes = options.maxInstanceVariablesBytes ?? defaultMaxInstanceVariablesBytes;
  const instances = new InstancesFacade({
    instances: stores.instances,
    // Another replica's create reaches the store well within the request timeout.
    lookups: new InstanceReads({
      instances: stores.instances,
      answered,
      nodeId: keys.nodeId,
      freshForMs: requestTimeoutMs,
      clock,
    }),
    ...(options.createAnswer === 'stored'
      ? {}
      : { answerOnAppend: { answered, maxVariablesBytes: Math.floor(maxVariablesBytes / 4) } }),
    definitions: known,
    businessIds: stores.businessIds,
    suspension,
    keys,
    commands,
    clock,
    requestTimeoutMs,
  });
  return { instances, answered };
}

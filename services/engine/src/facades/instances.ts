// Process instances: create (the one place a start is looked up and checked before its command is
// sent), read, search, cancel (a call activity's child only with its root), modify, variables and
// incidents.
import { BatonError, type EngineCommand, type Variables } from '@baton/contracts';
import { createArmsEventSubProcesses } from '@baton/engine-core';
import type { BusinessIdStore, InstanceDocument, InstanceStore, StoredDefinition } from '@baton/store';
import type {
  CreateInstanceRequest,
  CreateInstanceResult,
  InstanceQuery,
  SearchResult,
  StoredInstance,
} from '../engine-service';
import { childInstanceNotCancelable, processInstanceNotFound } from '../errors';
import type { InstanceModification } from '../instance-modification';
import type { MigrationDryRunResponse } from '@baton/contracts';
import {
  dryRunMigration,
  migrateInstance,
  type InstanceMigration,
  type InstanceMigrationDeps,
} from './instance-migration';
import type { CommandSender } from '../runtime/command-sender';
import type { DefinitionLookups } from '../runtime/known-definitions';
import { inheritedVariables } from '../runtime/inherited-variables';
import type { AnsweredCreates } from '../runtime/answered-creates';
import { jsonBytesBound } from '../runtime/json-bytes-bound';
import type { KeyGenerator } from '../runtime/key-generator';
import { newCommand } from '../runtime/new-command';
import { claimStartRequest } from '../runtime/start-request-claims';
import { resolveDefinition, validateStart } from '../runtime/start-validation';
import type { SuspensionRuntime } from '../runtime/suspension-operations';
import { claimBusinessId, type BusinessIdClaimDeps } from './business-ids';
import { instanceHolding } from './instance-lookup';

export interface InstancesFacadeOptions {
  readonly instances: InstanceStore;
  /**
   * Reads by a caller's key, which see a create answered before them (runtime/instance-reads.ts).
   * @default instances
   */
  readonly lookups?: Pick<InstanceStore, 'get'>;
  /** Answered from memory where it can (runtime/known-definitions.ts). */
  readonly definitions: DefinitionLookups;
  readonly businessIds: BusinessIdStore;
  readonly suspension: Pick<SuspensionRuntime, 'assertStartable'>;
  readonly keys: KeyGenerator;
  readonly commands: CommandSender;
  readonly clock: () => number;
  readonly requestTimeoutMs: number;
  /**
   * Set: a create that waits for nothing is answered once its command is in the log, where the
   * owner cannot refuse it (answered-creates.ts). Unset: once the instance is stored.
   */
  readonly answerOnAppend?: CreateAnswerOnAppend;
}

export interface CreateAnswerOnAppend {
  readonly answered: AnsweredCreates;
  /**
   * The start variables a create answered on append may carry, bytes of JSON: well below the
   * instance's variables limit, which its first steps could otherwise cross (the owner refuses that).
   */
  readonly maxVariablesBytes: number;
}

export class InstancesFacade {
  private readonly lookups: Pick<InstanceStore, 'get'>;

  constructor(private readonly options: InstancesFacadeOptions) {
    this.lookups = options.lookups ?? options.instances;
  }

  private get migrationDeps(): InstanceMigrationDeps {
    const { definitions, commands } = this.options;
    return { instances: this.lookups, definitions, commands };
  }

  private get claims(): BusinessIdClaimDeps {
    const { businessIds, instances, clock, requestTimeoutMs } = this.options;
    return { businessIds, instances, clock, requestTimeoutMs };
  }

  /** `startRequestId`: a Kafka start request, which creates one instance however often it is delivered. */
  async createInstance(
    request: CreateInstanceRequest,
    startRequestId?: string,
  ): Promise<CreateInstanceResult> {
    const { options } = this;
    const definition: StoredDefinition = await resolveDefinition(
      options.definitions,
      request,
      request.authorize,
    );
    await options.suspension.assertStartable(definition);
    const inherited = request.inheritFrom ? await inheritedVariables(this.lookups, request.inheritFrom) : {};
    const variables = { ...inherited, ...(request.variables ?? {}) };
    validateStart(definition, variables, request.startInstructions, request.startCondition);
    const processInstanceKey = options.keys.next();
    if (startRequestId !== undefined) {
      const earlier = await claimStartRequest(this.claims, startRequestId, processInstanceKey);
      if (earlier) return { ...resultOf(earlier), variables: {} };
    }
    if (request.businessId !== undefined)
      await claimBusinessId(
        this.claims,
        definition.processDefinitionId,
        request.businessId,
        processInstanceKey,
      );
    const onAppend = startRequestId === undefined && this.answersOnAppend(request, definition, variables);
    const command = newCommand({
      type: 'CREATE_INSTANCE',
      processInstanceKey,
      processDefinitionKey: definition.processDefinitionKey,
      variables,
      ...(request.startInstructions ? { startInstructions: [...request.startInstructions] } : {}),
      ...(request.startCondition !== undefined ? { startCondition: request.startCondition } : {}),
      ...(request.businessKey !== undefined ? { businessKey: request.businessKey } : {}),
      ...(request.businessId !== undefined ? { businessId: request.businessId } : {}),
      ...(onAppend ? { admitted: true as const } : {}),
    });
    const result = {
      processDefinitionKey: definition.processDefinitionKey,
      processDefinitionId: definition.processDefinitionId,
      processDefinitionVersion: definition.processDefinitionVersion,
      processInstanceKey,
      tenantId: definition.tenantId,
    };
    if (onAppend) {
      const { reply } = await options.commands.sendAnsweredOnAppend(command);
      options.answerOnAppend?.answered.track(processInstanceKey, reply);
      return { ...result, variables: {} };
    }
    return { ...result, variables: await this.sendCreate(command, request) };
  }

  /**
   * Whether the create can be answered once its command is in the log: it waits for nothing, and
   * the owner cannot refuse it — the checks above are the owner's own, an admitted create is not
   * refused for a suspension, and what is left is arming event subprocess starts (expressions on
   * the variables) and variables near the limit.
   */
  private answersOnAppend(
    request: CreateInstanceRequest,
    definition: StoredDefinition,
    variables: Variables,
  ): boolean {
    const { answerOnAppend } = this.options;
    return (
      answerOnAppend !== undefined &&
      !request.awaitCompletion &&
      !request.awaitWaitState &&
      !createArmsEventSubProcesses(definition.model, definition.processDefinitionId) &&
      jsonBytesBound(variables, answerOnAppend.maxVariablesBytes) <= answerOnAppend.maxVariablesBytes
    );
  }

  /** Sends the creation and answers the variables the request waits for ({} unless it waits). */
  private async sendCreate(command: EngineCommand, request: CreateInstanceRequest): Promise<Variables> {
    const { commands } = this.options;
    const fetch = request.fetchVariables ? { fetchVariables: [...request.fetchVariables] } : {};
    if (request.awaitWaitState && !request.awaitCompletion) {
      const body = await commands.sendAndAwait(command, request.requestTimeoutMs, {
        awaitWaitState: true,
        ...fetch,
      });
      return body.variables ?? {};
    }
    if (!request.awaitCompletion) {
      // Answered once the instance is stored, as Zeebe answers once the command is processed: a
      // client may act on the key it gets back (set variables, cancel) at once.
      await commands.sendAndAwait(command, request.requestTimeoutMs);
      return {};
    }
    const body = await commands.sendAndAwait(command, request.requestTimeoutMs, {
      awaitCompletion: true,
      ...fetch,
    });
    return body.variables ?? {};
  }

  async getInstance(processInstanceKey: string): Promise<StoredInstance | undefined> {
    const document = await this.lookups.get(processInstanceKey);
    return document ? toStoredInstance(document) : undefined;
  }

  async searchInstances(query: InstanceQuery): Promise<SearchResult<StoredInstance>> {
    const page = await this.options.instances.search(query);
    return { items: page.items.map(toStoredInstance), totalItems: page.totalItems };
  }

  async cancelInstance(processInstanceKey: string, actor?: string): Promise<void> {
    const instance = await this.lookups.get(processInstanceKey);
    if (!instance) throw processInstanceNotFound(processInstanceKey);
    // As in Zeebe: a call activity's child ends with its parent, never alone (the parent would wait forever).
    if (instance.state === 'ACTIVE' && instance.parentProcessInstanceKey !== undefined)
      throw childInstanceNotCancelable(processInstanceKey, instance.parentProcessInstanceKey);
    await this.options.commands.sendAndAwait(
      newCommand({ type: 'CANCEL_INSTANCE', processInstanceKey, ...(actor !== undefined && { actor }) }),
    );
  }

  /**
   * Sends MODIFY_INSTANCE; the owner checks every instruction on the state it holds. An instance that
   * is unknown or has ended is not found, as Zeebe answers (it keeps no state for an ended instance).
   */
  async modifyInstance(
    processInstanceKey: string,
    modification: InstanceModification,
    actor?: string,
  ): Promise<void> {
    const instance = await this.lookups.get(processInstanceKey);
    if (!instance || instance.state !== 'ACTIVE') throw processInstanceNotFound(processInstanceKey);
    await this.options.commands.sendAndAwait(
      newCommand({
        type: 'MODIFY_INSTANCE',
        processInstanceKey,
        activateInstructions: [...modification.activateInstructions],
        terminateInstructions: [...modification.terminateInstructions],
        ...(actor !== undefined && { actor }),
      }),
    );
  }

  /** MIGRATE_INSTANCE (facades/instance-migration.ts). */
  migrateInstance(processInstanceKey: string, migration: InstanceMigration, actor?: string): Promise<void> {
    return migrateInstance(this.migrationDeps, processInstanceKey, migration, actor);
  }

  /** Baton's dry run of a migration: the plan or the refusal, nothing sent. */
  dryRunMigration(
    processInstanceKey: string,
    migration: InstanceMigration,
  ): Promise<MigrationDryRunResponse> {
    return dryRunMigration(this.migrationDeps, processInstanceKey, migration);
  }

  async resolveIncident(incidentKey: string, actor?: string): Promise<void> {
    const processInstanceKey = await instanceHolding(
      this.options.instances,
      { incidentKey },
      `Incident with key '${incidentKey}'`,
    );
    await this.options.commands.sendAndAwait(
      newCommand({
        type: 'RESOLVE_INCIDENT',
        processInstanceKey,
        incidentKey,
        ...(actor !== undefined && { actor }),
      }),
    );
  }

  async setVariables(
    elementInstanceKey: string,
    variables: Variables,
    local: boolean,
    actor?: string,
  ): Promise<void> {
    const processInstanceKey = await this.holderOfElementInstance(elementInstanceKey);
    await this.options.commands.sendAndAwait(
      newCommand({
        type: 'SET_VARIABLES',
        processInstanceKey,
        elementInstanceKey,
        variables,
        ...(local ? { local } : {}),
        ...(actor !== undefined && { actor }),
      }),
    );
  }

  /**
   * The instance holding an element instance. The key of an instance names its process scope, and
   * may be a create answered before that is not stored yet: on a miss, looked for once it can be.
   */
  private async holderOfElementInstance(elementInstanceKey: string): Promise<string> {
    const hold = () =>
      instanceHolding(
        this.options.instances,
        { elementInstanceKey },
        `Element instance with key '${elementInstanceKey}'`,
      );
    try {
      return await hold();
    } catch (error) {
      if (!(error instanceof BatonError && error.code === 'NOT_FOUND')) throw error;
      if (!(await this.lookups.get(elementInstanceKey))) throw error;
      return hold();
    }
  }
}

/** The keys of a stored instance, as a create request answers them. */
function resultOf(instance: InstanceDocument): Omit<CreateInstanceResult, 'variables'> {
  return {
    processDefinitionKey: instance.processDefinitionKey,
    processDefinitionId: instance.processDefinitionId,
    processDefinitionVersion: instance.processDefinitionVersion,
    processInstanceKey: instance.processInstanceKey,
    tenantId: instance.tenantId,
  };
}

function toStoredInstance(document: InstanceDocument): StoredInstance {
  const { outbox: _outbox, appliedCommandIds: _ids, lastReplies: _replies, ...instance } = document;
  return instance;
}

// Deployments and definitions. A deployment is more than storing its versions: message start
// events follow the latest versions, a new version replaces the start timers of the earlier ones
// and gets its job definitions, and its fixed job types get their topics and (for Kafka workers)
// their publishing loops. A re-deployment of the same file changes none of that.
import type { MessageBus } from '@baton/messaging';
import type { DefinitionStore, StoredDefinition, SuspensionStore } from '@baton/store';
import { jobTopicDefinition, topicCatalogue, topicName } from '@baton/topics';
import type { DeployResult, ProcessDefinitionRecord } from '../engine-service';
import type { Deployer } from '../runtime/deployer';
import { jobDefinitionsOf } from '../runtime/job-definitions';
import type { JobPusher } from '../runtime/job-pusher';
import type { MessageStarts } from '../runtime/message-starts';
import { staticJobTypes } from '../runtime/static-job-types';
import type { TimerScheduler } from '../runtime/timer-scheduler';

export interface DeploymentsFacadeOptions {
  readonly bus: MessageBus;
  readonly topicPrefix: string;
  readonly definitions: DefinitionStore;
  readonly suspensions: SuspensionStore;
  readonly deployer: Deployer;
  readonly messageStarts: MessageStarts;
  readonly timers: TimerScheduler;
  readonly pusher: JobPusher;
  readonly nextKey: () => string;
  readonly tenantId: string;
  /** Told of the versions just deployed: the replica's memory and the other replicas. */
  readonly deployed: (definitions: readonly StoredDefinition[]) => Promise<void>;
  /** Job types handed to Kafka workers; `'*'` for every fixed type deployed. */
  readonly kafkaJobTypes: readonly string[] | '*';
}

export class DeploymentsFacade {
  constructor(private readonly options: DeploymentsFacadeOptions) {}

  /** At start: creates the catalogue's topics and those of the job types deployed so far; answers the types. */
  async ensureStartupTopics(): Promise<Set<string>> {
    const deployed = await this.options.definitions.list();
    const jobTypes = new Set(deployed.flatMap((definition) => staticJobTypes(definition.model)));
    await this.ensureTopics([...Object.values(topicCatalogue), ...[...jobTypes].map(jobTopicDefinition)]);
    return jobTypes;
  }

  async deploy(
    resources: readonly { readonly name: string; readonly content: string }[],
  ): Promise<DeployResult> {
    const { deploymentKey, definitions, decisions, forms, warnings } =
      await this.options.deployer.deploy(resources);
    await this.options.deployed(
      definitions.filter((definition) => definition.deploymentKey === deploymentKey),
    );
    // Message start events follow the latest versions: the next message sees this deployment.
    this.options.messageStarts.invalidate();
    // A new version replaces the start timers of the earlier ones; a re-deployment of the same file changes nothing.
    for (const definition of definitions)
      if (definition.deploymentKey === deploymentKey) {
        await this.options.timers.deployed(definition);
        await this.options.suspensions.insertJobDefinitions(
          jobDefinitionsOf(definition, this.options.nextKey),
        );
      }
    const jobTypes = new Set(definitions.flatMap((definition) => staticJobTypes(definition.model)));
    await this.ensureTopics([...jobTypes].map(jobTopicDefinition));
    this.startPushing(jobTypes);
    return {
      deploymentKey,
      tenantId: this.options.tenantId,
      processes: definitions.map((d) => ({
        processDefinitionKey: d.processDefinitionKey,
        processDefinitionId: d.processDefinitionId,
        processDefinitionVersion: d.processDefinitionVersion,
        resourceName: d.resourceName,
        tenantId: d.tenantId,
      })),
      decisionRequirements: decisions.requirements,
      decisions: decisions.decisions,
      forms,
      warnings: warnings.map(({ resourceName, code, message, elementId }) => ({
        resourceName,
        code,
        message,
        ...(elementId === undefined ? {} : { elementId }),
      })),
    };
  }

  async getDefinition(processDefinitionKey: string): Promise<ProcessDefinitionRecord | undefined> {
    return this.options.definitions.getByKey(processDefinitionKey);
  }

  async listDefinitions(): Promise<readonly ProcessDefinitionRecord[]> {
    return this.options.definitions.list();
  }

  private async ensureTopics(definitions: readonly { name: string; partitions: number }[]): Promise<void> {
    const { bus } = this.options;
    if (!bus.ensureTopics) return;
    await bus.ensureTopics(
      definitions.map(({ name, partitions }) => ({
        name: topicName(name, this.options.topicPrefix),
        partitions,
      })),
    );
  }

  /** Starts the Kafka publishing loops: the configured types, or with `'*'` every fixed type deployed. */
  startPushing(deployedTypes: Iterable<string>): void {
    const { kafkaJobTypes } = this.options;
    const types = kafkaJobTypes === '*' ? deployedTypes : kafkaJobTypes;
    for (const type of types) this.options.pusher.push(type);
  }
}

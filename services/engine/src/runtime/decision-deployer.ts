// Deployment of DMN resources beside BPMN (Camunda 8 semantics): each file is a decision
// requirements graph versioned by its id, each decision versioned by its own id; the same file
// again gives no new version. Problems are collected, not thrown, so the deployer can refuse the
// whole deployment with every problem of every resource.
import { createHash } from 'node:crypto';
import { BatonError } from '@baton/contracts';
import { readDmn, type DecisionRequirementsModel } from '@baton/bpmn/dmn';
import type { DecisionStore, StoredDecision, StoredDecisionRequirements } from '@baton/store';

export interface DmnResource {
  readonly name: string;
  readonly content: string;
}

/** A DMN problem and the resource it was found in (the deployer's DeploymentProblem shape). */
export interface DmnDeploymentProblem {
  readonly code: string;
  readonly elementId?: string;
  readonly message: string;
  readonly resourceName: string;
}

export interface ReadDecisionResource {
  readonly resource: DmnResource;
  readonly drg: DecisionRequirementsModel;
}

/** What a deployment stored (or found already stored) for its DMN resources. */
export interface DeployedDecisions {
  readonly requirements: readonly StoredDecisionRequirements[];
  readonly decisions: readonly StoredDecision[];
}

export interface DecisionDeployerOptions {
  readonly decisions: DecisionStore;
  readonly nextKey: () => string;
  readonly tenantId: string;
  /** @default Date.now */
  readonly clock?: () => number;
}

/** `.dmn` by name, as Camunda tells resources apart. */
export function isDmnResource(resource: { readonly name: string }): boolean {
  return resource.name.toLowerCase().endsWith('.dmn');
}

export class DecisionDeployer {
  constructor(private readonly options: DecisionDeployerOptions) {}

  /** Reads every DMN resource; problems include a decision id defined by two resources. */
  async read(
    resources: readonly DmnResource[],
  ): Promise<{ read: ReadDecisionResource[]; problems: DmnDeploymentProblem[] }> {
    const read: ReadDecisionResource[] = [];
    const problems: DmnDeploymentProblem[] = [];
    for (const resource of resources) {
      const result = await readDmn(resource.content, resource.name);
      if (result.ok) read.push({ resource, drg: result.drg });
      else problems.push(...result.problems.map((problem) => ({ ...problem, resourceName: resource.name })));
    }
    const owner = new Map<string, string>();
    for (const { resource, drg } of read)
      for (const decision of drg.decisions) {
        const other = owner.get(decision.decisionId);
        if (other !== undefined)
          problems.push({
            code: 'DUPLICATE_DECISION',
            elementId: decision.decisionId,
            message: `decision '${decision.decisionId}' is also defined in ${other}`,
            resourceName: resource.name,
          });
        owner.set(decision.decisionId, resource.name);
      }
    return { read, problems };
  }

  async store(deploymentKey: string, read: readonly ReadDecisionResource[]): Promise<DeployedDecisions> {
    const requirements: StoredDecisionRequirements[] = [];
    const decisions: StoredDecision[] = [];
    for (const item of read) {
      const stored = await this.storeOne(deploymentKey, item);
      requirements.push(stored.requirements);
      decisions.push(...stored.decisions);
    }
    return { requirements, decisions };
  }

  private async storeOne(
    deploymentKey: string,
    { resource, drg }: ReadDecisionResource,
  ): Promise<{ requirements: StoredDecisionRequirements; decisions: readonly StoredDecision[] }> {
    const store = this.options.decisions;
    const checksum = createHash('sha256').update(resource.content).digest('hex');
    // Another replica may deploy the same graph at the same time: retry on a lost version race.
    for (let attempt = 0; attempt < 10; attempt++) {
      const latest = await store.getLatestRequirements(drg.decisionRequirementsId);
      if (latest?.checksum === checksum)
        return { requirements: latest, decisions: await store.decisionsOf(latest.decisionRequirementsKey) };
      const requirements: StoredDecisionRequirements = {
        decisionRequirementsKey: this.options.nextKey(),
        decisionRequirementsId: drg.decisionRequirementsId,
        decisionRequirementsName: drg.name,
        // After the highest version ever stored: a deleted version's number is never reused (Zeebe).
        version: (await store.highestRequirementsVersion(drg.decisionRequirementsId)) + 1,
        resourceName: resource.name,
        tenantId: this.options.tenantId,
        deploymentKey,
        dmnXml: resource.content,
        checksum,
        model: drg,
        deployedAt: new Date((this.options.clock ?? Date.now)()).toISOString(),
      };
      if (!(await store.insertRequirements(requirements))) continue;
      const decisions: StoredDecision[] = [];
      for (const decision of drg.decisions) decisions.push(await this.storeDecision(requirements, decision));
      return { requirements, decisions };
    }
    throw new BatonError(
      'INVALID_STATE',
      `Could not store a new version of '${drg.decisionRequirementsId}': concurrent deployments.`,
    );
  }

  private async storeDecision(
    requirements: StoredDecisionRequirements,
    decision: { readonly decisionId: string; readonly name: string; readonly versionTag?: string },
  ): Promise<StoredDecision> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const highest = await this.options.decisions.highestDecisionVersion(decision.decisionId);
      const stored: StoredDecision = {
        decisionDefinitionKey: this.options.nextKey(),
        decisionDefinitionId: decision.decisionId,
        name: decision.name,
        version: highest + 1,
        decisionRequirementsKey: requirements.decisionRequirementsKey,
        decisionRequirementsId: requirements.decisionRequirementsId,
        tenantId: this.options.tenantId,
        deploymentKey: requirements.deploymentKey,
        ...(decision.versionTag === undefined ? {} : { versionTag: decision.versionTag }),
      };
      if (await this.options.decisions.insertDecision(stored)) return stored;
    }
    throw new BatonError(
      'INVALID_STATE',
      `Could not store a new version of decision '${decision.decisionId}': concurrent deployments.`,
    );
  }
}

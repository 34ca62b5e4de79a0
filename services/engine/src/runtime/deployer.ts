// Deployment (Camunda 7/8 semantics): compile every resource, refuse the whole deployment with
// every problem found, and store each process as a new version unless the same file was the
// latest version of that process already (same checksum → same key and version).
import { createHash } from 'node:crypto';
import { BatonError } from '@baton/contracts';
import { compileBpmn, type BpmnProblem, type CompileResult, type ProcessModel } from '@baton/bpmn';
import type { DefinitionStore, StoredDefinition, StoredForm } from '@baton/store';
import type { DefinitionCache } from './definition-cache';
import { isDmnResource, type DecisionDeployer, type DeployedDecisions } from './decision-deployer';
import { deploymentBoundFormProblems, isFormResource, type FormDeployer } from './form-deployer';
import { modelLimitProblems, type ModelLimits } from './model-limits';

export interface DeployResource {
  readonly name: string;
  readonly content: string;
}

export interface DeploymentOutcome {
  readonly deploymentKey: string;
  readonly definitions: readonly StoredDefinition[];
  readonly decisions: DeployedDecisions;
  readonly forms: readonly StoredForm[];
  /** What the compiler found that does not stop the processes from running, per resource. */
  readonly warnings: readonly DeploymentProblem[];
}

/** A problem of a deployment: a compiler (or DMN reader) problem and the resource it was found in. */
export interface DeploymentProblem extends BpmnProblem {
  readonly resourceName: string;
}

export interface DeployerOptions {
  readonly definitions: DefinitionStore;
  readonly cache: DefinitionCache;
  readonly nextKey: () => string;
  readonly tenantId: string;
  /** @default Date.now */
  readonly clock?: () => number;
  /** @default defaultModelLimits (model-limits.ts) */
  readonly modelLimits?: ModelLimits;
  /** Compiles one resource; the runtime's compiles off the event loop (bpmn-compile-pool.ts). @default compileBpmn, in-thread */
  readonly compile?: (xml: string, resourceName: string) => Promise<CompileResult>;
  /** Reads and stores the `.dmn` resources of a deployment (decision-deployer.ts). */
  readonly decisions: DecisionDeployer;
  /** Reads and stores the `.form` resources of a deployment (form-deployer.ts). */
  readonly forms: FormDeployer;
}

/** Deploys BPMN, DMN and form resources. */
export class Deployer {
  constructor(private readonly options: DeployerOptions) {}

  async deploy(resources: readonly DeployResource[]): Promise<DeploymentOutcome> {
    if (resources.length === 0)
      throw new BatonError('INVALID_ARGUMENT', 'A deployment needs at least one resource.');
    const compiled: { resource: DeployResource; model: ProcessModel }[] = [];
    const problems: DeploymentProblem[] = [];
    const warnings: DeploymentProblem[] = [];
    const decisions = await this.options.decisions.read(resources.filter(isDmnResource));
    problems.push(...decisions.problems);
    const forms = this.options.forms.read(resources.filter(isFormResource));
    problems.push(...forms.problems);
    const bpmnResources = resources.filter((r) => !isDmnResource(r) && !isFormResource(r));
    for (const resource of bpmnResources) {
      const result = this.options.compile
        ? await this.options.compile(resource.content, resource.name)
        : await compileBpmn(resource.content, { resourceName: resource.name });
      warnings.push(...result.warnings.map((warning) => ({ ...warning, resourceName: resource.name })));
      const found = result.ok
        ? result.processes.flatMap((model) => modelLimitProblems(model, this.options.modelLimits))
        : result.problems;
      if (found.length === 0 && result.ok)
        compiled.push(...result.processes.map((model) => ({ resource, model })));
      else problems.push(...found.map((problem) => ({ ...problem, resourceName: resource.name })));
    }
    problems.push(...deploymentBoundFormProblems(compiled, forms.read));
    if (problems.length > 0) {
      const lines = problems.map(
        (p) => `${p.resourceName}${p.elementId ? ` (${p.elementId})` : ''}: ${p.message}`,
      );
      throw new BatonError(
        'INVALID_ARGUMENT',
        `Deployment refused, ${problems.length} problem(s):\n${lines.join('\n')}`,
        { problems },
      );
    }
    const ids = compiled.map(({ model }) => model.processDefinitionId);
    const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
    if (duplicate)
      throw new BatonError(
        'INVALID_ARGUMENT',
        `Process '${duplicate}' is defined in more than one resource of the deployment.`,
      );

    const deploymentKey = this.options.nextKey();
    const definitions: StoredDefinition[] = [];
    for (const { resource, model } of compiled)
      definitions.push(await this.store(deploymentKey, resource, model));
    return {
      deploymentKey,
      definitions,
      decisions: await this.options.decisions.store(deploymentKey, decisions.read),
      forms: await this.options.forms.store(deploymentKey, forms.read),
      warnings,
    };
  }

  private async store(
    deploymentKey: string,
    resource: DeployResource,
    model: ProcessModel,
  ): Promise<StoredDefinition> {
    const checksum = createHash('sha256').update(resource.content).digest('hex');
    // Another replica may deploy the same process at the same time: retry on a lost version race.
    for (let attempt = 0; attempt < 10; attempt++) {
      const latest = await this.options.definitions.getLatest(model.processDefinitionId);
      if (latest?.checksum === checksum) return latest;
      // After the highest version ever stored: a deleted version's number is never reused (Zeebe).
      const highest = await this.options.definitions.highestVersion(model.processDefinitionId);
      const definition: StoredDefinition = {
        processDefinitionKey: this.options.nextKey(),
        processDefinitionId: model.processDefinitionId,
        processDefinitionVersion: highest + 1,
        resourceName: resource.name,
        tenantId: this.options.tenantId,
        deploymentKey,
        ...(model.name !== undefined ? { name: model.name } : {}),
        bpmnXml: resource.content,
        checksum,
        model,
        deployedAt: new Date((this.options.clock ?? Date.now)()).toISOString(),
      };
      if (await this.options.definitions.insert(definition)) {
        this.options.cache.remember(definition);
        return definition;
      }
    }
    throw new BatonError(
      'INVALID_STATE',
      `Could not store a new version of '${model.processDefinitionId}': concurrent deployments.`,
    );
  }
}

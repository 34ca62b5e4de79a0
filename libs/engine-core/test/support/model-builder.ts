// Test-only: builds small ProcessModel objects in code, for rules that are awkward to draw as
// BPMN XML (unusual gateways, failing expressions). Main scenarios use compiled XML fixtures.
import type { FlowNode, JobDefinitionModel, ProcessModel, SequenceFlowModel } from '@baton/bpmn';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A node without the wiring fields, which the builder fills from the flows. */
export type NodeSpec = DistributiveOmit<
  FlowNode,
  'incoming' | 'outgoing' | 'scopeId' | 'inputMappings' | 'outputMappings'
> &
  Partial<Pick<FlowNode, 'scopeId' | 'inputMappings' | 'outputMappings'>>;

/** A flow `[sourceId, targetId, condition?]`; its id is `sourceId->targetId`. */
export type FlowSpec = readonly [string, string, string?];

export function jobDefinition(type: string, retries = '3'): JobDefinitionModel {
  return { type: { kind: 'static', value: type }, retries: { kind: 'static', value: retries }, headers: {} };
}

export function flowId(source: string, target: string): string {
  return `${source}->${target}`;
}

export function buildModel(
  processId: string,
  nodes: readonly NodeSpec[],
  flowSpecs: readonly FlowSpec[],
): ProcessModel {
  const flows: Record<string, SequenceFlowModel> = {};
  for (const [sourceId, targetId, condition] of flowSpecs) {
    const id = flowId(sourceId, targetId);
    flows[id] = { id, sourceId, targetId, ...(condition !== undefined ? { condition } : {}) };
  }
  const elements: Record<string, FlowNode> = {};
  for (const spec of nodes) {
    const incoming = Object.values(flows)
      .filter((flow) => flow.targetId === spec.id)
      .map((flow) => flow.id);
    const outgoing = Object.values(flows)
      .filter((flow) => flow.sourceId === spec.id)
      .map((flow) => flow.id);
    elements[spec.id] = {
      scopeId: processId,
      inputMappings: [],
      outputMappings: [],
      ...spec,
      incoming,
      outgoing,
    };
  }
  const startEventIds = Object.values(elements)
    .filter((node) => node.kind === 'startEvent' && node.scopeId === processId)
    .map((node) => node.id);
  return {
    processDefinitionId: processId,
    startEventIds,
    elements,
    flows,
    candidateStarterGroups: [],
    mandatoryVariables: [],
    startableInTasklist: true,
  };
}

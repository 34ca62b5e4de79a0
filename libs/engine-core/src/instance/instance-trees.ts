// The two trees of an instance, read from its state: Camunda 7's activity-instance tree (element
// instances nested by their flow scope: parallel branches side by side, subprocess instances and
// multi-instance bodies holding their inner instances) and the FLOWX token tree.
import type { FlowNode, ProcessModel } from '@baton/bpmn';
import type { ActivityInstanceNode, ExecutionNode, ExecutionTree } from '@baton/contracts';
import { activityTypeOf } from '../elements/registry';
import { MULTI_INSTANCE_BODY } from '../multi-instance/multi-instance-body';
import type { ElementInstance, InstanceState } from './state';

/** The activity-instance tree rooted at the process instance (only ACTIVE element instances). */
export function activityInstanceTree(state: InstanceState, model: ProcessModel): ActivityInstanceNode {
  const childrenOf = new Map<string, ElementInstance[]>();
  for (const instance of Object.values(state.elementInstances)) {
    if (instance.state !== 'ACTIVE' || instance.flowScopeKey === undefined) continue;
    const siblings = childrenOf.get(instance.flowScopeKey) ?? [];
    siblings.push(instance);
    childrenOf.set(instance.flowScopeKey, siblings);
  }
  const incidentsOf = new Map<string, string[]>();
  for (const incident of Object.values(state.incidents)) {
    if (incident.state !== 'ACTIVE') continue;
    incidentsOf.set(incident.elementInstanceKey, [
      ...(incidentsOf.get(incident.elementInstanceKey) ?? []),
      incident.incidentKey,
    ]);
  }
  const tokensIn = new Map<string, string[]>();
  for (const token of Object.values(state.tokens)) {
    if (token.elementInstanceKey === undefined) continue;
    tokensIn.set(token.elementInstanceKey, [
      ...(tokensIn.get(token.elementInstanceKey) ?? []),
      token.tokenKey,
    ]);
  }
  const build = (instance: ElementInstance, parentId: string | null): ActivityInstanceNode => {
    const root = parentId === null;
    const node = root ? undefined : model.elements[instance.elementId];
    const body = instance.elementType === MULTI_INSTANCE_BODY;
    const children = (childrenOf.get(instance.key) ?? [])
      .slice()
      .sort((a, b) => compareKeys(a.key, b.key))
      .map((child) => build(child, instance.key));
    return {
      id: instance.key,
      parentActivityInstanceId: parentId,
      activityId: body ? `${instance.elementId}#multiInstanceBody` : instance.elementId,
      activityType: root
        ? 'processDefinition'
        : body
          ? MULTI_INSTANCE_BODY
          : activityTypeOfInstance(node, instance),
      activityName: (root ? model.name : node?.name) ?? null,
      processInstanceId: state.processInstanceKey,
      processDefinitionId: state.processDefinitionKey,
      executionIds: root
        ? Object.values(state.tokens)
            // Tokens of the process scope outside any element: waiting at a join, or split parents.
            .filter(
              (token) =>
                token.scopeKey === instance.key &&
                token.elementInstanceKey === undefined &&
                (token.state === 'INACTIVE' || token.state === 'ON_HOLD'),
            )
            .map((token) => token.tokenKey)
        : (tokensIn.get(instance.key) ?? []),
      incidentIds: incidentsOf.get(instance.key) ?? [],
      childActivityInstances: children,
      childTransitionInstances: [],
    };
  };
  const rootInstance: ElementInstance = state.elementInstances[state.processInstanceKey] ?? {
    key: state.processInstanceKey,
    elementId: state.processDefinitionId,
    elementType: 'process',
    state: state.state,
    startDate: state.startDate,
  };
  return build(rootInstance, null);
}

/** Keys are decimal strings of growing numbers: creation order. */
function compareKeys(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** Camunda 7's activity type names (ActivityTypes), from the BPMN element. */
function activityTypeOfInstance(node: FlowNode | undefined, instance: ElementInstance): string {
  return node ? activityTypeOf(node) : instance.elementType;
}

/** The FLOWX tokens as a tree: the parentless ones at the top, each with its children (all states). */
export function executionTree(state: InstanceState): ExecutionTree {
  const tokens = Object.values(state.tokens).sort((a, b) => compareKeys(a.tokenKey, b.tokenKey));
  const nodes = new Map<string, ExecutionNode>();
  for (const token of tokens) {
    nodes.set(token.tokenKey, {
      id: token.tokenKey,
      parentId: token.parentTokenKey ?? null,
      activityId: token.elementId,
      state: token.state,
      scopeActivityInstanceId: token.scopeKey,
      activityInstanceId: token.elementInstanceKey ?? null,
      childExecutions: [],
    });
  }
  const roots: ExecutionNode[] = [];
  for (const token of tokens) {
    const node = nodes.get(token.tokenKey) as ExecutionNode;
    const parent = token.parentTokenKey === undefined ? undefined : nodes.get(token.parentTokenKey);
    if (parent) parent.childExecutions.push(node);
    else roots.push(node);
  }
  return { processInstanceKey: state.processInstanceKey, state: state.state, executions: roots };
}

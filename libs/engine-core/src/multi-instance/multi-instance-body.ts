// How a multi-instance body shows in the element-instance tree: an element instance of the
// multi-instance element with elementType `multiInstanceBody`; its inner instances are element
// instances of the same element whose flowScopeKey is the body's key (multi-instance.ts runs them).
import type { FlowNode } from '@baton/bpmn';
import type { ElementInstance } from '../instance/state';

export const MULTI_INSTANCE_BODY = 'multiInstanceBody';

/** The elementType of a new element instance of `node`: its body's when it is multi-instance. */
export function elementTypeOf(node: FlowNode): string {
  return node.multiInstance ? MULTI_INSTANCE_BODY : node.kind;
}

export function isMultiInstanceBody(instance: ElementInstance): boolean {
  return instance.elementType === MULTI_INSTANCE_BODY;
}

/** The body an inner instance runs in, or undefined when `instance` is no inner instance. */
export function bodyOfInner(
  reader: { elementInstance(key: string): ElementInstance | undefined },
  instance: ElementInstance,
): ElementInstance | undefined {
  if (isMultiInstanceBody(instance) || instance.flowScopeKey === undefined) return undefined;
  const scope = reader.elementInstance(instance.flowScopeKey);
  return scope && isMultiInstanceBody(scope) && scope.elementId === instance.elementId ? scope : undefined;
}

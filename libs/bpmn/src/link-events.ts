// Link events: an intermediate throw link event jumps to the intermediate catch link event with
// the same name in the same scope (a "go to" that spares long flows across a diagram). The
// compiler resolves each throw to its catch, so the engine only follows `link.targetId`.
import type { ModdleElement } from 'bpmn-moddle';
import type { FlowNode } from './model';
import { elementList, stringProperty } from './moddle-access';
import { ProblemCode, type ProblemCollector } from './problems';

/** The name of an event's link event definition, when it has one ('' when the name is missing). */
export function linkName(element: ModdleElement): string | undefined {
  const definition = elementList(element, 'eventDefinitions').find(
    (candidate) => candidate.$type === 'bpmn:LinkEventDefinition',
  );
  if (!definition) return undefined;
  return stringProperty(definition, 'name') ?? '';
}

/**
 * Points every throw link event at its catch link event: exactly one catch with the same name in
 * the same scope; catch names must be unique per scope. Problems are reported, never thrown.
 */
export function resolveLinks(
  elements: Readonly<Record<string, FlowNode>>,
  problems: ProblemCollector,
): Record<string, FlowNode> {
  const catches = new Map<string, string>();
  for (const node of Object.values(elements)) {
    if (node.kind !== 'intermediateCatchEvent' || !('link' in node)) continue;
    const key = `${node.scopeId}\u0000${node.link}`;
    if (node.link === '')
      problems.problem(ProblemCode.INVALID_LINK, `link catch event '${node.id}' has no link name`, node.id);
    else if (catches.has(key))
      problems.problem(
        ProblemCode.INVALID_LINK,
        `link catch events '${catches.get(key) ?? ''}' and '${node.id}' share the link name '${node.link}' in one scope`,
        node.id,
      );
    else catches.set(key, node.id);
  }
  const resolved: Record<string, FlowNode> = { ...elements };
  for (const node of Object.values(elements)) {
    if (node.kind !== 'intermediateThrowEvent' || !('link' in node)) continue;
    const targetId = catches.get(`${node.scopeId}\u0000${node.link.name}`);
    if (targetId === undefined) {
      problems.problem(
        ProblemCode.INVALID_LINK,
        `link throw event '${node.id}' has no link catch event named '${node.link.name}' in its scope`,
        node.id,
      );
      continue;
    }
    resolved[node.id] = { ...node, link: { name: node.link.name, targetId } };
  }
  return resolved;
}

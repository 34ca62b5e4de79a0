// What a caller may see and start: a definition is visible to whoever may start it (operators,
// holders of one of its starter roles, or anyone when it names none), and so are its instances.
import { BatonError } from '@baton/contracts';
import { isOperator, mayStart, type Principal } from '@baton/platform';
import type { EngineService, ProcessDefinitionRecord } from '../engine-service';

/** Undefined when the caller sees every definition; else the keys of those it sees. */
export async function visibleDefinitionKeys(
  engine: Pick<EngineService, 'listDefinitions'>,
  principal: Principal,
): Promise<readonly string[] | undefined> {
  if (isOperator(principal)) return undefined;
  const definitions = await engine.listDefinitions();
  const visible = definitions.filter((definition) => mayStartDefinition(principal, definition));
  return visible.length === definitions.length ? undefined : visible.map((d) => d.processDefinitionKey);
}

export function mayStartDefinition(principal: Principal, definition: ProcessDefinitionRecord): boolean {
  return mayStart(principal, definition.model.candidateStarterGroups);
}

/** FORBIDDEN unless the caller may read the definition (and its instances). */
export function assertMayRead(principal: Principal, definition: ProcessDefinitionRecord | undefined): void {
  if (definition === undefined || mayStartDefinition(principal, definition)) return;
  throw new BatonError(
    'FORBIDDEN',
    `Process "${definition.processDefinitionId}" is visible only to the roles ${starterRolesText(definition)} and baton-operator; the token of "${principal.subject}" has ${rolesText(principal)}.`,
  );
}

/**
 * FORBIDDEN unless the caller may start the definition a create request names, as the engine
 * looked it up (the request's one lookup). A definition that does not exist passes: the engine
 * answers NOT_FOUND.
 */
export function assertMayStart(principal: Principal, definition: ProcessDefinitionRecord | undefined): void {
  if (isOperator(principal)) return;
  if (definition === undefined || mayStartDefinition(principal, definition)) return;
  throw new BatonError(
    'FORBIDDEN',
    `Starting process "${definition.processDefinitionId}" needs one of the starter roles ${starterRolesText(definition)} (or baton-operator); the token of "${principal.subject}" has ${rolesText(principal)}.`,
  );
}

function starterRolesText(definition: ProcessDefinitionRecord): string {
  return definition.model.candidateStarterGroups.join(', ');
}

function rolesText(principal: Principal): string {
  return principal.roles.length > 0 ? principal.roles.join(', ') : 'no roles';
}

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
 * FORBIDDEN unless the caller may start the definition a create request names. A definition that
 * does not exist passes: the engine answers NOT_FOUND.
 */
export async function assertMayStart(
  engine: Pick<EngineService, 'getDefinition' | 'listDefinitions'>,
  principal: Principal,
  request: {
    readonly processDefinitionKey?: string;
    readonly processDefinitionId?: string;
    readonly processDefinitionVersion?: number;
  },
): Promise<void> {
  if (isOperator(principal)) return;
  const definition = await definitionOfRequest(engine, request);
  if (definition === undefined || mayStartDefinition(principal, definition)) return;
  throw new BatonError(
    'FORBIDDEN',
    `Starting process "${definition.processDefinitionId}" needs one of the starter roles ${starterRolesText(definition)} (or baton-operator); the token of "${principal.subject}" has ${rolesText(principal)}.`,
  );
}

async function definitionOfRequest(
  engine: Pick<EngineService, 'getDefinition' | 'listDefinitions'>,
  request: Parameters<typeof assertMayStart>[2],
): Promise<ProcessDefinitionRecord | undefined> {
  if (request.processDefinitionKey !== undefined) return engine.getDefinition(request.processDefinitionKey);
  if (request.processDefinitionId === undefined) return undefined;
  const versions = (await engine.listDefinitions()).filter(
    (definition) => definition.processDefinitionId === request.processDefinitionId,
  );
  const wanted = request.processDefinitionVersion;
  if (wanted === undefined || wanted === -1) {
    return versions.reduce<ProcessDefinitionRecord | undefined>(
      (latest, definition) =>
        latest === undefined || definition.processDefinitionVersion > latest.processDefinitionVersion
          ? definition
          : latest,
      undefined,
    );
  }
  return versions.find((definition) => definition.processDefinitionVersion === wanted);
}

function starterRolesText(definition: ProcessDefinitionRecord): string {
  return definition.model.candidateStarterGroups.join(', ');
}

function rolesText(principal: Principal): string {
  return principal.roles.length > 0 ? principal.roles.join(', ') : 'no roles';
}

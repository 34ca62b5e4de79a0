// Who may start a process (DESIGN §6): Camunda 7's `camunda:candidateStarterGroups` attribute,
// Baton's `baton:candidateStarterGroups` attribute, and the extension property
// `<zeebe:property name="baton:starterRoles" value="sales,ops" />` on the process (also read from
// `camunda:property`), merged without duplicates. None named: any authenticated caller may start it.
import type { ModdleElement } from 'bpmn-moddle';
import type { DialectReader } from './dialect';
import { splitList } from './moddle-access';
import { extensionProperties } from './start-properties';

/** The extension property naming the starter roles of a process. */
export const STARTER_ROLES_PROPERTY = 'baton:starterRoles';

export function processStarterRoles(process: ModdleElement, dialect: DialectReader): readonly string[] {
  const fromProperty = splitList(extensionProperties(process).get(STARTER_ROLES_PROPERTY));
  return [...new Set([...dialect.candidateStarterGroups(process), ...fromProperty])];
}

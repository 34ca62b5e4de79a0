// FLOWX start features declared on a none start event as extension properties
// (`<zeebe:property name="baton:mandatory" value="a,b" />`, `baton:startCondition`, also read
// from `camunda:property` in Camunda 7 files): the variables a start must provide, and the FEEL
// condition that picks this start event among several.
import type { ModdleElement } from 'bpmn-moddle';
import { checkedFeel } from './expressions';
import { elementList, extensionValues, splitList } from './moddle-access';
import type { ProblemCollector } from './problems';

export interface StartProperties {
  readonly mandatoryVariables?: readonly string[];
  /** FEEL without the leading `=`. */
  readonly startCondition?: string;
}

/** `name → value` of the element's `zeebe:properties` / `camunda:properties`. */
export function extensionProperties(element: ModdleElement): ReadonlyMap<string, string> {
  const properties = new Map<string, string>();
  for (const extension of extensionValues(element)) {
    if (extension.$type !== 'zeebe:Properties' && extension.$type !== 'camunda:Properties') continue;
    for (const property of [...elementList(extension, 'properties'), ...elementList(extension, 'values')]) {
      const name: unknown = property['name'];
      const value: unknown = property['value'];
      if (typeof name === 'string' && typeof value === 'string') properties.set(name, value);
    }
  }
  return properties;
}

/** The start event's `baton:mandatory` and `baton:startCondition` (written `=FEEL`, or plain FEEL). */
export function startProperties(element: ModdleElement, problems: ProblemCollector): StartProperties {
  const properties = extensionProperties(element);
  const mandatory = splitList(properties.get('baton:mandatory'));
  const condition = properties.get('baton:startCondition')?.trim();
  const elementId = element.id ?? '';
  return {
    ...(mandatory.length > 0 ? { mandatoryVariables: mandatory } : {}),
    ...(condition !== undefined && condition !== ''
      ? {
          startCondition: checkedFeel(
            condition.startsWith('=') ? condition.slice(1).trim() : condition,
            { elementId, what: 'the start condition' },
            problems,
          ),
        }
      : {}),
  };
}

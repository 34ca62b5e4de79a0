// Typed reads from bpmn-moddle's loosely typed element tree: strings, element lists,
// extension elements. Everything else in the compiler goes through these helpers.
import type { ModdleElement } from 'bpmn-moddle';

/** A string property, or undefined when absent or empty. */
export function stringProperty(element: ModdleElement, name: string): string | undefined {
  const value = name.includes(':') ? element.get(name) : element[name];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function booleanProperty(element: ModdleElement, name: string): boolean {
  const value = name.includes(':') ? element.get(name) : element[name];
  return value === true || value === 'true';
}

export function elementList(element: ModdleElement, name: string): ModdleElement[] {
  const value = element[name];
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}

export function elementProperty(element: ModdleElement, name: string): ModdleElement | undefined {
  const value = element[name];
  return value !== null && typeof value === 'object' && '$type' in value
    ? (value as ModdleElement)
    : undefined;
}

/** The children of `<bpmn:extensionElements>`. */
export function extensionValues(element: ModdleElement): ModdleElement[] {
  const extensions = elementProperty(element, 'extensionElements');
  return extensions ? elementList(extensions, 'values') : [];
}

export function findExtension(element: ModdleElement, type: string): ModdleElement | undefined {
  return extensionValues(element).find((value) => value.$type === type);
}

/** An attribute the descriptor does not know (e.g. `baton:…`), read from `$attrs` by namespace URI. */
export function foreignAttribute(
  element: ModdleElement,
  namespaceUri: string,
  localName: string,
): string | undefined {
  const attrs = element.$attrs ?? {};
  const root = rootOf(element);
  const prefixes = Object.entries(root.$attrs ?? {})
    .filter(([key, value]) => key.startsWith('xmlns:') && value === namespaceUri)
    .map(([key]) => key.slice('xmlns:'.length));
  for (const prefix of prefixes) {
    const value = attrs[`${prefix}:${localName}`];
    if (value !== undefined) return value;
  }
  return undefined;
}

function rootOf(element: ModdleElement): ModdleElement {
  let current = element;
  while (current.$parent) current = current.$parent;
  return current;
}

/** Comma-separated list attribute → trimmed, non-empty entries. */
export function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

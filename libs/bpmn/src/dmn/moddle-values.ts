// Small readers over dmn-moddle's untyped tree: lists that may be absent and `text` children.
import type { DmnElement } from 'dmn-moddle';

/** A many-valued property (`rule`, `input`, `drgElement`), empty when absent. */
export function elementsOf(element: DmnElement, property: string): DmnElement[] {
  const value = element[property];
  return Array.isArray(value) ? (value as DmnElement[]) : [];
}

/** The `text` of an expression element (`inputExpression`, `inputEntry`, `literalExpression`). */
export function textOf(element: DmnElement | undefined): string {
  const text = element?.text;
  return typeof text === 'string' ? text : '';
}

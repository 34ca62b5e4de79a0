// The functions a decision or business knowledge model may call: the graph's business knowledge
// models and decision services made FEEL functions (knowledge-functions.ts), seen by the names of
// those it requires.
import type { FeelFunction } from 'feelin';

export type KnowledgeFunctions = ReadonlyMap<string, { readonly name: string; readonly fn: FeelFunction }>;

/** The functions of the required models, keyed by the names FEEL calls them by. */
export function visibleFunctions(
  functions: KnowledgeFunctions,
  requiredIds: readonly string[],
): Record<string, unknown> {
  const visible: Record<string, unknown> = {};
  for (const id of requiredIds) {
    const required = functions.get(id);
    if (required) visible[required.name] = required.fn;
  }
  return visible;
}

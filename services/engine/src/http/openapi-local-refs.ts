// Recursive contract schemas (the activity-instance and execution trees) come out of
// `z.toJSONSchema` with local references: `#` for the schema itself, `#/$defs/…` for a recursive
// part. In an OpenAPI component those must point into `#/components/schemas/`: the `$defs` become
// components of their own and every local reference is rewritten.
type JsonObject = Record<string, unknown>;

/** The component schema with its local references rewritten, plus the components hoisted out of its `$defs`. */
export function hoistLocalRefs(
  name: string,
  schema: JsonObject,
): { readonly schema: JsonObject; readonly hoisted: Readonly<Record<string, JsonObject>> } {
  const { $defs, ...rest } = schema as JsonObject & { $defs?: Record<string, JsonObject> };
  const componentName = (defName: string) => `${name}${defName.replace(/^_+/, '_')}`;
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value === null || typeof value !== 'object') return value;
    const result: JsonObject = {};
    for (const [key, inner] of Object.entries(value as JsonObject)) {
      if (key === '$ref' && typeof inner === 'string') {
        if (inner === '#') result[key] = `#/components/schemas/${name}`;
        else if (inner.startsWith('#/$defs/'))
          result[key] = `#/components/schemas/${componentName(inner.slice('#/$defs/'.length))}`;
        else result[key] = inner;
      } else {
        result[key] = rewrite(inner);
      }
    }
    return result;
  };
  const hoisted: Record<string, JsonObject> = {};
  for (const [defName, definition] of Object.entries($defs ?? {}))
    hoisted[componentName(defName)] = rewrite(definition) as JsonObject;
  return { schema: rewrite(rest) as JsonObject, hoisted };
}

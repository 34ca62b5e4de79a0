// The import graph of the workspace and its cycles, counting every kind of import: eslint's
// import-x/no-cycle skips `import type`, so a cycle made of type-only imports passes it unseen.
// Pure functions over file names and source texts; check-import-cycles.ts does the file I/O.
import path from 'node:path';
import ts from 'typescript';

/** One module specifier a file names, and whether it brings in types only. */
export interface ImportReference {
  readonly specifier: string;
  readonly typeOnly: boolean;
}

/** A workspace package as its package.json describes it: where it lives, what it exports. */
export interface WorkspacePackage {
  readonly name: string;
  /** The package's folder, relative to the workspace root, with `/` separators. */
  readonly dir: string;
  /** The `exports` map: subpath (`.`, `./sub`) → file relative to `dir`. */
  readonly exports: Readonly<Record<string, string>>;
}

/** An edge of the file graph: `from` imports `to`; `typeOnly` when every such import is. */
export interface ImportEdge {
  readonly from: string;
  readonly to: string;
  readonly typeOnly: boolean;
}

export type ImportGraph = ReadonlyMap<string, ReadonlyMap<string, ImportEdge>>;

/** A strongly connected component of more than one file, and one cycle through it to show. */
export interface ImportCycle {
  /** Every file of the component, sorted. */
  readonly files: readonly string[];
  /** A shortest chain from the component's first file back to itself. */
  readonly chain: readonly ImportEdge[];
}

/**
 * Every import and re-export a TypeScript source names: `import` and `import type`,
 * `export … from` and `export type … from`, `import x = require()`, `import('…')` calls and
 * `import('…')` types. A `declare module` block's imports are the ambient module's, not the
 * file's, but they still load the named module, so they count too.
 */
export function findImportReferences(fileName: string, sourceText: string): ImportReference[] {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sourceFile = ts.createSourceFile(fileName, sourceText, ts.ScriptTarget.Latest, false, kind);
  const references: ImportReference[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      references.push({ specifier: node.moduleSpecifier.text, typeOnly: isTypeOnlyImport(node) });
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      references.push({ specifier: node.moduleSpecifier.text, typeOnly: isTypeOnlyExport(node) });
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      references.push({ specifier: node.moduleReference.expression.text, typeOnly: node.isTypeOnly });
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      references.push({ specifier: node.argument.literal.text, typeOnly: true });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      references.push({ specifier: node.arguments[0].text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return references;
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // `import './x'` runs the module
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  if (!bindings || !ts.isNamedImports(bindings)) return false;
  return bindings.elements.length > 0 && bindings.elements.every((element) => element.isTypeOnly);
}

function isTypeOnlyExport(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  if (!clause || !ts.isNamedExports(clause)) return false;
  return clause.elements.length > 0 && clause.elements.every((element) => element.isTypeOnly);
}

/**
 * The workspace file a specifier names, or undefined for a module outside the workspace
 * (`zod`, `node:fs`). Relative specifiers resolve as the bundler resolution does (with or
 * without `.js`, or to a folder's index); `@baton/<pkg>[/sub]` through the package's `exports`.
 * All paths are relative to the workspace root, with `/` separators.
 */
export function resolveImport(
  fromFile: string,
  specifier: string,
  files: ReadonlySet<string>,
  packages: ReadonlyMap<string, WorkspacePackage>,
): string | undefined {
  if (specifier.startsWith('./') || specifier.startsWith('../')) {
    return resolveFile(path.posix.join(path.posix.dirname(fromFile), specifier), files);
  }
  const workspacePackage = findPackage(specifier, packages);
  if (!workspacePackage) return undefined;
  const subpath = '.' + specifier.slice(workspacePackage.name.length);
  const target = workspacePackage.exports[subpath];
  if (target === undefined) return undefined;
  return resolveFile(path.posix.join(workspacePackage.dir, target), files);
}

function findPackage(
  specifier: string,
  packages: ReadonlyMap<string, WorkspacePackage>,
): WorkspacePackage | undefined {
  const segments = specifier.split('/');
  const name = specifier.startsWith('@') ? segments.slice(0, 2).join('/') : segments[0];
  return name === undefined ? undefined : packages.get(name);
}

function resolveFile(candidate: string, files: ReadonlySet<string>): string | undefined {
  const withoutJs = candidate.replace(/\.(m|c)?js$/, '');
  const candidates = [
    candidate,
    `${withoutJs}.ts`,
    `${withoutJs}.tsx`,
    `${withoutJs}.d.ts`,
    `${candidate}/index.ts`,
    `${candidate}/index.tsx`,
  ];
  return candidates.find((file) => files.has(file));
}

/**
 * The file graph: an edge for every import whose target is one of `sources`' files. Two
 * imports of one file by another make one edge, type-only only when both are.
 */
export function buildImportGraph(
  sources: ReadonlyMap<string, string>,
  packages: ReadonlyMap<string, WorkspacePackage>,
): ImportGraph {
  const files = new Set(sources.keys());
  const graph = new Map<string, Map<string, ImportEdge>>();
  for (const [from, text] of sources) {
    const edges = new Map<string, ImportEdge>();
    for (const reference of findImportReferences(from, text)) {
      const to = resolveImport(from, reference.specifier, files, packages);
      if (to === undefined || to === from) continue;
      const typeOnly = reference.typeOnly && (edges.get(to)?.typeOnly ?? true);
      edges.set(to, { from, to, typeOnly });
    }
    graph.set(from, edges);
  }
  return graph;
}

/** Tarjan's strongly connected components, each sorted, in a stable order. */
export function stronglyConnectedComponents(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let nextIndex = 0;

  const connect = (node: string): void => {
    index.set(node, nextIndex);
    lowLink.set(node, nextIndex);
    nextIndex += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of [...(graph.get(node)?.keys() ?? [])].sort()) {
      if (!index.has(next)) {
        connect(next);
        lowLink.set(node, Math.min(lowLink.get(node)!, lowLink.get(next)!));
      } else if (onStack.has(next)) {
        lowLink.set(node, Math.min(lowLink.get(node)!, index.get(next)!));
      }
    }
    if (lowLink.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      components.push(component.sort());
    }
  };

  for (const node of [...graph.keys()].sort()) {
    if (!index.has(node)) connect(node);
  }
  return components.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/**
 * A shortest chain of imports from `start` back to itself inside `component` (breadth-first),
 * so that a reader sees which imports close the loop.
 */
export function shortestCycle(graph: ImportGraph, component: readonly string[], start: string): ImportEdge[] {
  const members = new Set(component);
  const reachedBy = new Map<string, ImportEdge>();
  const queue: string[] = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const edge of [...(graph.get(node)?.values() ?? [])].sort((a, b) => a.to.localeCompare(b.to))) {
      if (!members.has(edge.to) || reachedBy.has(edge.to)) continue;
      reachedBy.set(edge.to, edge);
      if (edge.to === start) return chainBack(reachedBy, start);
      queue.push(edge.to);
    }
  }
  return [];
}

function chainBack(reachedBy: ReadonlyMap<string, ImportEdge>, start: string): ImportEdge[] {
  const chain: ImportEdge[] = [];
  let edge = reachedBy.get(start);
  while (edge) {
    chain.unshift(edge);
    if (edge.from === start) break;
    edge = reachedBy.get(edge.from);
  }
  return chain;
}

/** Every strongly connected component of more than one file, with one cycle through it. */
export function findImportCycles(graph: ImportGraph): ImportCycle[] {
  return stronglyConnectedComponents(graph)
    .filter((component) => component.length > 1)
    .map((files) => ({ files, chain: shortestCycle(graph, files, files[0]!) }));
}

/** The report for a reader: each cycle as a chain of paths, then any further members. */
export function formatImportCycles(cycles: readonly ImportCycle[]): string {
  const lines = [`${cycles.length} import cycle(s), type-only imports included:`];
  for (const cycle of cycles) {
    const first = cycle.chain[0];
    lines.push('', `  ${cycle.files.length} files; one cycle through them:`);
    if (first) lines.push(`    ${first.from}`);
    for (const edge of cycle.chain) {
      lines.push(`      → ${edge.to}${edge.typeOnly ? '  (import type)' : ''}`);
    }
    const others = cycle.files.filter((file) => !cycle.chain.some((edge) => edge.from === file));
    if (others.length > 0)
      lines.push('    also in this component:', ...others.map((file) => `      ${file}`));
  }
  return lines.join('\n');
}

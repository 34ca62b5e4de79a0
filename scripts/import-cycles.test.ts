import {
  buildImportGraph,
  findImportCycles,
  findImportReferences,
  formatImportCycles,
  resolveImport,
  stronglyConnectedComponents,
  type ImportGraph,
  type WorkspacePackage,
} from './import-cycles';

const packages = new Map<string, WorkspacePackage>([
  ['@baton/store', { name: '@baton/store', dir: 'libs/store', exports: { '.': './src/index.ts' } }],
  [
    '@baton/contracts',
    {
      name: '@baton/contracts',
      dir: 'libs/contracts',
      exports: { '.': './src/index.ts', './socket': './src/socket/index.ts' },
    },
  ],
]);

/** Edges only, for graphs written by hand. */
function graphOf(edges: Record<string, string[]>): ImportGraph {
  return new Map(
    Object.entries(edges).map(([from, targets]) => [
      from,
      new Map(targets.map((to) => [to, { from, to, typeOnly: false }])),
    ]),
  );
}

describe('findImportReferences', () => {
  it('finds imports and re-exports, marking those that bring in types only', () => {
    const source = [
      "import { a } from './a';",
      "import type { B } from './b';",
      "import { type C, type D } from './c';",
      "import { type E, f } from './e';",
      "import './side-effect';",
      "export { g } from './g';",
      "export type { H } from './h';",
      "export * from './star';",
      "type I = import('./i').I;",
      "const j = await import('./j');",
      "import k = require('./k');",
      'const text = "import { x } from \'./not-an-import\'";',
    ].join('\n');

    expect(findImportReferences('libs/x/src/file.ts', source)).toEqual([
      { specifier: './a', typeOnly: false },
      { specifier: './b', typeOnly: true },
      { specifier: './c', typeOnly: true },
      { specifier: './e', typeOnly: false },
      { specifier: './side-effect', typeOnly: false },
      { specifier: './g', typeOnly: false },
      { specifier: './h', typeOnly: true },
      { specifier: './star', typeOnly: false },
      { specifier: './i', typeOnly: true },
      { specifier: './j', typeOnly: false },
      { specifier: './k', typeOnly: false },
    ]);
  });

  it('reads .tsx files', () => {
    const source = "import { View } from './view';\nexport const App = () => <View />;";
    expect(findImportReferences('services/console/src/app.tsx', source)).toEqual([
      { specifier: './view', typeOnly: false },
    ]);
  });
});

describe('resolveImport', () => {
  const files = new Set([
    'libs/store/src/index.ts',
    'libs/store/src/instance-store.ts',
    'libs/store/src/mongo/index.ts',
    'libs/contracts/src/index.ts',
    'libs/contracts/src/socket/index.ts',
  ]);

  it('resolves relative paths with or without .js, and folders to their index', () => {
    const from = 'libs/store/src/index.ts';
    expect(resolveImport(from, './instance-store', files, packages)).toBe('libs/store/src/instance-store.ts');
    expect(resolveImport(from, './instance-store.js', files, packages)).toBe(
      'libs/store/src/instance-store.ts',
    );
    expect(resolveImport(from, './mongo', files, packages)).toBe('libs/store/src/mongo/index.ts');
    expect(resolveImport('libs/store/src/mongo/index.ts', '../index', files, packages)).toBe(
      'libs/store/src/index.ts',
    );
  });

  it('resolves a workspace package through its exports map, and ignores other packages', () => {
    const from = 'libs/store/src/instance-store.ts';
    expect(resolveImport(from, '@baton/contracts', files, packages)).toBe('libs/contracts/src/index.ts');
    expect(resolveImport(from, '@baton/contracts/socket', files, packages)).toBe(
      'libs/contracts/src/socket/index.ts',
    );
    expect(resolveImport(from, '@baton/contracts/not-exported', files, packages)).toBeUndefined();
    expect(resolveImport(from, 'zod', files, packages)).toBeUndefined();
    expect(resolveImport(from, 'node:fs', files, packages)).toBeUndefined();
  });
});

describe('stronglyConnectedComponents', () => {
  it('groups the files that reach each other, and leaves the rest alone', () => {
    const graph = graphOf({
      a: ['b'],
      b: ['c'],
      c: ['a', 'd'],
      d: ['e'],
      e: ['d'],
      f: ['a'],
    });
    expect(stronglyConnectedComponents(graph)).toEqual([['a', 'b', 'c'], ['d', 'e'], ['f']]);
  });

  it('finds no component of more than one file in a graph without cycles', () => {
    const graph = graphOf({ a: ['b', 'c'], b: ['c'], c: [] });
    expect(findImportCycles(graph)).toEqual([]);
  });
});

describe('findImportCycles', () => {
  it('reports a cycle made of type-only imports, which import-x/no-cycle does not see', () => {
    const sources = new Map([
      ['libs/store/src/index.ts', "export * from './instance-store';\nexport * from './instance-filter';"],
      [
        'libs/store/src/instance-store.ts',
        "import type { InstanceFilter } from './instance-filter';\nexport interface InstanceStore { find(f: InstanceFilter): void }",
      ],
      [
        'libs/store/src/instance-filter.ts',
        "import { type InstanceStore } from './instance-store';\nexport type InstanceFilter = { store?: InstanceStore };",
      ],
      ['libs/store/src/mongo/mongo-store.ts', "import type { InstanceStore } from '@baton/store';"],
    ]);

    const cycles = findImportCycles(buildImportGraph(sources, packages));

    expect(cycles).toEqual([
      {
        files: ['libs/store/src/instance-filter.ts', 'libs/store/src/instance-store.ts'],
        chain: [
          {
            from: 'libs/store/src/instance-filter.ts',
            to: 'libs/store/src/instance-store.ts',
            typeOnly: true,
          },
          {
            from: 'libs/store/src/instance-store.ts',
            to: 'libs/store/src/instance-filter.ts',
            typeOnly: true,
          },
        ],
      },
    ]);
    expect(formatImportCycles(cycles)).toContain(
      [
        '    libs/store/src/instance-filter.ts',
        '      → libs/store/src/instance-store.ts  (import type)',
        '      → libs/store/src/instance-filter.ts  (import type)',
      ].join('\n'),
    );
  });

  it('reports a cycle closed through a package entry point', () => {
    const sources = new Map([
      ['libs/store/src/index.ts', "export { openStore } from './open-store';"],
      [
        'libs/store/src/open-store.ts',
        "import type { Store } from '@baton/store';\nexport const openStore = 1;",
      ],
    ]);

    expect(findImportCycles(buildImportGraph(sources, packages)).map((cycle) => cycle.files)).toEqual([
      ['libs/store/src/index.ts', 'libs/store/src/open-store.ts'],
    ]);
  });

  it('shows the shortest loop and names the other members of a larger component', () => {
    const graph = graphOf({ a: ['b', 'c'], b: ['a'], c: ['b'] });

    const [cycle] = findImportCycles(graph);

    expect(cycle?.chain.map((edge) => `${edge.from}→${edge.to}`)).toEqual(['a→b', 'b→a']);
    expect(formatImportCycles(findImportCycles(graph))).toContain('also in this component:\n      c');
  });
});

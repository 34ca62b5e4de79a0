// Lint: type-aware TypeScript rules plus the import boundaries of DESIGN §2
// (contracts → bpmn → engine-core → store / messaging → platform → client / testing; no service
// imports another service; production code imports no test code).
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

const libs = ['contracts', 'bpmn', 'engine-core', 'store', 'messaging', 'platform', 'client', 'testing'];

/** Which @baton packages each lib may import; anything else is a boundary violation. */
const allowedImports = {
  contracts: [],
  bpmn: ['contracts'],
  'engine-core': ['contracts', 'bpmn'],
  store: ['contracts', 'bpmn', 'engine-core', 'topics'],
  messaging: ['contracts', 'bpmn', 'engine-core', 'topics'],
  platform: ['contracts', 'messaging', 'topics'],
  client: ['contracts', 'topics'],
  testing: ['contracts', 'bpmn', 'engine-core', 'store', 'messaging', 'platform', 'topics'],
};
/**
 * Libs whose tests (`*.test.ts`) may also use the shared helpers of @baton/testing, although
 * @baton/testing sits above them: a test file is imported by nothing, so no import cycle results.
 */
const testsMayUseTesting = ['platform'];
const allPackages = [
  ...libs,
  'topics',
  'engine',
  'standalone',
  'integration-adapter',
  'socket-gateway',
  'console',
];
const ioModules = [
  'fs',
  'net',
  'http',
  'https',
  'http2',
  'dgram',
  'child_process',
  'cluster',
  'worker_threads',
  'dns',
  'tls',
];

function libBoundary(lib, files, allowed = allowedImports[lib]) {
  const forbidden = allPackages.filter((name) => name !== lib && !allowed.includes(name));
  const patterns = [
    {
      group: forbidden.map((name) => `@baton/${name}`),
      message: `libs/${lib} may only import: ${allowed.join(', ') || 'no other Baton package'} (DESIGN §2).`,
    },
    {
      group: ['@baton/*/src/*', '**/libs/*/src/*', '**/services/*'],
      message: 'Import another package through its public entry point.',
    },
  ];
  if (lib === 'engine-core') {
    patterns.push({
      group: [...ioModules, ...ioModules.map((m) => `node:${m}`), 'kafkajs', 'mongodb', 'express'],
      message: 'engine-core is pure: no I/O modules (DESIGN §3.1).',
    });
  }
  return { files, rules: { 'no-restricted-imports': ['error', { patterns }] } };
}
const boundaryConfigs = [
  ...libs.map((lib) => libBoundary(lib, [`libs/${lib}/**/*.ts`])),
  ...testsMayUseTesting.map((lib) =>
    libBoundary(lib, [`libs/${lib}/**/*.test.ts`], [...allowedImports[lib], 'testing']),
  ),
];

/**
 * The services that run as processes. None imports another; only services/standalone, the
 * composition root that runs them all in one process (`npm start`), may import several. The
 * console is not among them: it is the static web app that the socket gateway builds and serves.
 */
const services = ['engine', 'socket-gateway', 'integration-adapter'];
/** Which other services a service may import: the composition root all of them. */
const allowedServices = {
  engine: [],
  'socket-gateway': ['console'],
  'integration-adapter': [],
  console: [],
  standalone: [...services, 'console'],
};
/**
 * Test code, which may import @baton/testing and test helpers: test files, `test/` and `testing/`
 * folders, and the by-hand measurement scripts of services/<name>/scripts (like bench/).
 */
const testCode = ['**/*.test.ts', '**/test/**', '**/testing/**', 'services/*/scripts/**'];
const testCodeImports = {
  group: ['@baton/testing', '@baton/testing/**', '**/testing', '**/testing/**', '**/test/**'],
  message:
    'Production code imports no test code: @baton/testing and testing/ or test/ folders are for tests.',
};
const serviceConfigs = Object.entries(allowedServices).flatMap(([service, allowed]) => {
  const others = [...services, 'standalone', 'console'].filter(
    (name) => name !== service && !allowed.includes(name),
  );
  const patterns = [
    {
      group: ['@baton/*/src/*', '**/libs/*/src/*', '**/services/*/src/*'],
      message: 'Import another package through its public entry point.',
    },
  ];
  if (others.length > 0)
    patterns.unshift({
      group: others.flatMap((name) => [`@baton/${name}`, `**/${name}/src`, `**/${name}/src/**`]),
      message: `services/${service} may not import another service (DESIGN §2): share code through a lib (e.g. @baton/platform), or wire the services together in services/standalone, the composition root.`,
    });
  const files = [`services/${service}/**/*.ts`];
  return [
    { files, rules: { 'no-restricted-imports': ['error', { patterns }] } },
    {
      files,
      ignores: testCode,
      rules: { 'no-restricted-imports': ['error', { patterns: [...patterns, testCodeImports] }] },
    },
  ];
});

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'coverage/**',
      '.infra/**',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
      'services/console/public/**',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      'import-x/no-cycle': 'error',
      // tsx loads our TypeScript as ES modules, where these do not exist (jest's CommonJS has them,
      // so a test never notices): use import.meta.dirname / import.meta.filename.
      'no-restricted-globals': [
        'error',
        { name: '__dirname', message: 'Not defined in ES modules (tsx): use import.meta.dirname.' },
        { name: '__filename', message: 'Not defined in ES modules (tsx): use import.meta.filename.' },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'libs/testing/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  ...boundaryConfigs,
  ...serviceConfigs,
  {
    // Small files with one idea each (STYLE.md): a production file past 400 lines holds several.
    files: ['services/*/src/**/*.ts', 'libs/*/src/**/*.ts', 'topics/src/**/*.ts'],
    ignores: testCode,
    rules: { 'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }] },
  },
  {
    // The environment is read in one place: @baton/platform's configuration, called by each
    // service's main.ts, which hands the values down as options. (libs/client reads BATON_ADDRESS
    // as the Camunda SDKs read ZEEBE_ADDRESS: it runs in other people's programs.)
    files: ['services/*/src/**/*.ts', 'libs/*/src/**/*.ts', 'topics/src/**/*.ts'],
    ignores: [...testCode, 'services/*/src/main.ts', 'libs/platform/**', 'libs/client/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message:
            'Read the environment in @baton/platform configuration (from main.ts) and pass the value down as an option.',
        },
      ],
    },
  },
);

// Lint: type-aware TypeScript rules plus the import boundaries of DESIGN §2
// (contracts → bpmn → engine-core → store / messaging → client / testing).
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

const libs = ['contracts', 'bpmn', 'engine-core', 'store', 'messaging', 'client', 'testing'];

/** Which @baton packages each lib may import; anything else is a boundary violation. */
const allowedImports = {
  contracts: [],
  bpmn: ['contracts'],
  'engine-core': ['contracts', 'bpmn'],
  store: ['contracts', 'bpmn', 'engine-core', 'topics'],
  messaging: ['contracts', 'bpmn', 'engine-core', 'topics'],
  client: ['contracts', 'topics'],
  testing: ['contracts', 'bpmn', 'engine-core', 'store', 'messaging', 'topics'],
};
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

const boundaryConfigs = libs.map((lib) => {
  const forbidden = allPackages.filter((name) => name !== lib && !allowedImports[lib].includes(name));
  const patterns = [
    {
      group: forbidden.map((name) => `@baton/${name}`),
      message: `libs/${lib} may only import: ${allowedImports[lib].join(', ') || 'no other Baton package'} (DESIGN §2).`,
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
  return { files: [`libs/${lib}/**/*.ts`], rules: { 'no-restricted-imports': ['error', { patterns }] } };
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
);

// Jest runs everything as CommonJS: our TypeScript and the ESM-only BPMN/FEEL packages
// (bpmn-moddle, feelin and their dependencies) are transformed by swc on the way in.
const esmPackages = [
  'bpmn-moddle',
  'dmn-moddle',
  'moddle',
  'moddle-xml',
  'saxen',
  'min-dash',
  'zeebe-bpmn-moddle',
  'camunda-bpmn-moddle',
  'feelin',
  'lezer-feel',
  '@lezer',
  'luxon',
  'temporal-polyfill',
  'temporal-spec',
  'temporal-utils',
  'ids',
  'diagram-js',
  'tiny-svg',
  'bpmn-js',
];
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/topics', '<rootDir>/libs', '<rootDir>/services', '<rootDir>/bench', '<rootDir>/scripts'],
  testMatch: ['**/*.test.ts'],
  // Tests on real Kafka / MongoDB run in the integration suite (jest.integration.config.cjs); the
  // hostile-input suite, whose answer-time budgets need the machine to itself, runs alone after
  // this one (jest.hostile.config.cjs).
  testPathIgnorePatterns: [
    '/node_modules/',
    '\\.int\\.test\\.ts$',
    '\\.restart\\.test\\.ts$',
    '/test/hostile/',
  ],
  transform: {
    '^.+\\.(t|j|mj|cj)s$': [
      '@swc/jest',
      { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  // Jest's default is one worker fewer than the cores, which on this 2-core machine ran the unit
  // suite one file at a time: most files wait on timers and sockets, not on a core, so two
  // workers take 190 s where one took 270 s.
  maxWorkers: 2,
};

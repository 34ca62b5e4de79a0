// The integration suite: tests that need the real Kafka broker and MongoDB-wire database
// (`*.int.test.ts`), plus the REST scenario tests of the embedded runtime run again, unchanged,
// on the Kafka + FerretDB runtime (BATON_TEST_RUNTIME=real, set in the setup file).
// Started by `npm run test:integration`, which brings the infrastructure up and down around it.
const base = require('./jest.config.cjs');

/** @type {import('jest').Config} */
const restartOnly = process.env.BATON_RESTART_TESTS === '1';

module.exports = {
  ...base,
  testMatch: restartOnly
    ? ['**/*.restart.test.ts']
    : [
        '**/*.int.test.ts',
        '<rootDir>/services/engine/test/bpmn-behaviour/rest-*.test.ts',
        '<rootDir>/services/engine/src/http/camunda-sdk.test.ts',
        '<rootDir>/services/engine/src/http/camunda-sdk-forms.test.ts',
        '<rootDir>/services/engine/src/http/camunda-sdk-signals.test.ts',
        '<rootDir>/services/engine/src/http/camunda-sdk-resources.test.ts',
        '<rootDir>/services/engine/src/http/camunda-sdk-decisions.test.ts',
        '<rootDir>/services/engine/src/http/orchestration-cluster-api.test.ts',
        '<rootDir>/services/engine/src/http/orchestration-cluster-api-batch.test.ts',
        '<rootDir>/services/engine/src/runtime/batch-operation-driver.test.ts',
      ],
  // *.restart.test.ts stop and start the infrastructure: run alone afterwards (`--restart` below).
  testPathIgnorePatterns: ['/node_modules/'],
  setupFiles: ['<rootDir>/jest.integration.setup.cjs'],
  testTimeout: 60_000,
  // Two workers on this 2-core machine: the broker and the database need CPU too.
  maxWorkers: 2,
  testSequencer: '<rootDir>/jest.integration.sequencer.cjs',
};

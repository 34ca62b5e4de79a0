// Test helpers shared by every package (STYLE.md §6): waiting with deadlines, unique names, the
// settings of the test broker's secure listeners, test tokens, captured logs and metrics, a real
// HTTP server and socket client per test, and the BPMN fixtures of the end-to-end tests.
// Test code only: no production file imports this package.
export * from './wait-for';
export * from './unique-name';
export * from './secure-kafka';
export * from './test-auth';
export * from './log-capture';
export * from './metrics-test-support';
export * from './test-http-server';
export * from './live-client';
export * from './fixtures/approval-process';
export * from './fixtures/task-bpmn';

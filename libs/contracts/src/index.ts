export * from './json';
export * from './commands';
export * from './errors';
export * from './rest';
export * from './job-messages';
export * from './socket';
export * from './message-publications';
export * from './start-messages';

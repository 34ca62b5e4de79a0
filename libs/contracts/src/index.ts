export * from './json';
export * from './commands';

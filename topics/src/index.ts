// The topic catalogue (DESIGN §4): names, keys, schemas, producers and consumers of every topic.
export * from './topic-catalogue';
export * from './message-schemas';
export * from './topic-table';
export * from './topic-address';

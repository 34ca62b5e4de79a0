// Persistence ports (DESIGN §3.3) and their in-memory adapters with the same revision semantics
// as the MongoDB adapter to come: instances with outbox, definitions, jobs, user tasks, messages.
export * from './query';
export * from './write-fence';
export * from './instance-store';
export * from './instance-filter';
export * from './in-memory-instance-store';
export * from './in-memory-instance-filter';
export * from './definition-store';
export * from './in-memory-definition-store';
export * from './decision-store';
export * from './in-memory-decision-store';
export * from './job-store';
export * from './in-memory-job-store';
export * from './user-task-store';
export * from './in-memory-user-task-store';
export * from './message-store';
export * from './in-memory-message-store';
export * from './timer-store';
export * from './in-memory-timer-store';
export * from './business-id-store';
export * from './in-memory-business-id-store';
export * from './suspension-store';
export * from './in-memory-suspension-store';
export * from './partition-checkpoint-store';
export * from './in-memory-partition-checkpoint-store';
export * from './mongo';

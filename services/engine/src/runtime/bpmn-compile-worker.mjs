// Starts the BPMN compile worker (bpmn-compile-pool.ts) on the TypeScript sources, as the main
// thread runs them: tsx's loader is registered for this thread before its body is imported.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./bpmn-compile-worker.ts', import.meta.url).href);

// The standalone: every service in one process (`npm start`, main.ts). Exported for the tests and
// benchmarks that run the services together: how the engine feeds the embedded socket gateway.
export { engineSnapshotSource } from './engine-snapshot-source';

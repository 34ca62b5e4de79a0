// `npm run start:engine`: one engine replica (REST API + command processor). On Kafka + MongoDB
// when KAFKA_BROKERS and MONGODB_URI are set; start several, they share the command partitions.
import { engineConfigSchema } from './config/engine-config';
import { createLogger, readConfig, runUntilSignalled } from '@baton/platform';
import { startEngineProcess, type EngineProcess } from './engine-process';

runUntilSignalled<EngineProcess>(
  'Baton engine',
  async (signal) => {
    const config = readConfig(engineConfigSchema, process.env);
    const started = await startEngineProcess(config, signal);
    started.logger.info(
      { port: started.server.port },
      `Baton engine ${started.engine.replicaId} listening on http://${config.HOST}:${started.server.port} — ${started.infrastructure}`,
    );
    return started;
  },
  (started) => started.stop(),
  createLogger({ service: 'engine' }),
);

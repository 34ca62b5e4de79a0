// `npm start`: every Baton service in one process — on the embedded defaults (in-memory bus and
// store), or on Kafka + MongoDB when KAFKA_BROKERS and MONGODB_URI are set — with the example
// processes deployed and a short guide printed.
import path from 'node:path';
import { runUntilSignalled, startEngineProcess, type EngineProcess } from '@baton/engine';
import { readStandaloneConfig } from './config';
import { deployExamples } from './deploy-examples';
import { printWelcome } from './welcome';

runUntilSignalled<EngineProcess>(
  'Baton',
  async (signal) => {
    const config = readStandaloneConfig(process.env);
    const started = await startEngineProcess(config, signal);
    const deployed = config.DEPLOY_EXAMPLES ? await deployExamples(started.engine, path.resolve(config.EXAMPLES_DIR)) : undefined;
    printWelcome({ port: started.server.port, deployed, infrastructure: started.infrastructure });
    return started;
  },
  (started) => started.stop(),
);

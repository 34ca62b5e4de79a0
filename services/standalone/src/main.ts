// `npm start`: every Baton service in one process on the embedded defaults (in-memory bus and
// store), with the example processes deployed and a short guide printed.
import path from 'node:path';
import { createEngineRuntime, startHttpServer } from '@baton/engine';
import { readStandaloneConfig } from './config';
import { deployExamples } from './deploy-examples';
import { printWelcome } from './welcome';

async function main(): Promise<void> {
  const config = readStandaloneConfig(process.env);
  const engine = await createEngineRuntime({ partitions: config.PARTITIONS, topicPrefix: config.TOPIC_PREFIX });
  const server = await startHttpServer(engine, { port: config.PORT, host: config.HOST });
  const deployed = config.DEPLOY_EXAMPLES
    ? await deployExamples(engine, path.resolve(config.EXAMPLES_DIR))
    : undefined;
  printWelcome({ port: server.port, deployed });

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received: stopping Baton…`);
    server
      .close()
      .then(() => engine.close())
      .then(() => {
        console.log('Baton stopped.');
        process.exitCode = 0;
      })
      .catch((error: unknown) => {
        console.error('Error while stopping:', error);
        process.exitCode = 1;
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

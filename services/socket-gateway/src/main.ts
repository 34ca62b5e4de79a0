// `npm run start:socket-gateway`: one gateway replica on its own, reading instance events from
// Kafka and the engine's REST API at ENGINE_URL. Start several: each sees every event.
import { createLogger, readConfig, runUntilSignalled } from '@baton/platform';
import { gatewayConfigSchema } from './config/gateway-config';
import { startGatewayProcess, type GatewayProcess } from './gateway-process';

runUntilSignalled<GatewayProcess>(
  'Baton socket gateway',
  async (signal) => {
    const config = readConfig(gatewayConfigSchema, process.env);
    const started = await startGatewayProcess(config, signal);
    started.logger.info(
      { port: started.gateway.port },
      `Baton socket gateway ${started.gateway.replicaId}: console and socket on http://${config.HOST}:${started.gateway.port}/ — engine ${config.ENGINE_URL}, Kafka ${config.KAFKA_BROKERS.join(',')}`,
    );
    return started;
  },
  (started) => started.stop(),
  createLogger({ service: 'socket-gateway' }),
);

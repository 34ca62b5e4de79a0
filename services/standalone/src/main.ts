// `npm start`: every Baton service in one process (engine, integration adapter, socket gateway
// with the console) — on the embedded defaults (in-memory bus and
// store), or on Kafka + MongoDB when KAFKA_BROKERS and MONGODB_URI are set — with the example
// processes deployed and a short guide printed.
// The standalone is Baton's composition root: the one package that may import several services
// (the lint rule of eslint.config.js says so too). The services do not know each other; here the
// engine's replica is wired into the gateway (its bus, a snapshot source) and the adapter (its bus).
import path from 'node:path';
import { createLogger, readConfig, runUntilSignalled } from '@baton/platform';
import { startEngineProcess, type EngineProcess } from '@baton/engine';
import {
  consoleSignInOf,
  embeddedGatewayConfigSchema,
  localUrl,
  startEmbeddedGateway,
  type RunningSocketGateway,
} from '@baton/socket-gateway';
import {
  adapterOptionsFromConfig,
  startIntegrationAdapter,
  type RunningIntegrationAdapter,
} from '@baton/integration-adapter';
import { busJobTypes, readStandaloneConfig } from './config';
import { deployExamples } from './deploy-examples';
import { engineSnapshotSource } from './engine-snapshot-source';
import { developmentAuth } from './development-auth';
import { printWelcome } from './welcome';

interface Standalone {
  readonly engine: EngineProcess;
  readonly gateway: RunningSocketGateway;
  readonly adapter: RunningIntegrationAdapter;
}

runUntilSignalled<Standalone>(
  'Baton',
  async (signal) => {
    const auth = await developmentAuth(readStandaloneConfig(process.env));
    const config = auth.config;
    const gatewayConfig = readConfig(embeddedGatewayConfigSchema, process.env);
    // The console signs in at the standalone's identity provider, when it has one.
    const consoleSignIn = consoleSignInOf({ ...gatewayConfig, ...config });
    const started = await startEngineProcess({ ...config, KAFKA_JOB_TYPES: busJobTypes(config) }, signal);
    let gateway: RunningSocketGateway;
    let adapter: RunningIntegrationAdapter;
    try {
      adapter = await startIntegrationAdapter({
        bus: started.engine.bus,
        topicPrefix: config.TOPIC_PREFIX,
        ...adapterOptionsFromConfig(config),
      });
      gateway = await startEmbeddedGateway({
        engine: started.engine,
        snapshots: engineSnapshotSource(started.engine),
        engineUrl: localUrl(config.HOST, started.server.port),
        port: gatewayConfig.GATEWAY_PORT,
        host: config.HOST,
        topicPrefix: config.TOPIC_PREFIX,
        maxQueuedUpdates: gatewayConfig.SOCKET_MAX_QUEUED_UPDATES,
        snapshotLimit: gatewayConfig.SOCKET_SNAPSHOT_LIMIT,
        resumeMaxUpdates: gatewayConfig.SOCKET_RESUME_MAX_UPDATES,
        resumeWindowMs: gatewayConfig.SOCKET_RESUME_WINDOW_MS,
        authenticator: started.authenticator,
        ...(consoleSignIn ? { consoleSignIn } : {}),
      });
    } catch (error) {
      await started.stop();
      throw error;
    }
    const deployed = config.DEPLOY_EXAMPLES
      ? await deployExamples(started.engine, path.resolve(config.EXAMPLES_DIR))
      : undefined;
    printWelcome({
      port: started.server.port,
      consolePort: gateway.port,
      deployed,
      infrastructure: started.infrastructure,
      auth: { mode: config.AUTH_MODE, tokens: auth.tokens, generatedSecret: auth.generatedSecret },
    });
    return { engine: started, gateway, adapter };
  },
  async ({ engine, gateway, adapter }) => {
    await gateway.close();
    await adapter.close();
    await engine.stop();
  },
  createLogger({ service: 'standalone' }),
);

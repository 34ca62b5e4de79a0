// `npm run start:integration-adapter`: one adapter replica on Kafka, running the built-in job
// workers until SIGTERM/SIGINT. Start several: they share each job topic's partitions.
import { createLogger, readConfig, runUntilSignalled } from '@baton/platform';
import { topicName, jobTopic } from '@baton/topics';
import { startAdapterProcess, type AdapterProcess } from './adapter-process';
import { adapterConfigSchema } from './config/adapter-config';

runUntilSignalled<AdapterProcess>(
  'Baton integration adapter',
  async (signal) => {
    const config = readConfig(adapterConfigSchema, process.env);
    const started = await startAdapterProcess(config, { signal });
    const served = started.adapter.jobTypes.map(
      (type) => `${type} (${topicName(jobTopic(type), config.TOPIC_PREFIX)})`,
    );
    started.logger.info(
      { jobTypes: started.adapter.jobTypes },
      `Baton integration adapter ${started.replicaId} on Kafka ${config.KAFKA_BROKERS.join(',')}: working jobs of ${served.join(', ')}. The engine must hand them to Kafka (KAFKA_JOB_TYPES).`,
    );
    return started;
  },
  (started) => started.stop(),
  createLogger({ service: 'integration-adapter' }),
);

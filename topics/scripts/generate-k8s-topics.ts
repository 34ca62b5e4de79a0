// `npm run k8s:topics`: writes the Strimzi KafkaTopic manifests (k8s/base/kafka/topics.yaml) from
// the catalogue.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { kafkaTopicManifestPath, renderKafkaTopicManifests } from '../src/kafka-topic-manifests';

const target = path.resolve(process.cwd(), kafkaTopicManifestPath);
writeFileSync(target, renderKafkaTopicManifests());
console.log(`wrote ${path.relative(process.cwd(), target)}`);

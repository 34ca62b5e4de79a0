import { readFileSync } from 'node:fs';
import path from 'node:path';
import { instancePartitions, topicCatalogue, topics } from './topic-catalogue';
import { kafkaTopicManifestPath, renderKafkaTopicManifests } from './kafka-topic-manifests';

const repositoryFile = (relative: string): string =>
  readFileSync(path.resolve(import.meta.dirname, '../..', relative), 'utf8');

describe('k8s/base/kafka/topics.yaml', () => {
  it('is what the catalogue renders (run `npm run k8s:topics` after changing a topic)', () => {
    expect(repositoryFile(kafkaTopicManifestPath)).toBe(renderKafkaTopicManifests());
  });

  it('declares every catalogue topic once, with its partitions', () => {
    const documents = renderKafkaTopicManifests().split(/^---$/m).slice(1);
    expect(documents).toHaveLength(Object.keys(topicCatalogue).length);
    for (const topic of Object.values(topicCatalogue)) {
      const document = documents.find((text) => text.includes(`  topicName: ${topic.name}\n`));
      expect(document).toContain(`  partitions: ${topic.partitions}\n`);
      expect(document).toContain('kind: KafkaTopic\n');
      expect(document).toContain('    strimzi.io/cluster: baton\n');
    }
  });

  it('names the cluster and replicas it is given', () => {
    const text = renderKafkaTopicManifests({ cluster: 'other', replicas: 1 });
    expect(text).toContain(`  topicName: ${topics.engineCommands}\n`);
    expect(text).not.toContain('strimzi.io/cluster: baton');
    expect(text.match(/^ {2}replicas: 1$/gm)).toHaveLength(Object.keys(topicCatalogue).length);
  });
});

describe('the engine autoscaler', () => {
  it('stops at the number of command partitions (more replicas would hold none)', () => {
    const hpa = repositoryFile('k8s/base/engine/hpa.yaml');
    expect(topicCatalogue[topics.engineCommands]?.partitions).toBe(instancePartitions);
    expect(hpa).toMatch(new RegExp(`^ {2}maxReplicas: ${instancePartitions}$`, 'm'));
  });
});

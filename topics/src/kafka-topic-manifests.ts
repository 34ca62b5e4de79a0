// The Strimzi `KafkaTopic` manifests, rendered from the catalogue: k8s/base/kafka/topics.yaml is this
// text, written by `npm run k8s:topics` and compared by a test, so the cluster's topics cannot drift
// from the topics the services use.
import { instancePartitions, topicCatalogue, type TopicDefinition } from './topic-catalogue';

/** Options of {@link renderKafkaTopicManifests}. */
export interface KafkaTopicManifestOptions {
  /**
   * The `Kafka` resource the topics belong to (label `strimzi.io/cluster`).
   * @default 'baton'
   */
  readonly cluster?: string;
  /**
   * Replicas of every partition; the dev overlay patches it down to its single broker.
   * @default 3
   */
  readonly replicas?: number;
}

/** Where the manifests live, relative to the repository root. */
export const kafkaTopicManifestPath = 'k8s/base/kafka/topics.yaml';

const header = (
  cluster: string,
): string => `# Generated from topics/src/topic-catalogue.ts by \`npm run k8s:topics\`. Do not edit by hand.
#
# One Strimzi KafkaTopic per fixed topic of the catalogue, with its partitions, for the Kafka
# cluster "${cluster}". The job topics (baton.jobs.<type>.v1, one per job type) are not listed: the
# engine creates each when a process using its job type is deployed (${instancePartitions} partitions, the
# broker's default.replication.factor), as it creates any missing fixed topic at start.
`;

function manifest(topic: TopicDefinition, cluster: string, replicas: number): string {
  return `---
# ${topic.description} Key: ${topic.key}.
apiVersion: kafka.strimzi.io/v1beta2
kind: KafkaTopic
metadata:
  name: ${topic.name}
  labels:
    strimzi.io/cluster: ${cluster}
    app.kubernetes.io/part-of: baton
spec:
  topicName: ${topic.name}
  partitions: ${topic.partitions}
  replicas: ${replicas}
`;
}

/** The manifests file: a header, then one document per catalogue topic in catalogue order. */
export function renderKafkaTopicManifests(options: KafkaTopicManifestOptions = {}): string {
  const cluster = options.cluster ?? 'baton';
  const replicas = options.replicas ?? 3;
  return (
    header(cluster) +
    Object.values(topicCatalogue)
      .map((topic) => manifest(topic, cluster, replicas))
      .join('')
  );
}

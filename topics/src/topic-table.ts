// The docs table of topics, rendered from the catalogue: docs/topics.md is this text, written by
// `npm run topics:docs` and compared by a test, so the documentation cannot drift from the code.
import {
  instancePartitions,
  jobTopicDefinition,
  topicCatalogue,
  type TopicDefinition,
} from './topic-catalogue';

const header = `<!-- Generated from topics/src/topic-catalogue.ts by \`npm run topics:docs\`. Do not edit by hand. -->

# Kafka topics

Every topic Baton uses, as declared in the catalogue (\`topics/\`). Names take the environment
prefix \`TOPIC_PREFIX\` (e.g. \`dev.baton.engine.commands.v1\`). Every message carries the headers
\`messageId\` and \`traceparent\`, and \`processInstanceKey\` where it applies; a message that fails
its schema goes to \`baton.dlq.v1\` with the reason, and the consumer goes on. The engine creates
missing topics at start, and the job topic of each job type when a process using it is deployed.
`;

function row(topic: TopicDefinition): string {
  const cells = [
    `\`${topic.name}\``,
    String(topic.partitions),
    topic.key,
    topic.producers.join('; '),
    topic.consumers.join('; '),
    topic.description,
  ];
  return `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
}

/** The Markdown of docs/topics.md. */
export function renderTopicTable(): string {
  const example = { ...jobTopicDefinition('<type>'), name: 'baton.jobs.<type>.v1' };
  const rows = [...Object.values(topicCatalogue), example].map(row);
  return [
    header,
    '| Topic | Partitions | Key | Producers | Consumers | Carries |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    `Job types with characters Kafka does not allow in topic names (anything but letters, digits, \`.\` and \`-\`)`,
    'are written as `_` plus the hex code of the character: jobs of type `io.camunda:http-json:1` travel on',
    '`baton.jobs.io.camunda_3ahttp-json_3a1.v1`.',
    '',
    `Instance-keyed topics have ${instancePartitions} partitions: engine replicas scale up to that many.`,
    '',
  ].join('\n');
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { topicCatalogue } from './topic-catalogue';
import { renderTopicTable } from './topic-table';

describe('docs/topics.md', () => {
  it('is what the catalogue renders (run `npm run topics:docs` after changing a topic)', () => {
    const committed = readFileSync(path.resolve(import.meta.dirname, '../../docs/topics.md'), 'utf8');
    expect(committed).toBe(renderTopicTable());
  });

  it('lists every catalogue topic with its partitions', () => {
    const table = renderTopicTable();
    for (const topic of Object.values(topicCatalogue))
      expect(table).toContain(`| \`${topic.name}\` | ${topic.partitions} |`);
  });
});

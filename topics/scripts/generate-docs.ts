// `npm run topics:docs`: writes docs/topics.md from the catalogue.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderTopicTable } from '../src/topic-table';

const target = path.resolve(process.cwd(), 'docs/topics.md');
writeFileSync(target, renderTopicTable());
console.log(`wrote ${path.relative(process.cwd(), target)}`);

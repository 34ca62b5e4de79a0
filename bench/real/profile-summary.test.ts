import {
  renderProfileSummary,
  summarizeProfile,
  type CpuProfile,
  type CpuProfileNode,
} from './profile-summary';

const repo = 'file:///repo';

function frame(
  id: number,
  functionName: string,
  url: string,
  children: number[] = [],
  lineNumber = 0,
): CpuProfileNode {
  return { id, callFrame: { functionName, url, lineNumber, columnNumber: 0 }, children };
}

/**
 * A request handler calling the MongoDB driver (which calls native writev, and a Node stream
 * that calls native writeBuffer), JSON.parse, FEEL, zod and engine-core; and the event loop's
 * own microtask queue.
 */
const nodes: CpuProfileNode[] = [
  frame(1, '(root)', '', [2, 3, 4, 9, 10, 15]),
  frame(2, '(program)', ''),
  frame(3, '(garbage collector)', ''),
  frame(4, 'handleRequest', `${repo}/services/engine/src/rest/app.ts`, [5, 6, 8, 11, 12], 41),
  frame(5, 'find', `${repo}/node_modules/mongodb/lib/collection.js`, [7, 13], 99),
  frame(6, 'parse', ''),
  frame(7, 'writev', ''),
  frame(8, 'evaluate', `${repo}/node_modules/feelin/dist/index.js`),
  frame(9, '(idle)', ''),
  frame(10, 'send', `${repo}/node_modules/kafkajs/src/producer/index.js`),
  frame(11, 'safeParse', `${repo}/node_modules/zod/v4/core/parse.js`),
  frame(12, 'applyCommand', `${repo}/libs/engine-core/src/apply.ts`),
  frame(13, 'writeGeneric', 'node:internal/stream_base_commons', [14], 150),
  frame(14, 'writeBuffer', ''),
  frame(15, 'processTicksAndRejections', 'node:internal/process/task_queues', [16], 104),
  frame(16, 'runMicrotasks', ''),
];

/** A profile whose samples hit the given nodes for the given microseconds, one after the other. */
function profileOf(timeline: readonly (readonly [nodeId: number, durationUs: number])[]): CpuProfile {
  const timeDeltas = timeline.map((_, index) => (index === 0 ? 0 : timeline[index - 1]![1]));
  const endTime = timeline.reduce((sum, [, duration]) => sum + duration, 0);
  return { nodes, startTime: 0, endTime, samples: timeline.map(([nodeId]) => nodeId), timeDeltas };
}

describe('summarizeProfile', () => {
  const profile = profileOf([
    [5, 3000], // find (mongodb)
    [7, 2000], // writev, called by the mongodb driver
    [6, 1500], // JSON.parse
    [3, 1000], // GC
    [9, 10_000], // idle
    [10, 800], // kafkajs
    [5, 1000], // find again
    [8, 700], // feelin
    [11, 400], // zod
    [12, 600], // engine-core
    [4, 500], // the handler itself
    [2, 300], // (program)
    [14, 900], // writeBuffer, for a stream the mongodb driver writes to
    [13, 100], // that stream
    [16, 200], // runMicrotasks, for the event loop
    [15, 50], // the event loop
  ]);
  const summary = summarizeProfile(profile);
  const categoryMs = Object.fromEntries(summary.categories.map((entry) => [entry.category, entry.selfMs]));

  it('sums the self time of every sample, and tells the idle time apart', () => {
    expect(summary.totalMs).toBeCloseTo(23.05);
    expect(summary.busyMs).toBeCloseTo(13.05);
  });

  it('aggregates by category, counting native code and Node internals for their caller, JSON on its own', () => {
    const expected = {
      'mongodb driver': 7,
      JSON: 1.5,
      GC: 1,
      '(idle)': 10,
      kafkajs: 0.8,
      'feelin (FEEL)': 0.7,
      zod: 0.4,
      'engine-core': 0.6,
      'Baton services/libs (other)': 0.5,
      '(program)': 0.3,
      'node internals': 0.25,
    };
    expect(Object.keys(categoryMs).sort()).toEqual(Object.keys(expected).sort());
    for (const [category, selfMs] of Object.entries(expected))
      expect(categoryMs[category]).toBeCloseTo(selfMs);
    expect(summary.categories[0]).toEqual({ category: '(idle)', selfMs: 10 });
  });

  it('aggregates by function, most self time first, with a readable location', () => {
    expect(summary.functions.slice(1, 3)).toEqual([
      {
        functionName: 'find',
        location: 'node_modules/mongodb/lib/collection.js:100',
        category: 'mongodb driver',
        selfMs: 4,
      },
      { functionName: 'writev', location: '', category: 'mongodb driver', selfMs: 2 },
    ]);
  });

  it('renders the top functions and the categories as shares of the busy time', () => {
    const text = renderProfileSummary(summary, 'replica', 2);
    expect(text).toContain(
      '| 4 | 30.7 % | find | node_modules/mongodb/lib/collection.js:100 | mongodb driver |',
    );
    expect(text).toContain('| mongodb driver | 7 | 53.6 % |');
    expect(text).not.toContain('| parse |');
    expect(text).not.toContain('(idle) |');
  });

  it('falls back to hit counts spread over the profile when there is no sample timeline', () => {
    const byHits = summarizeProfile({
      nodes: nodes.map((node) => ({ ...node, hitCount: node.id === 5 ? 3 : node.id === 6 ? 1 : 0 })),
      startTime: 0,
      endTime: 8000,
    });
    expect(byHits.functions.map((entry) => [entry.functionName, entry.selfMs])).toEqual([
      ['find', 6],
      ['parse', 2],
    ]);
  });
});

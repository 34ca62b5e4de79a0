// What a V8 CPU profile (`node --cpu-prof`, a .cpuprofile file) spent its time on: self time per
// function and per category (MongoDB driver, kafkajs, engine-core, FEEL, zod, HTTP, JSON, GC, …).
// Also a command line: `npx tsx bench/real/profile-summary.ts FILE.cpuprofile [FILE…] [--top N]`.
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The parts of the .cpuprofile format (Chrome DevTools protocol `Profiler.Profile`) used here. */
export interface CpuProfile {
  readonly nodes: readonly CpuProfileNode[];
  /** Microseconds. */
  readonly startTime: number;
  readonly endTime: number;
  /** The node id of each sample. */
  readonly samples?: readonly number[];
  /** Microseconds from the previous sample (the first: from startTime). */
  readonly timeDeltas?: readonly number[];
}

export interface CpuProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
    readonly columnNumber?: number;
  };
  readonly hitCount?: number;
  readonly children?: readonly number[];
}

export const profileCategories = [
  'mongodb driver',
  'kafkajs',
  'engine-core',
  'feelin (FEEL)',
  'zod',
  'express/http',
  'JSON',
  'Baton services/libs (other)',
  'node internals',
  'module loading (tsx, start-up)',
  'GC',
  '(program)',
  '(idle)',
  'other',
] as const;
export type ProfileCategory = (typeof profileCategories)[number];

export interface FunctionSelfTime {
  readonly functionName: string;
  /** `file[:line]` relative to the repository or node_modules; empty for native code. */
  readonly location: string;
  readonly category: ProfileCategory;
  readonly selfMs: number;
}

export interface ProfileSummary {
  /** Sampled wall time, idle included. */
  readonly totalMs: number;
  /** Sampled time not idle: the share base of the figures below. */
  readonly busyMs: number;
  /** Every function with self time, most first. */
  readonly functions: readonly FunctionSelfTime[];
  /** Every category with self time, most first. */
  readonly categories: readonly { readonly category: ProfileCategory; readonly selfMs: number }[];
}

const httpPackages = [
  'express',
  'body-parser',
  'router',
  'raw-body',
  'finalhandler',
  'send',
  'on-finished',
  'type-is',
  'content-type',
  'accepts',
  'negotiator',
  'iconv-lite',
  'qs',
  'path-to-regexp',
  'http-errors',
  'statuses',
  'mime-types',
  'parseurl',
  'proxy-addr',
  'multer',
  'busboy',
  'undici',
];
const packageCategories: readonly (readonly [RegExp, ProfileCategory])[] = [
  [/\/node_modules\/(mongodb|bson|@mongodb-js)[/-]/, 'mongodb driver'],
  [/\/node_modules\/kafkajs\//, 'kafkajs'],
  [/\/node_modules\/(feelin|lezer-feel|@lezer)\//, 'feelin (FEEL)'],
  [/\/node_modules\/zod\//, 'zod'],
  [new RegExp(`/node_modules/(${httpPackages.join('|')})/`), 'express/http'],
  [/\/node_modules\/(tsx|esbuild|get-tsconfig)\//, 'module loading (tsx, start-up)'],
];

/** The category of code at `url` (not empty). */
function categoryOfUrl(url: string): ProfileCategory {
  for (const [pattern, category] of packageCategories) if (pattern.test(url)) return category;
  if (url.includes('/node_modules/')) return 'other';
  if (/\/libs\/engine-core\//.test(url)) return 'engine-core';
  if (/\/(libs|services|topics)\//.test(url)) return 'Baton services/libs (other)';
  if (/^node:(_http_|http|internal\/http)/.test(url)) return 'express/http';
  if (/^node:internal\/(modules|main|bootstrap)\//.test(url)) return 'module loading (tsx, start-up)';
  if (url.startsWith('node:')) return 'node internals';
  return 'other';
}

const vmFrames: Readonly<Record<string, ProfileCategory>> = {
  '(garbage collector)': 'GC',
  '(program)': '(program)',
  '(idle)': '(idle)',
};

/**
 * A frame's own category, or `undefined` for code that works on behalf of its caller: native
 * frames (a socket write, a Buffer copy, a hash…) and Node's internals (streams, events, net)
 * count for the nearest caller with a category of its own, so a socket write the MongoDB driver
 * asked for is the driver's. VM pseudo-frames have their own category, and JSON.parse /
 * JSON.stringify (native `parse` / `stringify` without a url) are JSON wherever they are called.
 */
function ownCategory(node: CpuProfileNode): ProfileCategory | undefined {
  const { functionName, url } = node.callFrame;
  if (url === '') {
    if (functionName === 'parse' || functionName === 'stringify') return 'JSON';
    return vmFrames[functionName];
  }
  const category = categoryOfUrl(url);
  return category === 'node internals' ? undefined : category;
}

function shortLocation(url: string, lineNumber: number): string {
  if (url === '') return '';
  let file = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
  const modules = file.lastIndexOf('/node_modules/');
  if (modules >= 0) file = file.slice(modules + 1);
  else if (path.isAbsolute(file)) file = path.relative(process.cwd(), file);
  // tsx's transpiled modules put every function on line 1; a line number there says nothing.
  return lineNumber > 0 ? `${file}:${lineNumber + 1}` : file;
}

/** Self time of each node, ms: from the sample timeline when present, else hit counts × the mean interval. */
function selfTimeByNode(profile: CpuProfile): Map<number, number> {
  const selfMs = new Map<number, number>();
  const { samples, timeDeltas } = profile;
  if (samples && timeDeltas && samples.length === timeDeltas.length && samples.length > 0) {
    // Sample i lasts from its timestamp to the next one (the last: to endTime).
    let timestamp = profile.startTime;
    const timestamps = timeDeltas.map((delta) => (timestamp += delta));
    samples.forEach((nodeId, index) => {
      const end = timestamps[index + 1] ?? profile.endTime;
      const durationUs = Math.max(0, end - timestamps[index]!);
      selfMs.set(nodeId, (selfMs.get(nodeId) ?? 0) + durationUs / 1000);
    });
    return selfMs;
  }
  const hits = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
  const msPerHit = hits > 0 ? (profile.endTime - profile.startTime) / 1000 / hits : 0;
  for (const node of profile.nodes) if (node.hitCount) selfMs.set(node.id, node.hitCount * msPerHit);
  return selfMs;
}

/** Aggregates a profile's self time by function and by category. */
export function summarizeProfile(profile: CpuProfile): ProfileSummary {
  const nodesById = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

  // The category of a node, or of its nearest ancestor with one; null: none up to the root.
  const inherited = new Map<number, ProfileCategory | null>();
  const inheritedCategory = (nodeId: number): ProfileCategory | null => {
    const known = inherited.get(nodeId);
    if (known !== undefined) return known;
    const node = nodesById.get(nodeId);
    const parentId = parentOf.get(nodeId);
    const own = node ? ownCategory(node) : undefined;
    const category = own ?? (parentId === undefined ? null : inheritedCategory(parentId));
    inherited.set(nodeId, category);
    return category;
  };
  // Internals and native code that no library or application code asked for: the event loop, Node itself.
  const resolveCategory = (nodeId: number): ProfileCategory => inheritedCategory(nodeId) ?? 'node internals';

  const functions = new Map<string, FunctionSelfTime & { selfMs: number }>();
  const categories = new Map<ProfileCategory, number>();
  let totalMs = 0;
  for (const [nodeId, selfMs] of selfTimeByNode(profile)) {
    const node = nodesById.get(nodeId);
    if (!node || selfMs <= 0) continue;
    const category = resolveCategory(nodeId);
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const key = `${functionName}\u0000${url}\u0000${lineNumber}\u0000${columnNumber ?? -1}\u0000${category}`;
    const entry = functions.get(key) ?? {
      functionName: functionName || '(anonymous)',
      location: shortLocation(url, lineNumber),
      category,
      selfMs: 0,
    };
    entry.selfMs += selfMs;
    functions.set(key, entry);
    categories.set(category, (categories.get(category) ?? 0) + selfMs);
    totalMs += selfMs;
  }
  return {
    totalMs,
    busyMs: totalMs - (categories.get('(idle)') ?? 0),
    functions: [...functions.values()].sort((a, b) => b.selfMs - a.selfMs),
    categories: [...categories]
      .map(([category, selfMs]) => ({ category, selfMs }))
      .sort((a, b) => b.selfMs - a.selfMs),
  };
}

const ms = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 0 });
const percent = (part: number, whole: number) =>
  whole > 0 ? `${((100 * part) / whole).toFixed(1)} %` : 'n/a';

/** The summary as Markdown: the top functions by self time, then the categories; shares are of the busy (non-idle) time. */
export function renderProfileSummary(summary: ProfileSummary, title: string, top = 20): string {
  const idleMs = summary.totalMs - summary.busyMs;
  return [
    `### ${title}`,
    '',
    `${ms(summary.totalMs)} ms sampled: ${ms(summary.busyMs)} ms busy, ${ms(idleMs)} ms idle. Shares are of the busy time; native code and Node internals count for the category of the code that called them.`,
    '',
    '| Self ms | Share | Function | Location | Category |',
    '|---:|---:|---|---|---|',
    ...summary.functions
      .filter((entry) => entry.category !== '(idle)')
      .slice(0, top)
      .map(
        (entry) =>
          `| ${ms(entry.selfMs)} | ${percent(entry.selfMs, summary.busyMs)} | ${entry.functionName} | ${entry.location} | ${entry.category} |`,
      ),
    '',
    '| Category | Self ms | Share |',
    '|---|---:|---:|',
    ...summary.categories
      .filter((entry) => entry.category !== '(idle)')
      .map(
        (entry) => `| ${entry.category} | ${ms(entry.selfMs)} | ${percent(entry.selfMs, summary.busyMs)} |`,
      ),
  ].join('\n');
}

/** Reads and summarises a .cpuprofile file. */
export function summarizeProfileFile(file: string): ProfileSummary {
  return summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
}

// Run as a script? (Checked through argv: jest loads this file as CommonJS, without import.meta.)
if (/[/\\]profile-summary\.ts$/.test(process.argv[1] ?? '')) {
  const args = process.argv.slice(2);
  const topIndex = args.indexOf('--top');
  const top = topIndex >= 0 ? Number(args.splice(topIndex, 2)[1]) : 20;
  if (args.length === 0 || !Number.isInteger(top) || top < 1) {
    process.stderr.write('usage: npx tsx bench/real/profile-summary.ts FILE.cpuprofile [FILE…] [--top N]\n');
    process.exitCode = 2;
  } else {
    for (const file of args)
      process.stdout.write(
        `${renderProfileSummary(summarizeProfileFile(file), path.basename(file), top)}\n\n`,
      );
  }
}

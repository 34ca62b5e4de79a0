// `npm run lint`'s cycle check: reads every TypeScript file of the workspace's packages, builds
// the file graph with type-only imports counted (import-x/no-cycle does not see those) and exits 1
// when any files import each other in a loop, printing one chain of paths per loop.
import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import path from 'node:path';
import {
  buildImportGraph,
  findImportCycles,
  formatImportCycles,
  type WorkspacePackage,
} from './import-cycles';

const workspaceRoot = path.resolve(import.meta.dirname, '..');
const sourceRoots = ['topics', 'libs', 'services', 'bench'];
const skippedFolders = new Set(['node_modules', '.infra', 'dist', 'coverage']);

function listTypeScriptFiles(folder: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(path.join(workspaceRoot, folder), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const relative = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return skippedFolders.has(entry.name) ? [] : listTypeScriptFiles(relative);
    return /\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

/** The root package.json's workspaces (`libs/*` or a plain folder), each with its exports map. */
function readWorkspacePackages(): Map<string, WorkspacePackage> {
  const root = readJson('package.json') as { workspaces?: string[] };
  const dirs = (root.workspaces ?? []).flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [pattern];
    const parent = pattern.slice(0, -2);
    return readdirSync(path.join(workspaceRoot, parent), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${parent}/${entry.name}`);
  });
  const packages = new Map<string, WorkspacePackage>();
  for (const dir of dirs) {
    let manifest: { name?: string; exports?: unknown };
    try {
      manifest = readJson(`${dir}/package.json`) as typeof manifest;
    } catch {
      continue; // a folder without a package.json is no package
    }
    if (manifest.name)
      packages.set(manifest.name, { name: manifest.name, dir, exports: exportsMap(manifest.exports) });
  }
  return packages;
}

/** `exports` as subpath → file: a string is `.`; a conditional entry gives its first file. */
function exportsMap(exports: unknown): Record<string, string> {
  if (typeof exports === 'string') return { '.': exports };
  if (!exports || typeof exports !== 'object') return {};
  const map: Record<string, string> = {};
  for (const [subpath, target] of Object.entries(exports)) {
    const file = firstFile(target);
    if (file !== undefined) map[subpath] = file;
  }
  return map;
}

function firstFile(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  if (!target || typeof target !== 'object') return undefined;
  for (const value of Object.values(target)) {
    const file = firstFile(value);
    if (file !== undefined) return file;
  }
  return undefined;
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(path.join(workspaceRoot, file), 'utf8'));
}

const files = sourceRoots.flatMap(listTypeScriptFiles);
const sources = new Map(files.map((file) => [file, readFileSync(path.join(workspaceRoot, file), 'utf8')]));
const cycles = findImportCycles(buildImportGraph(sources, readWorkspacePackages()));
if (cycles.length > 0) {
  console.error(formatImportCycles(cycles));
  process.exitCode = 1;
} else {
  console.log(`No import cycles among ${files.length} files (type-only imports included).`);
}

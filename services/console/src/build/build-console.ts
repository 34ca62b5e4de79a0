// Builds the web console in memory when the gateway starts: the TypeScript app bundled by esbuild
// (with socket.io-client and the form-js viewer), the static page and styles, bpmn-js's prebuilt
// viewer bundle and form-js's styles.
// Nothing built is committed or written to disk.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';

export interface ConsoleAsset {
  readonly contentType: string;
  readonly body: Buffer;
}

/** The console's files by URL path (`/index.html`, `/app.js`, …). */
export type ConsoleAssets = ReadonlyMap<string, ConsoleAsset>;

export interface BuildConsoleOptions {
  /**
   * The `services/console` folder.
   * @default resolved as the `@baton/console` package from the working directory
   */
  readonly packageDir?: string;
  /**
   * Minify the app bundle.
   * @default true
   */
  readonly minify?: boolean;
}

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Files copied as they are: URL path → path relative to the package or a package it depends on. */
const staticFiles: readonly {
  readonly url: string;
  readonly from: 'console' | 'bpmn-js' | 'form-js';
  readonly file: string;
}[] = [
  { url: '/index.html', from: 'console', file: 'public/index.html' },
  { url: '/styles.css', from: 'console', file: 'public/styles.css' },
  {
    url: '/vendor/bpmn-navigated-viewer.js',
    from: 'bpmn-js',
    file: 'dist/bpmn-navigated-viewer.production.min.js',
  },
  { url: '/vendor/diagram-js.css', from: 'bpmn-js', file: 'dist/assets/diagram-js.css' },
  { url: '/vendor/bpmn-js.css', from: 'bpmn-js', file: 'dist/assets/bpmn-js.css' },
  { url: '/vendor/form-js.css', from: 'form-js', file: 'dist/assets/form-js.css' },
];

export async function buildConsoleAssets(options: BuildConsoleOptions = {}): Promise<ConsoleAssets> {
  const packageDir = options.packageDir ?? defaultPackageDir();
  // bpmn-js has no exports map: its files are found next to its package.json.
  const bpmnJsDir = path.dirname(
    createRequire(path.join(packageDir, 'package.json')).resolve('bpmn-js/package.json'),
  );
  const formJsDir = path.dirname(
    createRequire(path.join(packageDir, 'package.json')).resolve('@bpmn-io/form-js-viewer/package.json'),
  );
  const roots = { console: packageDir, 'bpmn-js': bpmnJsDir, 'form-js': formJsDir };
  const assets = new Map<string, ConsoleAsset>();
  await Promise.all(
    staticFiles.map(async ({ url, from, file }) => {
      assets.set(url, {
        contentType: contentTypeOf(url),
        body: await readFile(path.join(roots[from], file)),
      });
    }),
  );
  const bundle = await build({
    entryPoints: [path.join(packageDir, 'src', 'app', 'main.tsx')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    minify: options.minify ?? true,
    sourcemap: 'linked',
    outfile: path.join(packageDir, 'app.js'),
    logLevel: 'silent',
  });
  for (const output of bundle.outputFiles) {
    const url = `/${path.basename(output.path)}`;
    assets.set(url, { contentType: contentTypeOf(url), body: Buffer.from(output.contents) });
  }
  return assets;
}

function contentTypeOf(url: string): string {
  return contentTypes[path.extname(url)] ?? 'application/octet-stream';
}

/** `@baton/console` as the workspace links it, found from the working directory (the repository). */
function defaultPackageDir(): string {
  const requireFromCwd = createRequire(path.join(process.cwd(), 'package.json'));
  return path.dirname(requireFromCwd.resolve('@baton/console/package.json'));
}

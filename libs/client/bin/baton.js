#!/usr/bin/env node
// Launcher of the `baton` CLI: registers tsx and runs the TypeScript entry. Resolved through
// realpath so it works when invoked via the node_modules/.bin/baton symlink or npx.
import { realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

const binDirectory = dirname(realpathSync(fileURLToPath(import.meta.url)));
register();
await import(pathToFileURL(join(binDirectory, '..', 'src', 'cli', 'main.ts')).href);

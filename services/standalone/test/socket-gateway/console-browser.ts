// What the console's browser tests share: the Debian Chromium they drive (playwright-core), the
// folder their screenshots go to, and how long a step in the page may take.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const chromiumPath = process.env['BATON_CHROMIUM'] ?? '/usr/bin/chromium';

/** test-screenshots/console/ at the repository's root (git-ignored). */
export const screenshotDir = path.resolve(
  import.meta.dirname,
  '..',
  '..',
  '..',
  '..',
  'test-screenshots',
  'console',
);

/** How long the tests wait for the console to show something. */
export const uiTimeoutMs = 15_000;

/** Headless Chromium, after making the screenshot folder; a clear error when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath))
    throw new Error(
      `No Chromium at ${chromiumPath}: run scripts/install-chromium.sh (or set BATON_CHROMIUM).`,
    );
  await mkdir(screenshotDir, { recursive: true });
  return chromium.launch({ executablePath: chromiumPath, headless: true });
}

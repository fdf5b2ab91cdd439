#!/usr/bin/env node
// Thin launcher: the CLI is bundled to build/cli.mjs by `npm run build` (run automatically by `npm install`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../build/cli.mjs', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write(
    'dropbox-token-tray is not built yet. Run "npm run build" in the project folder, then try again.\n',
  );
  process.exit(2);
}
await import(pathToFileURL(cli).href);

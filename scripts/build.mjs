// Bundles the Node/Electron entry points with esbuild. The preload must be one CommonJS file:
// sandboxed preloads cannot load ESM or require local modules.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { build as viteBuild } from 'vite';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };
const entries = [
  { entryPoints: ['electron/cli/index.ts'], outfile: 'build/cli.mjs', format: 'esm', packages: 'external' },
  { entryPoints: ['electron/main/index.ts'], outfile: 'build/main.mjs', format: 'esm', packages: 'external' },
  { entryPoints: ['electron/preload/index.ts'], outfile: 'build/preload.cjs', format: 'cjs', external: ['electron'] },
];
await Promise.all(entries.filter((e) => existsSync(e.entryPoints[0])).map((e) => build({ ...common, ...e })));

// The window's UI: Vite + React from renderer/ into build/renderer (see vite.config.ts).
if (existsSync('renderer/index.html')) await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });

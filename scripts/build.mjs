// Bundles the Node/Electron entry points with esbuild. The preload must be one CommonJS file:
// sandboxed preloads cannot load ESM or require local modules.
import { build } from 'esbuild';
import { existsSync, rmSync } from 'node:fs';
import { build as viteBuild } from 'vite';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };
const entries = [
  // Split so a command loads only what it uses: build/cli.mjs stays the entry, the core service
  // and its packages come from build/cli-chunks/ by dynamic import() (see electron/cli/service-loader.ts).
  {
    entryPoints: { cli: 'electron/cli/index.ts' },
    outdir: 'build',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'cli-chunks/[name]-[hash]',
    splitting: true,
    format: 'esm',
    packages: 'external',
  },
  { entryPoints: ['electron/main/index.ts'], outfile: 'build/main.mjs', format: 'esm', packages: 'external' },
  { entryPoints: ['electron/preload/index.ts'], outfile: 'build/preload.cjs', format: 'cjs', external: ['electron'] },
];
rmSync('build/cli-chunks', { recursive: true, force: true });
await Promise.all(
  entries
    .filter((e) => Object.values(e.entryPoints).every((f) => existsSync(f)))
    .map((e) => build({ ...common, ...e })),
);

// The window's UI: Vite + React from renderer/ into build/renderer (see vite.config.ts).
if (existsSync('renderer/index.html')) await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });

// The esbuild entry points, shared by `npm run build` (build.mjs) and `npm run dev` (dev.mjs).
// The preload must be one CommonJS file: sandboxed preloads cannot load ESM or require local modules.
import { existsSync } from 'node:fs';

export const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };
export const entries = [
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
].filter((e) => Object.values(e.entryPoints).every((f) => existsSync(f)));

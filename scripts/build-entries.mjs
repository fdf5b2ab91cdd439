// The esbuild entry points, shared by `npm run build` (build.mjs) and `npm run dev` (dev.mjs).
// The preload must be one CommonJS file: sandboxed preloads cannot load ESM or require local modules.
import { existsSync } from 'node:fs';

export const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };
export const entries = [
  { entryPoints: ['electron/cli/index.ts'], outfile: 'build/cli.mjs', format: 'esm', packages: 'external' },
  { entryPoints: ['electron/main/index.ts'], outfile: 'build/main.mjs', format: 'esm', packages: 'external' },
  { entryPoints: ['electron/preload/index.ts'], outfile: 'build/preload.cjs', format: 'cjs', external: ['electron'] },
].filter((e) => existsSync(e.entryPoints[0]));

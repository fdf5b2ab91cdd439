import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { benchDetect } from './bench-detect';
import { benchSync, printSync } from './bench-sync';
import { measureStartup, printStartup, STARTUP_BUDGET_RATIO } from './bench-startup';

// Benchmarks run by `npm run bench`: project sync (50 and 100 projects, to show it grows
// linearly), detection in a 35,000-file project (walked, and as a git repository) and how much JavaScript the window loads, gzipped, against the 150 KB budget
// (test/node/renderer-size.test.ts enforces it), and the CLI's start-up against a bare Node
// (test/node/cli-startup.test.ts enforces its budget).

export const RENDERER_JS_BUDGET_KB = 150;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface RendererSize {
  files: Array<{ file: string; bytes: number; gzipBytes: number }>;
  totalGzipKB: number;
}

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return jsFiles(full);
    return entry.isFile() && entry.name.endsWith('.js') ? [full] : [];
  });
}

/** Gzips (level 9) every .js under the built renderer and prints the total. Build first. */
export async function rendererSize(
  dir = path.join(repoRoot, 'build', 'renderer'),
  log: (line: string) => void = console.log,
): Promise<RendererSize> {
  const files = jsFiles(dir).map((file) => {
    const data = readFileSync(file);
    return { file: path.relative(dir, file), bytes: data.length, gzipBytes: gzipSync(data, { level: 9 }).length };
  });
  if (files.length === 0) throw new Error(`no .js files under ${dir}: run "npm run build" first`);
  const totalGzipKB = files.reduce((sum, f) => sum + f.gzipBytes, 0) / 1024;
  for (const f of files)
    log(`  ${f.file}: ${(f.bytes / 1024).toFixed(1)} KB, ${(f.gzipBytes / 1024).toFixed(1)} KB gzipped`);
  log(`renderer JavaScript: ${totalGzipKB.toFixed(1)} KB gzipped (budget ${RENDERER_JS_BUDGET_KB} KB)`);
  return { files, totalGzipKB };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  printSync('sync, 50 projects', await benchSync(50));
  printSync('sync, 100 projects', await benchSync(100));
  if (!(await benchDetect())) process.exitCode = 1;
  const startup = measureStartup(9);
  printStartup(startup);
  if (startup.ratio > STARTUP_BUDGET_RATIO) process.exitCode = 1;
  const size = await rendererSize();
  if (size.totalGzipKB > RENDERER_JS_BUDGET_KB) process.exitCode = 1;
}

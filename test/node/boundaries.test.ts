import { execFile } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/cli';

// The runtime boundaries are drawn twice, in eslint.config.js (import and global rules per
// zone) and in the per-runtime tsconfigs. Each case injects a violation into a copy of the
// tree, runs the real tools with the repo's own config on it, and expects the named rule or
// diagnostic. A copy, so tests running alongside never see the injected files.

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const eslintBin = path.join(path.dirname(require.resolve('eslint/package.json')), 'bin', 'eslint.js');
const tscBin = path.join(path.dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');

const COPIED = [
  'package.json',
  'eslint.config.js',
  'tsconfig.base.json',
  'tsconfig.json',
  'electron',
  'renderer',
  'test',
];
let tree = '';
beforeAll(() => {
  tree = mkdtempSync(path.join(os.tmpdir(), 'dtt-boundaries-'));
  for (const entry of COPIED) {
    cpSync(path.join(repoRoot, entry), path.join(tree, entry), {
      recursive: true,
      filter: (src) => !src.includes(`${path.sep}fixtures${path.sep}`),
    });
  }
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(tree, 'node_modules'), 'dir');
});
afterAll(() => {
  if (tree) rmSync(tree, { recursive: true, force: true });
});

let count = 0;
const probes: string[] = [];
const originals = new Map<string, string>();
afterEach(() => {
  for (const file of probes.splice(0)) rmSync(file);
  for (const [file, text] of originals) writeFileSync(file, text);
  originals.clear();
});

/** Writes `code` to a fresh file in `dir` (relative to the tree) and returns its absolute path. */
function probe(dir: string, code: string): string {
  const file = path.join(tree, dir, `boundary-probe-${count++}.ts`);
  probes.push(file);
  writeFileSync(file, code);
  return file;
}

/** Appends `code` to a real file of the copied tree and returns its absolute path. */
function inject(file: string, code: string): string {
  const target = path.join(tree, file);
  if (!originals.has(target)) originals.set(target, readFileSync(target, 'utf8'));
  appendFileSync(target, code);
  return target;
}

interface Message {
  ruleId: string | null;
  line: number;
  message: string;
}

/** Lints only the given files, with the full config; returns each file's messages. */
async function lint(files: string[]): Promise<Map<string, Message[]>> {
  const args = [eslintBin, '--format', 'json', '--no-warn-ignored', ...files];
  const out = await run(process.execPath, args, { cwd: tree, maxBuffer: 16 << 20 }).then(
    (r) => r.stdout,
    (error: { stdout?: string }) => error.stdout ?? '',
  );
  const results = JSON.parse(out) as { filePath: string; messages: Message[] }[];
  return new Map(results.map((r) => [r.filePath, r.messages]));
}

/** Type-checks one project; returns its exit code and diagnostics. */
async function tsc(project: string): Promise<{ code: number; output: string }> {
  return run(process.execPath, [tscBin, '-p', project], { cwd: tree, maxBuffer: 16 << 20 }).then(
    (r) => ({ code: 0, output: r.stdout }),
    (error: { code?: number; stdout?: string }) => ({ code: error.code ?? 1, output: error.stdout ?? '' }),
  );
}

const rules = (messages: Message[] | undefined) => (messages ?? []).map((m) => `${m.line}:${m.ruleId}`).sort();

describe('runtime boundaries', () => {
  it('lint refuses each zone violation with the zone rule, and accepts what the zone allows', async () => {
    const cases = {
      // The example: Node in the window.
      renderer: inject(
        'renderer/src/lib/time.ts',
        `
import { readFileSync } from 'node:fs';
import { app } from 'electron';
import { configDir } from '../../../electron/core/paths';
export const leak = [readFileSync, process.env.HOME, app, configDir];
`,
      ),
      shared: probe(
        'electron/shared',
        `import path from 'node:path';
import { parse } from 'yaml';
export const leak = [path, parse, process.env.HOME, window.location];
`,
      ),
      sharedAllowed: probe(
        'electron/shared',
        `import { z } from 'zod';
import type { Document } from 'yaml';
import type { PublicStatus } from './state';
export const schema = z.string();
export type Both = Document | PublicStatus;
`,
      ),
      core: probe(
        'electron/core',
        `import { app } from 'electron';
import { registerIpcHandlers } from '../main/ipc';
export const leak = [app, registerIpcHandlers, window.location.href];
`,
      ),
      cli: probe('electron/cli', `import { shell } from 'electron';\nexport const leak = shell;\n`),
      main: probe(
        'electron/main',
        `import { ipcMain, type App } from 'electron';
import type { ElectronApi } from './electron-api';
export type Ok = App;
export function wire(electron: ElectronApi): void {
  ipcMain.handle('x', () => 1);
  electron.ipcMain.handle('y', () => 2);
}
`,
      ),
      mainAllowed: probe(
        'electron/main',
        `import type { App } from 'electron';
import type { ElectronApi } from './electron-api';
import { registerIpcHandlers } from './ipc';
export type Ok = App;
export const wire = (electron: ElectronApi, h: Parameters<typeof registerIpcHandlers>[1]) =>
  registerIpcHandlers(electron.ipcMain, h, () => true);
`,
      ),
      preload: probe(
        'electron/preload',
        `import { readFileSync } from 'node:fs';\nexport const leak = readFileSync;\n`,
      ),
      floating: probe(
        'electron/core',
        `export async function later(): Promise<void> {}\nexport function forget(): void {\n  later();\n}\n`,
      ),
    };
    const found = await lint(Object.values(cases));
    const lines = readFileSync(cases.renderer, 'utf8').split('\n').length;

    expect(rules(found.get(cases.renderer))).toEqual(
      [
        `${lines - 4}:no-restricted-imports`,
        `${lines - 3}:no-restricted-imports`,
        `${lines - 2}:no-restricted-imports`,
        `${lines - 1}:no-restricted-globals`,
      ].sort(),
    );
    expect(rules(found.get(cases.shared))).toEqual([
      '1:no-restricted-imports',
      '2:no-restricted-imports',
      '3:no-restricted-globals',
      '3:no-restricted-globals',
    ]);
    expect(found.get(cases.sharedAllowed)).toEqual([]);
    expect(rules(found.get(cases.core))).toEqual([
      '1:no-restricted-imports',
      '2:no-restricted-imports',
      '3:no-restricted-globals',
    ]);
    expect(rules(found.get(cases.cli))).toEqual(['1:no-restricted-imports']);
    expect(rules(found.get(cases.main))).toEqual([
      '1:no-restricted-imports',
      '5:no-restricted-syntax',
      '6:no-restricted-syntax',
    ]);
    expect(found.get(cases.mainAllowed)).toEqual([]);
    expect(rules(found.get(cases.preload))).toEqual(['1:no-restricted-imports']);
    expect(rules(found.get(cases.floating))).toEqual(['3:@typescript-eslint/no-floating-promises']);
  }, 120_000);

  it('the window project has no Node types, and the Node project has no DOM', async () => {
    const renderer = inject(
      'renderer/src/lib/time.ts',
      `import { readFileSync } from 'node:fs';\nexport const leak = [readFileSync, process.env.HOME];\n`,
    );
    const core = inject('electron/core/paths.ts', `export const leak = window.location.href;\n`);
    const line = (file: string) => readFileSync(file, 'utf8').split('\n').length;
    const [rendererLine, coreLine] = [line(renderer) - 2, line(core) - 1];
    const [window, node] = await Promise.all([tsc('renderer'), tsc('electron')]);

    const name = (file: string) => path.relative(tree, file).split(path.sep).join('/');
    expect(window.code).not.toBe(0);
    expect(window.output).toContain(
      `${name(renderer)}(${rendererLine},30): error TS2307: Cannot find module 'node:fs'`,
    );
    expect(window.output).toMatch(
      new RegExp(`${name(renderer)}\\(${rendererLine + 1},36\\): error TS\\d+: Cannot find name 'process'`),
    );
    expect(node.code).not.toBe(0);
    expect(node.output).toContain(`${name(core)}(${coreLine},21): error TS2304: Cannot find name 'window'`);
  }, 120_000);
});

import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/cli';

// The runtime boundaries are drawn twice, in eslint.config.js (import and global rules per
// zone) and in the per-runtime tsconfigs. Each case writes a probe file into a zone, runs the
// real tools with the repo's own config on it, and expects the named rule or diagnostic.
// Probes are removed afterwards; their names never match a test or build entry.

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const eslintBin = path.join(path.dirname(require.resolve('eslint/package.json')), 'bin', 'eslint.js');
const tscBin = path.join(path.dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');

const probes: string[] = [];
let count = 0;
afterEach(() => {
  for (const file of probes.splice(0)) rmSync(file, { force: true });
});

/** Writes `code` to a fresh file in `dir` (relative to the repo) and returns its absolute path. */
function probe(dir: string, code: string, ext = 'ts'): string {
  const file = path.join(repoRoot, dir, `boundary-probe-${process.pid}-${count++}.${ext}`);
  probes.push(file);
  writeFileSync(file, code);
  return file;
}

interface Message {
  ruleId: string | null;
  line: number;
  message: string;
}

/** Lints only the given files, with the full config; returns each file's messages. */
async function lint(files: string[]): Promise<Map<string, Message[]>> {
  const args = [eslintBin, '--format', 'json', '--no-warn-ignored', ...files];
  const out = await run(process.execPath, args, { cwd: repoRoot, maxBuffer: 16 << 20 }).then(
    (r) => r.stdout,
    (error: { stdout?: string }) => error.stdout ?? '',
  );
  const results = JSON.parse(out) as { filePath: string; messages: Message[] }[];
  return new Map(results.map((r) => [r.filePath, r.messages]));
}

/** Type-checks one project; returns its exit code and diagnostics. */
async function tsc(project: string): Promise<{ code: number; output: string }> {
  return run(process.execPath, [tscBin, '-p', project], { cwd: repoRoot, maxBuffer: 16 << 20 }).then(
    (r) => ({ code: 0, output: r.stdout }),
    (error: { code?: number; stdout?: string }) => ({ code: error.code ?? 1, output: error.stdout ?? '' }),
  );
}

const rules = (messages: Message[] | undefined) => (messages ?? []).map((m) => `${m.line}:${m.ruleId}`).sort();

describe('runtime boundaries', () => {
  it('lint refuses each zone violation with the zone rule, and accepts what the zone allows', async () => {
    const cases = {
      // The example: Node in the window.
      renderer: probe(
        'renderer/src/lib',
        `${readFileSync(path.join(repoRoot, 'renderer/src/lib/time.ts'), 'utf8')}
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
    const renderer = probe(
      'renderer/src/lib',
      `import { readFileSync } from 'node:fs';\nexport const leak = [readFileSync, process.env.HOME];\n`,
    );
    const core = probe('electron/core', `export const leak = window.location.href;\n`);
    const [window, node] = await Promise.all([tsc('renderer'), tsc('electron')]);

    const name = (file: string) => path.relative(repoRoot, file).split(path.sep).join('/');
    expect(window.code).not.toBe(0);
    expect(window.output).toContain(`${name(renderer)}(1,30): error TS2307: Cannot find module 'node:fs'`);
    expect(window.output).toMatch(new RegExp(`${name(renderer)}\\(2,36\\): error TS\\d+: Cannot find name 'process'`));
    expect(node.code).not.toBe(0);
    expect(node.output).toContain(`${name(core)}(1,21): error TS2304: Cannot find name 'window'`);
  }, 120_000);
});

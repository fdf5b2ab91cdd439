import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './cli';

// A generated project the size of a real one (35,000 files outside vendored folders), with the
// guide's engine buried deep inside it, plus a node_modules that detection must not read.

export const ENGINE_SETTINGS = 'services/ml/engine/src/cloud/training/config/settings.py';
export const ENGINE_PIPELINE = 'services/ml/engine/src/cloud/training/pipelines/daily_retrain.py';

const KINDS: Array<[string, (i: number) => string]> = [
  ['ts', (i) => `export const value${i} = ${i};\n// uses the api client, not storage\n`],
  ['py', (i) => `"""Module ${i}."""\n\nVALUE_${i} = ${i}\n\n\ndef f():\n    return "x${i}"\n`],
  ['json', (i) => `{"name": "pkg-${i}", "version": "1.0.${i}", "private": true}\n`],
  ['yaml', (i) => `name: job-${i}\nsteps:\n  - run: echo ${i}\n`],
  ['md', (i) => `# Notes ${i}\n\nNothing to see.\n`],
];

/** Creates the tree in a new temp folder and returns it. `files` counts files outside node_modules. */
export function bigProject(files = 35_000, vendored = 5_000): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'dtt-big-'));
  const perDir = 100;
  for (let i = 0; i < files - 2; i++) {
    const dir = path.join(
      root,
      `pkg${Math.floor(i / 2000)}`,
      `mod${Math.floor(i / 500)}`,
      `d${Math.floor(i / perDir)}`,
    );
    if (i % perDir === 0) mkdirSync(dir, { recursive: true });
    const [ext, body] = KINDS[i % KINDS.length]!;
    writeFileSync(path.join(dir, `f${i}.${ext}`), body(i));
  }
  for (let i = 0; i < vendored; i++) {
    const dir = path.join(root, 'node_modules', `dep${Math.floor(i / perDir)}`);
    if (i % perDir === 0) mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `f${i}.json`), '{"dropbox": {"access_token": ""}}\n');
  }
  const engine = path.join(root, 'services/ml/engine');
  mkdirSync(engine, { recursive: true });
  cpSync(path.join(repoRoot, 'test/fixtures/engine'), engine, { recursive: true });
  return root;
}

// Bundles the Node/Electron entry points with esbuild, then the window with Vite.
import { build } from 'esbuild';
import { existsSync, rmSync } from 'node:fs';
import { build as viteBuild } from 'vite';
import { common, entries } from './build-entries.mjs';

rmSync('build/cli-chunks', { recursive: true, force: true });
await Promise.all(entries.map((e) => build({ ...common, ...e })));

// The window's UI: Vite + React from renderer/ into build/renderer (see vite.config.ts).
if (existsSync('renderer/index.html')) await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });

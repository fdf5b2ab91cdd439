// `npm run dev`: the window from Vite's dev server (HMR), esbuild watching main/preload/cli, and
// the app itself: real Electron where its binary is, else the real main-process code on the
// Electron stand-in with the window in Chromium. `--check` prints that plan and starts nothing.
// Run through tsx (package.json), which lets this file read the stand-in's TypeScript helpers.
import { spawn } from 'node:child_process';
import { createServer as createNetServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { displayProblem, electronBinary } from '../test/support/electron-standin/electron-binary.ts';
import { common, entries } from './build-entries.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createNetServer().once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function plan() {
  const port = Number(process.env.DTT_DEV_PORT) || (await freePort());
  const binary = electronBinary(root);
  const display = displayProblem(process.platform, process.env);
  const standIn = !('path' in binary);
  const inspectPort = standIn && display !== null ? await freePort() : null;
  return {
    backend: standIn ? 'stand-in' : 'electron',
    why: standIn ? `no Electron binary: ${binary.missing}` : `Electron at ${binary.path}`,
    electronPath: standIn ? null : binary.path,
    rendererUrl: `http://127.0.0.1:${port}/`,
    port,
    // The stand-in's Chromium opens a real window only where there is a display.
    headed: display === null,
    display: display ?? 'available',
    inspectPort,
    inspectUrl: inspectPort ? `http://127.0.0.1:${inspectPort}/json` : null,
    watch: entries.map((e) => e.outfile ?? `${e.outdir}/cli.mjs`),
  };
}

const p = await plan();
if (process.argv.includes('--check')) {
  console.log(JSON.stringify(p, null, 2));
  process.exit(0);
}

const log = (msg) => console.log(`[dev] ${msg}`);
const { createServer } = await import('vite');
const esbuild = await import('esbuild');

const vite = await createServer({
  configFile: 'vite.config.ts',
  server: { host: '127.0.0.1', port: p.port, strictPort: true },
});
await vite.listen();
log(`window (Vite, HMR): ${p.rendererUrl}`);

let app = null;
let restarting = false;
function startBackend() {
  const env = { ...process.env, DTT_DEV_RENDERER_URL: p.rendererUrl };
  delete env.ELECTRON_RUN_AS_NODE;
  if (p.backend === 'electron') {
    const sandbox = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    app = spawn(p.electronPath, [...sandbox, 'build/main.mjs'], { env, stdio: 'inherit' });
  } else {
    if (p.inspectPort) env.DTT_DEV_INSPECT_PORT = String(p.inspectPort);
    if (p.headed) env.DTT_DEV_HEADED = '1';
    const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
    app = spawn(tsx, ['test/support/electron-standin/dev-session.ts'], { env, stdio: 'inherit' });
  }
  const child = app;
  child.on('exit', (code) => {
    if (app === child && !restarting) log(`the app exited (${code}); it starts again on the next main/preload change`);
  });
}
async function restartBackend() {
  restarting = true;
  const old = app;
  if (old && old.exitCode === null) {
    const gone = new Promise((resolve) => old.once('exit', resolve));
    old.kill('SIGTERM');
    await gone;
  }
  restarting = false;
  startBackend();
}

// main and preload changes restart the app; the CLI is just rebuilt (run `node build/cli.mjs`).
let firstBuilds = entries.length;
let ready;
const built = new Promise((resolve) => (ready = resolve));
const contexts = await Promise.all(
  entries.map((e) =>
    esbuild.context({
      ...common,
      ...e,
      plugins: [
        {
          name: 'dtt-dev-restart',
          setup(b) {
            let first = true;
            b.onEnd((result) => {
              if (first) {
                first = false;
                if (--firstBuilds === 0) ready();
                return;
              }
              if (result.errors.length)
                return log(`${e.outfile ?? 'build/cli.mjs'}: build failed, the app keeps running`);
              log(`rebuilt ${e.outfile ?? 'build/cli.mjs'}`);
              if (e.outfile) void restartBackend();
            });
          },
        },
      ],
    }),
  ),
);
await Promise.all(contexts.map((c) => c.watch()));
await built;

startBackend();
log(`app: ${p.backend === 'electron' ? 'Electron' : 'the Electron stand-in (real core and main code)'} — ${p.why}`);
if (p.backend === 'stand-in') {
  if (p.headed) log('the window opens in Chromium; edits under renderer/ apply at once (HMR)');
  else {
    log(`no window can be shown: ${p.display}`);
    log(
      `Chromium runs headless; inspect the window at ${p.inspectUrl} (or chrome://inspect → 127.0.0.1:${p.inspectPort})`,
    );
  }
}
log('renderer/ edits: HMR; electron/main or preload edits: the app restarts; Ctrl+C stops everything');

const stop = async () => {
  restarting = true;
  app?.kill('SIGTERM');
  await Promise.all(contexts.map((c) => c.dispose()));
  await vite.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

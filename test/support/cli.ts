import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect } from 'vitest';
import { startFakeDropbox, type FakeDropbox, type FakeDropboxOptions } from './fake-dropbox';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cliBin = path.join(repoRoot, 'bin', 'dropbox-token-tray.mjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliEnv {
  configDir: string;
  env: NodeJS.ProcessEnv;
}

const PROXY_VARS = ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy'];

/** A fresh settings folder and keychain service per test, pointed at the fake Dropbox. */
export async function cliEnv(origin: string, appKey: string, extra: NodeJS.ProcessEnv = {}): Promise<CliEnv> {
  const configDir = mkdtempSync(path.join(os.tmpdir(), 'dtt-cfg-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DTT_CONFIG_DIR: configDir,
    DTT_KEYCHAIN_SERVICE: `Dropbox Token Tray test ${path.basename(configDir)}`,
    DTT_DROPBOX_ORIGIN: origin,
    DTT_APP_KEY: appKey,
    DTT_REDIRECT_PORT: String(await freePort()),
    DEBUG: '',
    // A developer's own proxy must not carry test traffic; proxy tests set their own.
    ...Object.fromEntries(PROXY_VARS.map((v) => [v, undefined])),
    ...extra,
  };
  return { configDir, env };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RunningCli {
  result: Promise<CliResult>;
  /** Resolves with the first stdout line matching the pattern. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  kill(signal?: NodeJS.Signals): void;
  /** Sends text to stdin and closes it (the CLI reads piped stdin to its end). */
  send(text: string): void;
}

export function startCli(args: string[], env: NodeJS.ProcessEnv, stdin?: string): RunningCli {
  const child = spawn(process.execPath, [cliBin, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    for (const w of [...waiters]) {
      const line = stdout.split('\n').find((l) => w.pattern.test(l));
      if (line) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  if (stdin !== undefined) child.stdin.end(stdin);
  const result = new Promise<CliResult>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return {
    result,
    kill: (signal = 'SIGINT') => child.kill(signal),
    send: (text) => child.stdin.end(text),
    waitForLine(pattern, timeoutMs = 15_000) {
      const found = stdout.split('\n').find((l) => pattern.test(l));
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no line matching ${pattern} in:\n${stdout}\n${stderr}`)),
          timeoutMs,
        );
        waiters.push({ pattern, resolve: (l) => (clearTimeout(timer), resolve(l)) });
        void result.then(() => reject(new Error(`CLI exited before printing ${pattern}:\n${stdout}\n${stderr}`)));
      });
    },
  };
}

export function runCli(args: string[], env: NodeJS.ProcessEnv, stdin = ''): Promise<CliResult> {
  return startCli(args, env, stdin).result;
}

/** Every file's text under a folder, to prove no secret landed there. */
export function readAllFiles(dir: string): string {
  let all = '';
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    all += statSync(full).isDirectory() ? readAllFiles(full) : readFileSync(full, 'utf8');
  }
  return all;
}

/** The app key the node tests' fake Dropbox knows. */
export const TEST_APP_KEY = 'testappkey123456';

export interface FakeDropboxCli {
  /** This file's fake Dropbox: started in beforeAll, so use it inside tests and hooks only. */
  fake: FakeDropbox;
  appKey: string;
  /** A fresh settings folder and keychain service, pointed at the fake (cliEnv). */
  newEnv(extra?: NodeJS.ProcessEnv): Promise<CliEnv>;
  /** A fresh environment with an App Console token pasted (`paste` must exit 0). */
  pasted(extra?: NodeJS.ProcessEnv): Promise<{ e: CliEnv; token: string }>;
  /** A fresh environment connected through `connect --no-browser`, the fake approving (exit 0). */
  signedIn(extra?: NodeJS.ProcessEnv): Promise<CliEnv>;
}

/**
 * The set-up the CLI tests share: one fake Dropbox per file (or per describe block it is called
 * in), closed afterwards, and fresh connected or unconnected CLI environments against it.
 */
export function useFakeDropbox(options: FakeDropboxOptions = {}): FakeDropboxCli {
  const appKey = options.appKey ?? TEST_APP_KEY;
  let started: FakeDropbox | undefined;
  beforeAll(async () => {
    started = await startFakeDropbox({ ...options, appKey });
  });
  afterAll(() => started?.close());
  // The tests name `fake` before beforeAll has started it; every use reaches the started one.
  const fake = new Proxy({} as FakeDropbox, {
    get(_target, key) {
      if (!started) throw new Error('the fake Dropbox starts in beforeAll: use it inside tests and hooks');
      const value: unknown = Reflect.get(started, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(started) : value;
    },
  });
  const newEnv = (extra: NodeJS.ProcessEnv = {}) => cliEnv(fake.origin, appKey, extra);
  return {
    fake,
    appKey,
    newEnv,
    async pasted(extra = {}) {
      const e = await newEnv(extra);
      const token = fake.mintAppConsoleToken();
      const r = await runCli(['paste'], e.env, token);
      expect(r.code, r.stderr).toBe(0);
      return { e, token };
    },
    async signedIn(extra = {}) {
      const e = await newEnv(extra);
      fake.registerRedirect(`http://127.0.0.1:${e.env.DTT_REDIRECT_PORT}/callback`);
      const cli = startCli(['connect', '--no-browser'], e.env);
      const url = await cli.waitForLine(/^https?:\/\//);
      const { location } = await fake.approve(url.trim());
      await fetch(location!);
      const done = await cli.result;
      expect(done.code, done.stderr).toBe(0);
      return e;
    },
  };
}

import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DropboxNetworkError } from '../core/dropbox/api-error';
import { DttError } from '../core/errors';
import { errorText } from '../shared/error-catalog';
import { startupFailureText } from './startup';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..', '..');
const fakeToken = () => 'sl.u.' + 'Ab9'.repeat(40) + Date.now().toString(36);

describe('startupFailureText', () => {
  it('says in plain words that the app closed, what failed, and never a token', () => {
    const token = fakeToken();
    const { title, content } = startupFailureText(
      new DttError('internal', `The settings file in /home/x/.config could not be read: line has ${token}`),
    );
    expect(title).toBe('Dropbox Token Tray could not start');
    expect(content).toContain('closed instead of running unseen');
    expect(content).toContain('The settings file in /home/x/.config could not be read');
    expect(content).not.toContain(token);
    const keychain = startupFailureText(new DttError('keychain-unavailable', 'no D-Bus session'));
    expect(keychain.content).toContain('no D-Bus session');
    expect(startupFailureText(new Error('boom')).content).toContain('boom');
  });

  it('converts what was thrown the one way the core does: a network failure reads as one', () => {
    const offline = errorText('network-offline', 'window');
    const { content } = startupFailureText(new DropboxNetworkError('getaddrinfo ENOTFOUND api.dropboxapi.com'));
    expect(content).toContain(`${offline.title}. ${offline.action}`);
    expect(content).not.toContain('ENOTFOUND');
  });
});

describe('installLastResort', () => {
  it('logs an uncaught error and a rejection (redacted) and the process lives on', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dtt-lastresort-'));
    const token = fakeToken();
    const script = path.join(dir, 'crash.ts');
    writeFileSync(
      script,
      [
        `import { installLastResort } from ${JSON.stringify(path.join(root, 'electron/main/startup.ts'))};`,
        'installLastResort();',
        `setTimeout(() => { throw new Error('timer broke with ${token}'); }, 10);`,
        `setTimeout(() => void Promise.reject(new Error('promise broke')), 20);`,
        `setTimeout(() => { console.log('still alive'); process.exit(0); }, 200);`,
      ].join('\n'),
    );
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', script], { cwd: root });
    expect(stdout).toContain('still alive');
    expect(stderr).toContain('uncaught error (kept running): Error: timer broke with sl.u.');
    expect(stderr).toContain('unhandled rejection (kept running): Error: promise broke');
    expect(stderr).not.toContain(token);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { userDataDir } from '../core/paths';
import { describeStore } from '../core/vault/store-name';
import { noConnectionStatus } from '../shared/no-connection-status';
import type { PublicStatus } from '../shared/state';

// `status` on a machine with nothing connected and no projects needs no keychain, no network
// and no settings store: a plain read of the settings file tells. Scripts call `status --json`
// often, so this path skips loading the core service (see service-loader.ts).

/** The status the core would report, when the settings file shows nothing to check; else null. */
export function quickDisconnectedStatus(env: NodeJS.ProcessEnv = process.env): PublicStatus | null {
  let data: { connection?: unknown; projects?: unknown[] } = {};
  try {
    data = JSON.parse(readFileSync(path.join(userDataDir(env), 'config.json'), 'utf8')) as typeof data;
  } catch (error) {
    // No file yet is "nothing connected"; anything odd about it goes the full way, which explains.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return null;
  }
  if (typeof data !== 'object' || data === null || data.connection || (data.projects?.length ?? 0) > 0) return null;
  return noConnectionStatus('disconnected', describeStore(process.platform, env));
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { userDataDir } from '../core/paths';
import { describeStore } from '../core/vault/store-name';
import { noConnectionStatus } from '../shared/no-connection-status';
import { statusExitCode, type PublicStatus } from '../shared/state';
import { statusJson } from './status-json';

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

/** What `status --json` prints for the quick status (the full CLI prints the same, see connection-commands.ts). */
export function quickStatusJsonText(quick: PublicStatus): string {
  return JSON.stringify(statusJson({ ...quick, projects: [] }), null, 2);
}

/**
 * The entry's fast path: exactly `status --json`, with nothing connected, answered and true;
 * anything else false, for the full CLI. Scripts poll this, so it loads no more than it needs.
 */
export function quickStatusJson(args: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  if (args.length !== 2 || args[0] !== 'status' || args[1] !== '--json') return false;
  const quick = quickDisconnectedStatus(env);
  if (!quick) return false;
  process.stdout.write(`${quickStatusJsonText(quick)}\n`);
  process.exitCode = statusExitCode(quick.state, quick.problem);
  return true;
}

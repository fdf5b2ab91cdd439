import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { userDataDir } from '../core/paths';
import { SETTINGS_SCHEMA } from '../core/settings-schema';
import { describeStore } from '../core/vault/store-name';
import { noConnectionStatus } from '../shared/no-connection-status';
import { statusExitCode, type PublicStatus } from '../shared/state';
import { endQuietlyWhenReaderCloses } from './closed-pipe';
import { statusJson } from './status-json';

// `status` on a machine with nothing connected and no projects needs no keychain, no network
// and no settings store: a plain read of the settings file tells. Scripts call `status --json`
// often, so this path skips loading the core service (see service-loader.ts).

/** More than any settings file with nothing connected; a bigger one goes the full way. */
const MAX_QUICK_BYTES = 64 * 1024;

/** The file's text; undefined when there is none; null when it is anything but a small plain file. */
function readSmallFile(file: string): string | null | undefined {
  let fd: number;
  try {
    // Non-blocking, so a named pipe in its place can't hold the read (and every script) forever.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : null;
  }
  try {
    const info = fstatSync(fd);
    return info.isFile() && info.size <= MAX_QUICK_BYTES ? readFileSync(fd, 'utf8') : null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** True when the settings store would take this value (the subset of JSON Schema the schema uses). */
function fitsSchema(key: string, value: unknown): boolean {
  if (!Object.hasOwn(SETTINGS_SCHEMA, key)) return false;
  const rule: { type: string | readonly string[]; maxLength?: number; minimum?: number; maximum?: number } =
    SETTINGS_SCHEMA[key as keyof typeof SETTINGS_SCHEMA];
  const types = typeof rule.type === 'string' ? [rule.type] : rule.type;
  const typed = types.some((t) =>
    t === 'integer'
      ? Number.isInteger(value)
      : t === 'array'
        ? Array.isArray(value)
        : t === 'null'
          ? value === null
          : t === 'object'
            ? typeof value === 'object' && value !== null && !Array.isArray(value)
            : typeof value === t,
  );
  const n = value as number;
  return (
    typed &&
    (rule.maxLength === undefined || (value as string).length <= rule.maxLength) &&
    (rule.minimum === undefined || n >= rule.minimum) &&
    (rule.maximum === undefined || n <= rule.maximum)
  );
}

/**
 * The status the core would report, when the settings file shows nothing to check; else null.
 * Only a file the settings store would open the same way is answered here: anything odd about it
 * (not a plain file, not JSON, a value the schema refuses) goes the full way, which explains.
 */
export function quickDisconnectedStatus(env: NodeJS.ProcessEnv = process.env): PublicStatus | null {
  const text = readSmallFile(path.join(userDataDir(env), 'config.json'));
  if (text === null) return null;
  let data: unknown = {};
  try {
    // No file yet is "nothing connected"; an empty one is as damaged as any other (the store says so).
    if (text !== undefined) data = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const entries = Object.entries(data);
  if (!entries.every(([key, value]) => fitsSchema(key, value))) return null;
  const { connection, projects } = data as { connection?: unknown; projects?: unknown[] };
  if (connection || (projects?.length ?? 0) > 0) return null;
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
  process.exitCode = statusExitCode(quick.state, quick.problem);
  // Any other write failure (a full disk behind `>`) is said plainly, never as a stack.
  endQuietlyWhenReaderCloses((error) => {
    process.stderr.write(
      `Error: the status could not be written (${(error as NodeJS.ErrnoException).code ?? 'write failed'}).\n`,
    );
    process.exit(1);
  });
  process.stdout.write(`${quickStatusJsonText(quick)}\n`);
  return true;
}

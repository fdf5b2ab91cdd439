import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  classifyPython,
  classifyStructured,
  dotenvKeys,
  dotenvReason,
  type Classified,
  type DotenvFindings,
} from './detect-content';
import { encodingProblem } from './files/encoding';
import { guessFormat, type FormatName } from './formats';
import { listProjectFiles } from './list-files';

// Finds the places in a project that should receive the token. It only reads: proposals are
// shown to the user, who picks what to sync. Every file is listed (list-files.ts), only those
// of a format we edit are read, and each one's text is checked for the guide's words before it
// is parsed, so a big repository costs little more than listing it (`npm run bench`).

export interface DetectedTarget {
  /** Relative to the project, with `/` separators. */
  file: string;
  format: FormatName;
  key?: string;
  /** Plain words, e.g. 'has DROPBOX_ACCESS_TOKEN'. */
  reason: string;
  /** For a `.env` proposed from `.env.example`: the file to copy it from (relative). */
  createFrom?: string;
}

export interface DetectOptions {
  maxFiles?: number;
  timeBudgetMs?: number;
  maxFileBytes?: number;
}

export interface DetectResult {
  targets: DetectedTarget[];
  /** The time or file budget ran out: some files of the project were not searched. */
  truncated: boolean;
  skipped: Array<{ file: string; why: string }>;
}

/** Big generated files that can't hold a token we should write. */
const SKIP_FILES = new Set(['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'composer.lock']);
const ENV_TEMPLATES = new Set(['.env.example', '.env.sample', '.env.template']);
const BINARY_SNIFF_BYTES = 8 * 1024;
const SLICE_MS = 25;

type Read = { text: string } | { skip: string } | undefined;

export async function detectTargets(projectDir: string, opts: DetectOptions = {}): Promise<DetectResult> {
  const maxFiles = opts.maxFiles ?? 500_000;
  const deadline = Date.now() + (opts.timeBudgetMs ?? 20_000);
  const maxBytes = opts.maxFileBytes ?? 5 * 1024 * 1024;
  const targets: DetectedTarget[] = [];
  const skipped: DetectResult['skipped'] = [];
  if (Date.now() > deadline) return { targets, truncated: true, skipped };

  const listed = await listProjectFiles(projectDir, maxFiles, deadline);
  let truncated = listed.truncated;
  const candidates = listed.files.flatMap((file) => {
    const name = file.slice(file.lastIndexOf('/') + 1);
    if (file.includes('\uFFFD')) {
      // Bytes that aren't UTF-8 were replaced; the name can't be written back byte for byte.
      if (guessFormat(name)) skipped.push({ file, why: 'its name is not valid UTF-8 text; rename it to use it' });
      return [];
    }
    const format = SKIP_FILES.has(name) ? undefined : guessFormat(name);
    return format ? [{ file, name, format, dir: file.slice(0, Math.max(0, file.lastIndexOf('/'))) }] : [];
  });

  // Synchronous reads in short slices: far faster than one promise per file for thousands of
  // small files, and yielding between slices keeps the app responsive.
  const readText = (rel: string): Read => {
    const full = path.join(projectDir, rel);
    const info = lstatSync(full, { throwIfNoEntry: false });
    // Gone since git listed it (deleted, sparse checkout), or a folder (a submodule): nothing to read.
    if (!info) return undefined;
    // A symlinked config file would be written through to wherever it points, so it isn't proposed.
    if (info.isSymbolicLink()) return { skip: 'symbolic link' };
    if (!info.isFile()) return undefined;
    if (info.size > maxBytes) return { skip: `larger than ${formatSize(maxBytes)}` };
    const bytes = readFileSync(full);
    const encoding = encodingProblem(bytes);
    if (encoding) return { skip: encoding };
    if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { skip: 'binary file' };
    return { text: new TextDecoder('utf-8').decode(bytes) };
  };

  const reads = new Array<Read>(candidates.length);
  for (let i = 0, sliceEnd = Date.now() + SLICE_MS; i < candidates.length; i++) {
    if (Date.now() > sliceEnd) {
      if (Date.now() > deadline) {
        truncated = true;
        break;
      }
      await new Promise((resolve) => setImmediate(resolve));
      sliceEnd = Date.now() + SLICE_MS;
    }
    try {
      reads[i] = readText((candidates[i] as (typeof candidates)[number]).file);
    } catch (error) {
      reads[i] = { skip: `could not read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
    }
  }

  const perDir = new Map<
    string,
    { envFiles: Map<string, DotenvFindings>; unreadable: Set<string>; names: Set<string> }
  >();
  candidates.forEach(({ file, name, format, dir }, i) => {
    const read = reads[i];
    let here = perDir.get(dir);
    if (!here) perDir.set(dir, (here = { envFiles: new Map(), unreadable: new Set(), names: new Set() }));
    if (format === 'dotenv' && read !== undefined) here.names.add(name);
    if (read === undefined || 'skip' in read) {
      if (read) skipped.push({ file, why: read.skip });
      if (format === 'dotenv') here.unreadable.add(name);
      return;
    }
    const text = read.text;
    if (format === 'dotenv') {
      const found = dotenvKeys(text);
      if (found && 'unreadable' in found) {
        skipped.push({ file, why: found.unreadable });
        here.unreadable.add(name);
      } else if (found) {
        here.envFiles.set(name, found);
      }
      return;
    }
    const classified: Classified = format === 'python' ? classifyPython(text) : classifyStructured(text, format, file);
    if ('unreadable' in classified) skipped.push({ file, why: classified.unreadable });
    else
      for (const f of classified.findings)
        targets.push({ file, format, ...(f.key ? { key: f.key } : {}), reason: f.reason });
  });
  for (const [dir, here] of perDir)
    if (!here.unreadable.has('.env')) targets.push(...envTargets(dir, here.envFiles, here.names));

  const byFile = (a: { file: string }, b: { file: string }) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  return { targets: targets.sort(byFile), truncated, skipped: skipped.sort(byFile) };
}

/**
 * Real .env files with DROPBOX_* keys are proposed as they are. Templates (.env.example…) are
 * committed, so they never get a token; when only a template mentions Dropbox, the proposal is
 * the `.env` next to it — created from the template if it doesn't exist yet.
 */
function envTargets(relDir: string, envFiles: Map<string, DotenvFindings>, names: Set<string>): DetectedTarget[] {
  const rel = (name: string) => (relDir ? `${relDir}/${name}` : name);
  const real = [...envFiles].filter(([name]) => !ENV_TEMPLATES.has(name));
  if (real.length > 0) {
    return real.map(([name, found]) => ({
      file: rel(name),
      format: 'dotenv',
      key: found.accessKey,
      reason: dotenvReason(found),
    }));
  }
  const template = [...envFiles].find(([name]) => ENV_TEMPLATES.has(name));
  if (!template) return [];
  const [templateName, found] = template;
  const target: DetectedTarget = { file: rel('.env'), format: 'dotenv', key: found.accessKey, reason: '' };
  if (names.has('.env')) {
    target.reason = `${templateName} lists DROPBOX_* keys — they will be added to .env`;
  } else {
    target.reason = `${templateName} lists DROPBOX_* keys — a .env will be created from it`;
    target.createFrom = rel(templateName);
  }
  return [target];
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}

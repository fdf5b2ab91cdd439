import type { Dirent } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  classifyPython,
  classifyStructured,
  dotenvKeys,
  dotenvReason,
  type Classified,
  type DotenvFindings,
} from './detect-content';
import { guessFormat, type FormatName } from './formats';

// Finds the files in a project that should receive the token. It only reads: proposals are
// shown to the user, who picks what to sync.

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
  /** The time or file budget ran out before the whole project was looked at. */
  truncated: boolean;
  skipped: Array<{ file: string; why: string }>;
}

const SKIP_DIRS = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  '.venv',
  'venv',
  '__pycache__',
  'site-packages',
  'dist',
  'build',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
]);
/** Big generated files that can't hold a token we should write. */
const SKIP_FILES = new Set(['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'composer.lock']);
const ENV_TEMPLATES = new Set(['.env.example', '.env.sample', '.env.template']);
const BINARY_SNIFF_BYTES = 8 * 1024;

export async function detectTargets(projectDir: string, opts: DetectOptions = {}): Promise<DetectResult> {
  const maxFiles = opts.maxFiles ?? 5000;
  const budgetMs = opts.timeBudgetMs ?? 2000;
  const maxBytes = opts.maxFileBytes ?? 5 * 1024 * 1024;
  const started = Date.now();
  const targets: DetectedTarget[] = [];
  const skipped: DetectResult['skipped'] = [];
  let filesSeen = 0;
  let truncated = false;

  const readText = async (full: string, rel: string): Promise<string | undefined> => {
    const info = await stat(full);
    if (info.size > maxBytes) {
      skipped.push({ file: rel, why: `larger than ${formatSize(maxBytes)}` });
      return undefined;
    }
    const bytes = await readFile(full);
    if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
      skipped.push({ file: rel, why: 'binary file' });
      return undefined;
    }
    return new TextDecoder('utf-8').decode(bytes);
  };

  const dirs = [''];
  while (dirs.length > 0 && !truncated) {
    if (Date.now() - started > budgetMs) {
      truncated = true;
      break;
    }
    const relDir = dirs.shift() as string;
    let entries: Dirent[];
    try {
      entries = await readdir(path.join(projectDir, relDir), { withFileTypes: true });
    } catch (error) {
      skipped.push({
        file: relDir || '.',
        why: `could not list folder (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      });
      continue;
    }
    // A virtualenv can have any name; pyvenv.cfg at its top gives it away.
    if (relDir && entries.some((e) => e.name === 'pyvenv.cfg')) continue;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

    const envFiles = new Map<string, DotenvFindings>();
    const unreadableEnv = new Set<string>();
    const names = new Set(entries.map((e) => e.name));
    for (const entry of entries) {
      const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
      if (entry.name.includes('\uFFFD')) {
        // Bytes that aren't UTF-8 were replaced; the name can't be written back byte for byte.
        if (entry.isDirectory() || guessFormat(entry.name))
          skipped.push({ file: rel, why: 'its name is not valid UTF-8 text; rename it to use it' });
        continue;
      }
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) dirs.push(rel);
        continue;
      }
      const format = SKIP_FILES.has(entry.name) ? undefined : guessFormat(entry.name);
      if (entry.isSymbolicLink()) {
        // Symlinked folders aren't followed (they can loop or leave the project); a symlinked
        // config file would be written through to wherever it points, so it isn't proposed.
        if (format) skipped.push({ file: rel, why: 'symbolic link' });
        continue;
      }
      if (!entry.isFile()) continue;
      if (++filesSeen > maxFiles || Date.now() - started > budgetMs) {
        truncated = true;
        break;
      }
      if (!format) continue;

      let text: string | undefined;
      try {
        text = await readText(path.join(projectDir, rel), rel);
      } catch (error) {
        skipped.push({ file: rel, why: `could not read (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
      }
      if (text === undefined) {
        if (format === 'dotenv') unreadableEnv.add(entry.name);
        continue;
      }

      if (format === 'dotenv') {
        const found = dotenvKeys(text);
        if (found && 'unreadable' in found) {
          skipped.push({ file: rel, why: found.unreadable });
          unreadableEnv.add(entry.name);
        } else if (found) {
          envFiles.set(entry.name, found);
        }
        continue;
      }
      const classified: Classified = format === 'python' ? classifyPython(text) : classifyStructured(text, format);
      if ('unreadable' in classified) skipped.push({ file: rel, why: classified.unreadable });
      else
        for (const f of classified.findings)
          targets.push({ file: rel, format, ...(f.key ? { key: f.key } : {}), reason: f.reason });
    }
    if (!unreadableEnv.has('.env')) targets.push(...envTargets(relDir, envFiles, names));
  }

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

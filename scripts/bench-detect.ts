import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fdir } from 'fdir';
import { detectTargets } from '../electron/core/projects/detect';
import { bigProject, ENGINE_SETTINGS } from '../test/support/big-project';

// Detection on a generated 35,000-file project, next to the bare cost of listing it (a plain
// walk, a plain `git ls-files`), so the ratio shows what reading and classifying adds.

const GIT_ENV = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const git = (dir: string, ...args: string[]) =>
  execFileSync('git', args, { cwd: dir, env: GIT_ENV, stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 }).toString();

async function timed<T>(run: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await run();
  return { ms: performance.now() - t, value };
}

async function detectOnce(root: string, label: string, baseline: { ms: number }, log: (line: string) => void) {
  const found = await timed(() => detectTargets(root));
  const ok = !found.value.truncated && found.value.targets.some((t) => t.file === ENGINE_SETTINGS);
  log(
    `detection, 35k files, ${label}: ${found.ms.toFixed(0)} ms (plain listing ${baseline.ms.toFixed(0)} ms, ×${(found.ms / baseline.ms).toFixed(1)})${ok ? '' : ' — MISSED settings.py'}`,
  );
  return ok;
}

export async function benchDetect(log: (line: string) => void = console.log): Promise<boolean> {
  const root = bigProject();
  try {
    const walk = await timed(() => new fdir().withRelativePaths().crawl(root).withPromise());
    const walked = await detectOnce(root, 'walked', walk, log);
    writeFileSync(path.join(root, '.gitignore'), 'node_modules/\n');
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, '-c', 'user.name=bench', '-c', 'user.email=bench@example.com', 'commit', '-qm', 'bench', '--no-verify');
    const list = await timed(() => git(root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'));
    const listedByGit = await detectOnce(root, 'git repository', list, log);
    return walked && listedByGit;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { openSettings } from '../electron/core/settings';
import { Projects } from '../electron/core/projects/projects';
import type { ProjectTarget } from '../electron/core/settings-schema';

// Syncs N projects with 4 targets each (dotenv, JSON, YAML, Python) in real temp folders and
// prints the time per target, for a first sync (every file changes) and a second (none does).

const token = () => `sl.u.${randomBytes(1100).toString('base64url').slice(0, 1350)}`;

function makeProject(root: string, i: number): { dir: string; targets: ProjectTarget[] } {
  const dir = path.join(root, `project-${i}`);
  mkdirSync(path.join(dir, 'config'), { recursive: true });
  writeFileSync(path.join(dir, '.env'), `# project ${i}\nOTHER=1\nDROPBOX_ACCESS_TOKEN=\n`);
  writeFileSync(
    path.join(dir, 'config/app.json'),
    '{\n  // settings\n  "name": "x",\n  "dropbox": { "access_token": "" }\n}\n',
  );
  writeFileSync(
    path.join(dir, 'config/app.yaml'),
    '# settings\nname: x\ndropbox:\n  access_token: ""  # filled by the tray\n',
  );
  writeFileSync(
    path.join(dir, 'settings.py'),
    'class DropboxSettings:\n    access_token: str = "YOUR_NEW_TOKEN_HERE"\n',
  );
  return {
    dir,
    targets: [
      { file: '.env', format: 'dotenv', includeRefreshToken: false },
      { file: 'config/app.json', format: 'json', includeRefreshToken: false },
      { file: 'config/app.yaml', format: 'yaml', includeRefreshToken: false },
      { file: 'settings.py', format: 'python', includeRefreshToken: false },
    ],
  };
}

export async function benchSync(projectCount = 50): Promise<{ targets: number; firstMs: number; secondMs: number }> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'dtt-bench-'));
  try {
    const settings = openSettings({ DTT_CONFIG_DIR: path.join(root, 'config') });
    const value = token();
    const projects = new Projects(settings, { values: async () => ({ accessToken: value }) });
    for (let i = 0; i < projectCount; i++) {
      const p = makeProject(root, i);
      projects.add(p.dir, p.targets);
    }
    const targets = projectCount * 4;
    let t = performance.now();
    const first = await projects.sync();
    const firstMs = performance.now() - t;
    if (first.targets.filter((r) => r.outcome === 'updated').length !== targets)
      throw new Error(
        `bench: expected ${targets} updates, got ${JSON.stringify(first.targets.find((r) => r.outcome !== 'updated'))}`,
      );
    t = performance.now();
    await projects.sync();
    const secondMs = performance.now() - t;
    return { targets, firstMs, secondMs };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export function printSync(label: string, r: { targets: number; firstMs: number; secondMs: number }): void {
  console.log(
    `${label}: ${r.targets} targets — first sync ${r.firstMs.toFixed(0)} ms (${(r.firstMs / r.targets).toFixed(2)} ms/target), second ${r.secondMs.toFixed(0)} ms (${(r.secondMs / r.targets).toFixed(2)} ms/target)`,
  );
}

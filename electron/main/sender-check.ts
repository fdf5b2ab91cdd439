import path from 'node:path';
import { fileURLToPath } from 'node:url';

type PathApi = Pick<typeof path, 'resolve' | 'relative' | 'isAbsolute' | 'sep'>;

/**
 * True when `url` is a file: URL naming a file inside `rendererDir`. Compared as paths, not as
 * strings: Chromium and Node's pathToFileURL escape `~`, `[`, `]`, spaces and non-ASCII
 * differently, so a string prefix refused every request from installs under such folders
 * (e.g. a Windows 8.3 path `C:\Users\JOHNSM~1\…`).
 */
export function isRendererFileUrl(
  url: string,
  rendererDir: string,
  platform: NodeJS.Platform = process.platform,
): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'file:' || (parsed.host !== '' && platform !== 'win32')) return false;
  const p: PathApi = platform === 'win32' ? path.win32 : path.posix;
  let file: string;
  try {
    file = fileURLToPath(parsed, { windows: platform === 'win32' });
  } catch {
    return false; // e.g. an encoded "/" (%2F), which no real file URL of ours contains
  }
  const rel = p.relative(p.resolve(rendererDir), p.resolve(file));
  return rel !== '' && !rel.startsWith('..') && !p.isAbsolute(rel);
}

/** Where the window's own pages come from: build/renderer, or (`npm run dev` only) the Vite dev server. */
export interface RendererSource {
  dir: string;
  devUrl?: string;
}

/** In dev mode exactly the dev server's origin is ours (and the packaged files are not). */
export function isOwnRendererUrl(
  url: string,
  source: RendererSource,
  platform: NodeJS.Platform = process.platform,
): boolean {
  if (source.devUrl === undefined) return isRendererFileUrl(url, source.dir, platform);
  try {
    return new URL(url).origin === new URL(source.devUrl).origin;
  } catch {
    return false;
  }
}

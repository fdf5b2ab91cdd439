/**
 * `npm run dev` serves the window from Vite (HMR) instead of build/renderer. Only an unpackaged
 * app honours DTT_DEV_RENDERER_URL, and only for a loopback http origin: an installed app
 * always loads its own files, whatever its environment says.
 */
export function devRendererUrl(env: NodeJS.ProcessEnv, isPackaged: boolean): string | undefined {
  const raw = env.DTT_DEV_RENDERER_URL;
  if (isPackaged || !raw) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  const loopback = url?.hostname === '127.0.0.1' || url?.hostname === 'localhost';
  if (!url || url.protocol !== 'http:' || !loopback || !url.port || url.href !== `${url.origin}/`)
    throw new Error(`DTT_DEV_RENDERER_URL must look like http://127.0.0.1:5173/ (got ${JSON.stringify(raw)})`);
  return url.href;
}

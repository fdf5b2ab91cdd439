import { isOwnRendererUrl, type RendererSource } from './sender-check';

/**
 * What the window may be granted: only writing plain text to the clipboard (the Copy buttons;
 * navigator.clipboard.writeText asks for "clipboard-sanitized-write"), and only for our own
 * page in the top frame. Reading the clipboard, notifications, media… are always refused.
 */
export function isPermissionGranted(
  permission: string,
  request: { requestingUrl: string; isMainFrame: boolean },
  renderer: RendererSource,
  platform: NodeJS.Platform = process.platform,
): boolean {
  return (
    permission === 'clipboard-sanitized-write' &&
    request.isMainFrame &&
    isOwnRendererUrl(request.requestingUrl, renderer, platform)
  );
}

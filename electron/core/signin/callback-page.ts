import { PRODUCT_NAME } from '../../shared/app-identity';

// The page the user's browser tab shows after Dropbox sends it back to us.

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function callbackPage(title: string, message: string, ok: boolean): string {
  const color = ok ? '#0b7a3b' : '#a4262c';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(title)} — ${escapeHtml(PRODUCT_NAME)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1e1919}
h1{font-size:1.4rem;color:${color}}@media (prefers-color-scheme:dark){body{background:#1e1e1e;color:#eee}}</style>
</head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main></body></html>`;
}

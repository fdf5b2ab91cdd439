import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// A minimal renderer for when build/renderer doesn't exist yet: the same CSP a packaged renderer
// should have, and a script that uses the bridge the way the real UI does (status on load,
// redraw on dtt:state-changed), so specs can read what the window shows.

const HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'">
<title>Dropbox Token Tray</title>
<script src="./app.js" defer></script>
</head>
<body>
<main>
<h1 id="header">Loading…</h1>
<p id="state"></p>
</main>
</body>
</html>
`;

const SCRIPT = `'use strict';
function render(status) {
  document.getElementById('header').textContent = status.account ? status.account.name : 'Not connected';
  document.getElementById('state').textContent = status.state + (status.expiresSoon ? ' (expires soon)' : '');
}
window.dtt.onStateChanged(render);
window.dtt.status().then((r) => { if (r.ok) render(r.value); });
`;

export function writeTestRenderer(dir = mkdtempSync(path.join(os.tmpdir(), 'dtt-renderer-'))): string {
  writeFileSync(path.join(dir, 'index.html'), HTML);
  writeFileSync(path.join(dir, 'app.js'), SCRIPT);
  return dir;
}

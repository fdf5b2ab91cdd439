// Plain server-rendered pages: they must work in a real Chromium (Playwright clicks them) and be
// simple enough for the scripted browser in browser.ts to read with a regex.

export const APP_NAME = 'Dropbox Token Tray';

const SCOPE_LABELS: Record<string, string> = {
  'account_info.read': 'View basic information about your Dropbox account',
  'files.metadata.read': 'View information about your Dropbox files and folders',
  'files.content.read': 'View content of your Dropbox files and folders',
  'files.content.write': 'Edit content of your Dropbox files and folders',
};

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; background: #f7f5f2; color: #1e1919; margin: 0; }
  main { max-width: 28rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
  h1 { font-size: 1.3rem; }
  .actions { display: flex; gap: 1rem; justify-content: flex-end; margin-top: 1.5rem; }
  button { font-size: 1rem; padding: .5rem 1.25rem; border-radius: 4px; border: 1px solid #736c64; background: #fff; cursor: pointer; }
  button.primary { background: #0061fe; color: #fff; border-color: #0061fe; }
  code#auth-code { display: block; font-size: 1.2rem; padding: .75rem; background: #f0eee9; word-break: break-all; user-select: all; }
  .fake { color: #736c64; font-size: .8rem; margin-top: 2rem; }
</style>
</head>
<body>
<main>
${body}
<p class="fake">Fake Dropbox for tests — not dropbox.com.</p>
</main>
</body>
</html>
`;
}

export function authorizePage(params: URLSearchParams, scopes: string[], email: string): string {
  const hidden = [...params]
    .filter(([name]) => name !== 'decision')
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const items = scopes
    .map((s) => `<li data-scope="${escapeHtml(s)}">${escapeHtml(SCOPE_LABELS[s] ?? s)}</li>`)
    .join('\n');
  return layout(
    `API Request Authorization - Dropbox`,
    `<h1>${escapeHtml(APP_NAME)} wants to access your Dropbox</h1>
<p>Signed in as <strong>${escapeHtml(email)}</strong></p>
<p>This app will be able to:</p>
<ul>
${items}
</ul>
<form method="post" action="/oauth2/authorize/decide">
${hidden}
<div class="actions">
<button type="submit" name="decision" value="deny" id="deny-button">Deny</button>
<button type="submit" name="decision" value="allow" id="allow-button" class="primary">Allow</button>
</div>
</form>`,
  );
}

export function codePage(code: string): string {
  return layout(
    'API Request Authorized - Dropbox',
    `<h1>Access code generated</h1>
<p>Enter this code into ${escapeHtml(APP_NAME)} to finish the process.</p>
<code id="auth-code">${escapeHtml(code)}</code>`,
  );
}

export function deniedPage(): string {
  return layout(
    'API Request Denied - Dropbox',
    `<h1>Access denied</h1>\n<p>You chose not to give ${escapeHtml(APP_NAME)} access to your Dropbox.</p>`,
  );
}

export function errorPage(detail: string): string {
  return layout(
    'Error - Dropbox',
    `<h1>Error (400)</h1>
<p>It seems the app you were using submitted a bad request. If you would like to report this error to the app's developer, include the information below.</p>
<p>More details for developers:</p>
<p id="error-detail">${escapeHtml(detail)}</p>`,
  );
}

import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Module scripts and `crossorigin` links are fetched in CORS mode, which file:// pages can't do
 * outside Electron's privileged file protocol. One classic deferred script (an IIFE bundle) and
 * plain links load the same way everywhere the page is opened from disk.
 */
function classicScriptForFileUrls(): Plugin {
  return {
    name: 'dtt-classic-script',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html) => {
        const out = html
          .replace(/<script type="module" crossorigin /g, '<script defer ')
          .replace(/ crossorigin(?=[ >])/g, '');
        // The CSP would block these at run time; fail the build instead.
        if (/<script(?![^>]*\bsrc=)[^>]*>/i.test(out) || /<style\b|\sstyle=/i.test(out) || /type="module"/.test(out)) {
          throw new Error('renderer/index.html: inline script or style (or a module script) left in the built page');
        }
        return out;
      },
    },
  };
}

/**
 * `npm run dev` only: the page's CSP (connect-src 'none', scripts from 'self') would block
 * Vite's HMR websocket and React Fast Refresh's one inline preamble. The served page allows that
 * websocket and scripts/styles carrying this server's nonce; the built page is untouched.
 */
function devServerCsp(): Plugin {
  const nonce = randomBytes(16).toString('base64url');
  return {
    name: 'dtt-dev-server-csp',
    apply: 'serve',
    config: () => ({ html: { cspNonce: nonce } }),
    transformIndexHtml: {
      order: 'post',
      handler: (html, ctx) => {
        const origin = ctx.server?.resolvedUrls?.local[0];
        if (!origin) throw new Error('dev-server CSP: the server has no local URL yet');
        const ws = new URL(origin).origin.replace(/^http:/, 'ws:');
        const csp = /content="(default-src 'none';[^"]*)"/.exec(html);
        if (!csp?.[1]) throw new Error('renderer/index.html: no Content-Security-Policy meta tag to adapt');
        const dev = csp[1]
          .replace("script-src 'self'", `script-src 'self' 'nonce-${nonce}'`)
          .replace("style-src 'self'", `style-src 'self' 'nonce-${nonce}'`)
          .replace("connect-src 'none'", `connect-src ${ws}`);
        return html.replace(csp[1], dev);
      },
    },
  };
}

// The window loads build/renderer/index.html from disk (file://), so every URL in the output
// must be relative, and nothing may be inline: the page's CSP allows 'self' only.
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react(), classicScriptForFileUrls(), devServerCsp()],
  build: {
    outDir: fileURLToPath(new URL('./build/renderer', import.meta.url)),
    emptyOutDir: true,
    // Electron 45 ships Chromium 140: no need to downlevel.
    target: 'chrome140',
    // Assets are inlined as data: URLs below this size; keep everything as files instead, so
    // the CSP never has to allow data: for anything but images.
    assetsInlineLimit: 0,
    // The polyfill is only for browsers without modulepreload; Chromium has it.
    modulePreload: { polyfill: false },
    sourcemap: false,
    rolldownOptions: { output: { format: 'iife' } },
    // One CSS file beside the bundle; code-split CSS would be injected from JS as a <style>.
    cssCodeSplit: false,
    reportCompressedSize: false,
  },
  server: { strictPort: true },
});

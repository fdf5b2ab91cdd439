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

// The window loads build/renderer/index.html from disk (file://), so every URL in the output
// must be relative, and nothing may be inline: the page's CSP allows 'self' only.
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react(), classicScriptForFileUrls()],
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

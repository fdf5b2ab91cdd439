// One lint config for the whole repo. Besides code rules it draws the runtime boundaries: each
// zone below says what its files may import and which globals they may touch, so a layer can't
// quietly start depending on a runtime it doesn't run in. The per-zone tsconfigs say the same
// to the type checker (no Node types in renderer/, no DOM in electron/); test/node/boundaries.test.ts
// injects a violation into each zone and checks both tools refuse it.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', ...builtinModules];

/** Relative imports into another layer, written as gitignore-style groups. */
const layer = (...names) => names.flatMap((name) => [`**/${name}`, `**/${name}/**`]);

const nodeOnly = {
  group: NODE_BUILTINS,
  message: 'Node modules are not available here: this code runs in the window.',
};
const browserGlobals = ['window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage'].map(
  (name) => ({ name, message: 'This code runs in Node: there is no browser window here.' }),
);
const nodeGlobals = ['process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'global', 'setImmediate'].map(
  (name) => ({ name, message: 'This code runs in the window: Node globals are not available here.' }),
);

const noElectron = {
  name: 'electron',
  message:
    'Only electron/main/index.ts and the preload load Electron; plain Node code must not (the CLI runs without it).',
};

export default defineConfig([
  {
    ignores: ['build/', 'dist/', 'node_modules/', 'test-results/', 'coverage/', 'test/fixtures/', 'assets/', 'docs/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    // Escaping and refusing control characters (terminal escapes in file names, pasted tokens)
    // is something this app does on purpose, so regexes naming them are expected.
    rules: { 'no-control-regex': 'off' },
  },
  {
    // Type-aware rules, a chosen subset of recommendedTypeChecked: the ones that catch real bugs
    // (a promise nobody awaits or catches, a promise where a callback must return void, awaiting
    // a non-promise) and type-only imports. The rest of that set (no-unsafe-*, unbound-method,
    // require-await) mostly flags deliberate patterns here, and no-unnecessary-type-assertion's
    // autofix breaks generic emit() calls.
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/consistent-type-imports': [
        'error',
        // `typeof import('pkg')` types a module that is loaded lazily on purpose.
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Plain JS (configs, launchers, build scripts) is not in any tsconfig.
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },

  // ---- Runtime zones -------------------------------------------------------------------------
  {
    files: ['renderer/**'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The window talks to main only through window.dtt (the preload).' }],
          patterns: [
            nodeOnly,
            {
              group: layer('electron/core', 'electron/main', 'electron/preload', 'electron/cli'),
              message: 'The window may import only renderer/ and electron/shared/.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...nodeGlobals],
    },
  },
  {
    files: ['electron/shared/**'],
    // Its tests run in vitest, not in the window: they may import vitest.
    ignores: ['electron/shared/**/*.test.ts'],
    languageOptions: { globals: globals['shared-node-browser'] },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // Node builtins included. zod is the one runtime package allowed: the IPC contract's schemas live
              // here; zod/mini (the same library, tree-shakable) keeps the settings rules small in the window.
              regex: '^(?!zod$|zod/mini$|\\./)',
              allowTypeImports: true,
              message:
                'electron/shared is loaded by both the window and Node: import only ./ files and zod (or zod/mini).',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...nodeGlobals, ...browserGlobals],
    },
  },
  {
    files: ['electron/core/**', 'electron/cli/**'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              group: layer('main', 'preload', 'renderer'),
              message: 'Core and CLI run in plain Node: they never import electron/main, the preload or the window.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...browserGlobals],
    },
  },
  {
    files: ['electron/main/**'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              ...noElectron,
              allowTypeImports: true,
              message: 'Only electron/main/index.ts loads Electron; other main files get it passed in (ElectronApi).',
            },
          ],
          patterns: [{ group: layer('preload', 'renderer'), message: 'Main never imports the preload or the window.' }],
        },
      ],
      'no-restricted-globals': ['error', ...browserGlobals],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='ipcMain'], MemberExpression[object.property.name='ipcMain']",
          message: 'Register IPC through electron/main/ipc.ts, which checks the sender and the payload.',
        },
      ],
    },
  },
  {
    files: ['electron/main/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: layer('preload', 'renderer'), message: 'Main never imports the preload or the window.' }],
        },
      ],
    },
  },
  {
    files: ['electron/main/ipc.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['electron/preload/**'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { ...nodeOnly, message: 'A sandboxed preload can load only electron.' },
            {
              group: layer('core', 'main', 'renderer', 'cli'),
              message: 'The preload only bridges IPC: it imports electron and electron/shared.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**', 'scripts/**', '*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Tests read the CLI's --json output and Playwright handles, whose shapes they check at run time.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
]);

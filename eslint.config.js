/**
 * Lint: typescript-eslint's recommended rules, React's rules of hooks, every eslint-disable with its
 * reason, and the import boundaries that keep the layers apart (README "Design": which folder may
 * import which). The boundaries are ESLint's own no-restricted-imports with patterns per folder: an
 * import is judged by the path it names, which for this tree's relative imports is where it goes.
 */
import js from '@eslint/js'
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs'
import { defineConfig } from 'eslint/config'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const node = {
  regex: '^node:|^(fs|path|os|child_process|crypto|http|https|net|tls|stream|util|url|zlib)$',
  message: 'No Node built-ins here.',
}
const electron = {
  group: ['electron'],
  message: 'Only the Electron entry, window, preload and IPC binding know Electron.',
}

/** One boundary: files matching `files` may not import what `patterns` name. */
const boundary = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
})

export default defineConfig(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'drizzle/**',
      'test-results/**',
      'playwright-report/**',
      'test/harness/bridge-client.js',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  comments.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // A disable must say why: `// eslint-disable-next-line rule -- because …`.
      '@eslint-community/eslint-comments/require-description': ['error', { ignore: [] }],
      '@eslint-community/eslint-comments/disable-enable-pair': ['error', { allowWholeFile: true }],
      // A variable assigned once but read by closures built before the assignment stays `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // The command line's launcher is plain CommonJS on purpose (it runs on any Node, before anything else).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Tests and benches drive the real parts with loose data on purpose.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },

  // ---- boundaries -----------------------------------------------------------------------------
  // (A later entry for the same files replaces an earlier one's list: the general rule comes first.)
  boundary(['src/main/**'], [electron]),
  // shared: the contract and domain types; imports neither main nor renderer, nor Node nor Electron.
  boundary(
    ['src/shared/**'],
    [
      node,
      electron,
      {
        regex: '(^|/)(main|renderer|cli|preload)(/|$)',
        message: 'src/shared imports nothing from main, the renderer, the command line or the preload.',
      },
    ],
  ),
  // renderer: talks to main through the bridge only.
  boundary(
    ['src/renderer/**'],
    [
      node,
      electron,
      {
        regex: '(^|/)(main|cli|preload)(/|$)',
        message: 'The renderer reaches main only through window.sedna (the contract in src/shared).',
      },
    ],
  ),
  // preload: Electron and the contract's names.
  boundary(
    ['src/preload/**'],
    [node, { regex: '(^|/)(main|renderer|cli)(/|$)', message: 'The preload knows only the contract.' }],
  ),
  // command line: formats what the services answer; no database, no engine, no SQL.
  boundary(
    ['src/cli/**'],
    [
      electron,
      {
        group: ['drizzle-orm', 'drizzle-orm/*', 'better-sqlite3'],
        message: 'The command line calls services; it runs no SQL.',
      },
      {
        regex: '/main/(db|outbox/(engine|leased-queue|workers))(/|$)',
        message: 'The command line calls services, not the database or the engine.',
      },
    ],
  ),
  // sedna: the protocol (client, payloads, answer readers, simulator) imports nothing above it.
  boundary(
    ['src/main/sedna/**'],
    [
      electron,
      {
        regex: '^(\\.\\./)+(outbox|stop-sales|reservations|services|reference|db|files|ipc)(/|$)',
        message: 'sedna/ imports nothing above it: the app uses Sedna, not the reverse.',
      },
      { regex: '^(\\.\\./)+(app-context|handlers|credentials)$', message: 'sedna/ imports nothing above it.' },
    ],
  ),
  // outbox: the kinds plug into it; it does not know them.
  boundary(
    ['src/main/outbox/**'],
    [
      electron,
      {
        regex: '^(\\.\\./)+(stop-sales|reservations|app-context|handlers)(/|$)',
        message: 'The outbox does not know the kinds: each plugs in through its interface (wired in app-context).',
      },
    ],
  ),
  // the kinds do not import each other; files/ and reference/ import no kind.
  boundary(
    ['src/main/stop-sales/**'],
    [
      electron,
      { regex: '^(\\.\\./)+(reservations|app-context|handlers)(/|$)', message: 'A kind does not import another kind.' },
    ],
  ),
  boundary(
    ['src/main/reservations/**'],
    [
      electron,
      { regex: '^(\\.\\./)+(stop-sales|app-context|handlers)(/|$)', message: 'A kind does not import another kind.' },
    ],
  ),
  boundary(
    ['src/main/reference/**'],
    [
      electron,
      {
        regex: '^(\\.\\./)+(stop-sales|reservations|outbox|app-context|handlers)(/|$)',
        message: 'Reference data serves both kinds and imports neither.',
      },
    ],
  ),
  boundary(
    ['src/main/files/**', 'src/main/db/**'],
    [
      electron,
      {
        regex: '^(\\.\\./)+(stop-sales|reservations|outbox|services|app-context|handlers)(/|$)',
        message: 'A lower layer imports nothing above it.',
      },
    ],
  ),
  {
    // The six files that are Electron glue.
    files: [
      'src/main/index.ts',
      'src/main/window.ts',
      'src/main/tray.ts',
      'src/main/updates/electron-updater.ts',
      'src/main/ipc/register-electron.ts',
      'src/preload/index.ts',
    ],
    rules: { 'no-restricted-imports': 'off' },
  },
)

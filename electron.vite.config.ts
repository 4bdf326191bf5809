import { readFileSync } from 'node:fs'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'

/**
 * In `npm run dev` only, loosen the page's CSP for Vite's hot reload (inline preamble, injected
 * styles, websocket). Built bundles keep the strict policy from index.html.
 */
const devCsp = (): Plugin => ({
  name: 'sedna-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html
      .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
      .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
      .replace("connect-src 'self'", "connect-src 'self' ws://localhost:*"),
})

/**
 * The renderer's chunks: a tiny entry (main.tsx, early.ts: it asks for the home screen's first page at
 * once), the app (React, the data layer, the home screen and what it uses) in one chunk, each
 * language's strings, and each other screen, loaded when first opened.
 */
const ownChunk = [
  /\.html($|\?)|preload-helper/,
  /src[\\/]renderer[\\/]src[\\/](main\.tsx|early\.ts|data[\\/]page-size\.ts|i18n[\\/](choose|en|tr)\.ts)$/,
  /src[\\/]shared[\\/]messages[\\/](en|tr)\.ts$/,
  /src[\\/]renderer[\\/]src[\\/]features[\\/](reservations|reservation-detail|stop-sale-detail|queue|import|fix-in-place)[\\/]/,
  /src[\\/]renderer[\\/]src[\\/]features[\\/]settings[\\/](?!FirstRun|DemoButton)/,
  // The calendar screen (#15); the list's "Calendar" link and the hash's parsing stay in the app.
  /src[\\/]renderer[\\/]src[\\/]features[\\/]calendar[\\/](?!CalendarLink|params)/,
  // The preview before a sync (#15), loaded when first opened.
  /src[\\/]renderer[\\/]src[\\/](features[\\/]sync[\\/]Preview|data[\\/]preview\.ts$)/,
]
const inAppChunk = (id: string) => !ownChunk.some((pattern) => pattern.test(id))

/**
 * The entry loads the app with import(), after it has sent its call: these links let the browser fetch
 * the app's chunks and styles at the same time as the entry, instead of after it (`preload`, not
 * `modulepreload`: the app is read when imported, not while the entry waits to run).
 */
const link = (rel: string, file: string, as?: string) => ({
  tag: 'link',
  attrs: { rel, ...(as ? { as } : {}), crossorigin: true, href: `./${file}` },
  injectTo: 'head' as const,
})
const preloadApp = (): Plugin => ({
  name: 'sedna-preload-app',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler: (_html, ctx) =>
      Object.values(ctx.bundle ?? {}).flatMap((c) =>
        c.type === 'chunk' && ['app', 'start', 'rolldown-runtime'].includes(c.name)
          ? [link('preload', c.fileName, 'script')]
          : c.type === 'asset' && c.fileName.endsWith('.css')
            ? [link('stylesheet', c.fileName)]
            : [],
      ),
  },
})

/**
 * main bundles its pure-JS libraries (devDependencies): the packaged app loads one file instead of
 * hundreds from the asar, and the installers carry only what main loads from node_modules at run time
 * (`dependencies`: the native modules and electron-updater). bench/main-load.ts also builds it with every
 * library left in node_modules (SEDNA_MAIN_EXTERNAL=1), as before, to compare.
 */
const devDependencies = Object.keys(
  (JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { devDependencies: object })
    .devDependencies,
)
const mainExternal = process.env.SEDNA_MAIN_EXTERNAL === '1' ? { include: devDependencies } : true

export default defineConfig({
  main: { build: { externalizeDeps: mainExternal } },
  preload: {
    build: {
      // Sandboxed preloads can only require('electron'): bundle everything into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    plugins: [react(), devCsp(), preloadApp()],
    build: {
      minify: true,
      rolldownOptions: {
        output: {
          codeSplitting: { groups: [{ name: 'app', test: inAppChunk, includeDependenciesRecursively: false }] },
        },
      },
    },
  },
})

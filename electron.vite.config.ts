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

export default defineConfig({
  main: {},
  preload: {
    build: {
      // Sandboxed preloads can only require('electron'): bundle everything into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    plugins: [react(), devCsp()],
    build: { minify: true },
  },
})

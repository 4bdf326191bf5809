/**
 * Build of the command line (`src/cli`) into `out/cli/index.js`: one ES module for Node ≥ 22 that
 * imports its dependencies (better-sqlite3, keytar, undici, drizzle, zod…) from node_modules, as
 * the Electron main bundle does. `bin/sedna-stop-sales.cjs` starts it on the project's pinned Node.
 * Run by `npm run build` and before `npm test` (`npm run build:cli`).
 */
import { builtinModules } from 'node:module'
import { defineConfig } from 'vite'

export default defineConfig({
  // No public/ folder, no index.html: a plain Node program.
  publicDir: false,
  build: {
    ssr: 'src/cli/index.ts',
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node22',
    minify: false,
    sourcemap: true,
    rollupOptions: {
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
      output: { format: 'es', entryFileNames: 'index.js', chunkFileNames: '[name]-[hash].js' },
    },
  },
  ssr: { target: 'node' },
})
